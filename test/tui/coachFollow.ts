import type { ActionRequest } from '../../src/engine/index.js';
import type { DrillSession } from '../../src/play/session.js';
import type { DrillView } from '../../src/play/projections/drillView.js';

/** One thing a hint says to do: an action, a SIEM search, a console command, or wait (n). */
export type HintTodo =
  | 'wait'
  | ActionRequest
  | { search: string }
  | { shell: string; host: string }
  /** Mark every path the host's last console command printed (what the hint says to mark). */
  | { markListed: string }
  /** Restore the host from the newest point its last `ls /backup` listed (last night's). */
  | { restoreListed: string };

const call = (contact: string, channel: string): ActionRequest => ({
  do: 'escalate',
  contact,
  channel,
});
const mark = (value: string, indicator: ActionRequest['indicator']): ActionRequest => ({
  do: 'mark',
  value,
  indicator,
});

/** The contacts a hint lists, in its order, each once (those already told are skipped). */
function calls(drill: DrillView, list: Array<[string, string]>): ActionRequest[] {
  const told = new Set(
    [...drill.context.completed, ...drill.context.inProgress]
      .filter((a) => a.do === 'escalate')
      .map((a) => a.contact),
  );
  return list.filter(([contact]) => !told.has(contact)).map(([c, ch]) => call(c, ch));
}

/** The matrix for major, most urgent first, as the hints spell it out. */
const MAJOR: Array<[string, string]> = [
  ['soc-provider', 'phone'],
  ['mouse', 'phone'],
  ['infra-team', 'chat'],
  ['epp-provider', 'phone'],
  ['snow', 'phone'],
  ['duck', 'phone'],
];

/** The source address of the newest search result on `host` whose path matches. */
function addressInResults(session: DrillSession, host: string, path: RegExp): string | undefined {
  const hit = session.lastSearch?.hits.find(
    (h) => h.component === host && path.test(String(h.fields.path ?? '')),
  );
  const ip = hit?.fields.src_ip;
  return typeof ip === 'string' ? ip : undefined;
}

/** The paths (lines starting with /) the last console command on a host printed. */
export function pathsListed(session: DrillSession, host: string): ActionRequest[] {
  const last = session.consoleTranscript(host).at(-1);
  return (last?.lines ?? [])
    .map((l) => l.trim())
    .filter((l) => /^\/\S+$/.test(l))
    .map((p) => mark(p, 'path'));
}

/** The files ending in `.php` the last `ls -la <folder>` on a host listed, as full paths. */
function phpFilesListed(session: DrillSession, host: string, folder: string): string[] {
  const last = session.consoleTranscript(host).at(-1);
  return (last?.lines ?? [])
    .map((l) => l.trim().split(/\s+/).at(-1) ?? '')
    .filter((name) => name.endsWith('.php'))
    .map((name) => `${folder}/${name}`);
}

const STATIC = '/var/www/shop/public/media/static';

/**
 * What a newcomer does with each hint of a coached scenario: exactly what the hint's text says,
 * nothing more, with the values it says to take from the screen (a search result's address, a
 * file the console listed). `wait` is the turn-based "next event" key (n). Tests that follow the
 * hints use this one table, so a hint that stops saying what to do breaks them.
 */
export function hintTodos(scenario: string, hint: string, session: DrillSession): HintTodo[] {
  const drill = session.drill;
  const fired = (id: string) => drill.context.fired.some((f) => f.id === id);
  const key = `${scenario}:${hint}`;
  switch (key) {
    // incident response 101: a web shell in /media/static
    case 'intro-static-webshell:wait-for-signal':
      return ['wait'];
    case 'intro-static-webshell:look-at-alert':
      return fired('siem-static-name') ? [{ search: 'url.path:*media/static*.php' }] : ['wait'];
    case 'intro-static-webshell:mark-what-you-found': {
      const ip = addressInResults(session, 'FEServ2', /\.php$/);
      return [...(ip ? [mark(ip, 'address')] : []), mark('FEServ2', 'host')];
    }
    case 'intro-static-webshell:look-at-the-host':
      return [{ host: 'FEServ2', shell: `ls -la ${STATIC}` }];
    case 'intro-static-webshell:confirm-it':
      return [
        ...phpFilesListed(session, 'FEServ2', STATIC).map((p) => mark(p, 'path')),
        { do: 'plan.confirm' },
      ];
    case 'intro-static-webshell:declare-major':
      return [{ do: 'declare-severity', severity: 'major' }];
    case 'intro-static-webshell:call-the-soc':
      return calls(drill, MAJOR.slice(0, 1));
    case 'intro-static-webshell:escalate':
    case 'intro-static-webshell:tell-the-rest':
      return calls(drill, MAJOR);
    case 'intro-static-webshell:isolate':
      return [{ do: 'isolate-host', target: 'FEServ2' }];
    case 'intro-static-webshell:close-the-hole':
      return [{ do: 'enable-waf-rule', target: 'WAF1' }];
    case 'intro-static-webshell:snapshot':
      return [{ do: 'forensic-snapshot', target: 'FEServ2' }];
    case 'intro-static-webshell:restore':
      return [
        ...(drill.context.components.FEServ2?.snapshotAt !== undefined
          ? []
          : [{ do: 'forensic-snapshot', target: 'FEServ2' }]),
        { do: 'remove-web-shell', target: 'FEServ2' },
        { do: 'plan.coordinate-restoration' },
      ];
    case 'intro-static-webshell:impact':
      return [{ do: 'plan.assess-impact' }];
    case 'intro-static-webshell:close':
      return [{ do: 'plan.close' }];
    case 'intro-static-webshell:close-and-report':
      return [{ do: 'plan.monitor' }, { do: 'plan.report' }];
    // the source text's own example: bash from php-fpm on FEServ1
    case 'fe-bash-rce:know-the-battlefield':
      return ['wait'];
    case 'fe-bash-rce:noise-or-signal':
      return fired('siem-bash-exec')
        ? [{ search: 'url.path:*PHP%0A* AND source:nginx-access' }]
        : ['wait'];
    case 'fe-bash-rce:mark-the-attacker': {
      const ip = addressInResults(session, 'FEServ1', /PHP%0A/);
      return [...(ip ? [mark(ip, 'address')] : []), mark('FEServ1', 'host')];
    }
    case 'fe-bash-rce:look-at-feserv1':
      return [{ host: 'FEServ1', shell: 'ps aux' }];
    case 'fe-bash-rce:check-vulnerabilities':
      return [{ do: 'query-vulnerabilities', target: 'FEServ1' }];
    case 'fe-bash-rce:confirm-rce':
      return [{ do: 'plan.confirm' }];
    case 'fe-bash-rce:declare-major':
      return [{ do: 'declare-severity', severity: 'major' }];
    case 'fe-bash-rce:tell-the-soc':
      return calls(drill, MAJOR.slice(0, 1));
    case 'fe-bash-rce:isolate-feserv1':
      return [{ do: 'isolate-host', target: 'FEServ1' }];
    case 'fe-bash-rce:close-the-way-in': {
      const marked = session.actionLog.find((a) => a.do === 'mark' && a.indicator === 'address');
      return [{ do: 'block-ip', target: 'FW1', ...(marked ? { value: marked.value } : {}) }];
    }
    case 'fe-bash-rce:tell-the-rest':
    case 'fe-bash-rce:tell-the-rest-now':
      return calls(drill, MAJOR);
    case 'fe-bash-rce:keep-evidence':
      return [{ do: 'forensic-snapshot', target: 'FEServ1' }];
    case 'fe-bash-rce:patch-and-restore':
      return [
        { host: 'FEServ1', shell: "find /var/www -name '*.php' -mmin -180" },
        { markListed: 'FEServ1' },
        { do: 'plan.coordinate-restoration' },
        { do: 'plan.assess-impact' },
      ];
    case 'fe-bash-rce:keep-evidence-now':
      return [{ do: 'forensic-snapshot', target: 'FEServ1' }];
    case 'fe-bash-rce:scope-the-siblings':
      return ['FEServ2', 'FEServ3'].map((target) => ({ do: 'query-vulnerabilities', target }));
    case 'fe-bash-rce:restore-feserv1':
      return [
        { host: 'FEServ1', shell: 'ls /backup' },
        { restoreListed: 'FEServ1' },
        { do: 'rotate-secret', value: 'svc-shop' },
      ];
    case 'fe-bash-rce:patch-feserv1-again':
      return [{ do: 'patch', target: 'FEServ1' }];
    case 'fe-bash-rce:reconnect-feserv1':
      return [{ do: 'reconnect-host', target: 'FEServ1' }];
    case 'fe-bash-rce:watch-feserv1':
      return [{ do: 'query-siem', target: 'FEServ1' }];
    case 'fe-bash-rce:close-incident':
      return [{ do: 'plan.close' }];
    case 'fe-bash-rce:monitor-and-report':
      return [{ do: 'plan.monitor' }, { do: 'plan.report' }];
    // a false positive: marketing's banner
    case 'fp-marketing-upload:monday':
      return ['wait'];
    case 'fp-marketing-upload:look-first':
      return fired('siem-static-name') ? [{ do: 'query-siem', target: 'FEServ1' }] : ['wait'];
    case 'fp-marketing-upload:assess':
      return [{ do: 'plan.confirm' }, { do: 'declare-severity', severity: 'low' }];
    case 'fp-marketing-upload:undo-lockdown':
      return [{ do: 'restore-traffic', target: 'FW1' }];
    case 'fp-marketing-upload:ticket-not-phone':
      return [call('soc-provider', 'ticket')];
    case 'fp-marketing-upload:fix-the-process':
      return [{ do: 'remove-file', target: 'FEServ1' }];
    case 'fp-marketing-upload:close-as-false-positive':
      return [
        { do: 'plan.close' },
        { do: 'note', text: 'office network, CMS user m.jones, a real PNG' },
      ];
    case 'fp-marketing-upload:report':
      return [{ do: 'plan.report' }];
    default:
      throw new Error(`the test does not know what hint ${key} asks for`);
  }
}

/** Does one todo on the session (wait: the next event, or 5 minutes when nothing is scheduled). */
export function runTodo(session: DrillSession, todo: HintTodo): Array<{ ok: boolean }> {
  if (todo === 'wait') {
    if (!session.advanceToNext()) session.wait(5 * 60_000);
    return [];
  }
  if ('restoreListed' in todo) {
    const host = todo.restoreListed;
    const last = session.consoleTranscript(host).at(-1);
    const points = (last?.lines ?? [])
      .flatMap((l) => l.trim().split(/\s+/))
      .filter((w) => w.includes('@'));
    return [session.act({ do: 'restore-backup', target: host, value: points.at(-1) ?? '' })];
  }
  if ('markListed' in todo)
    return pathsListed(session, todo.markListed).flatMap((request) => runTodo(session, request));
  if ('search' in todo) return [session.search(todo.search)];
  if ('shell' in todo) return [session.shell(todo.host, todo.shell)];
  return [session.act(todo)];
}
