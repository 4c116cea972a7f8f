import type { Fact } from '../evidence/index.js';
import type { EvidenceOf } from '../model/index.js';
import type { AttackEvents } from './drillView.js';
import type { Entry } from './entry.js';
import { auditFile } from './formats/auditFile.js';
import { eveDns } from './formats/eveDns.js';
import {
  firewallLine,
  mysqlGeneral,
  rfc5424,
  slapdLine,
  sudoLine,
  syslogFileLine,
  syslogPrefix,
} from './formats/host.js';
import { eveAlert, eveFlow, SHOP_HOST, type FlowEnds } from './formats/security.js';
import { kongAccess, kongAdminAccess } from './formats/web.js';
import { queryLogLine } from './products/bindQueryLog.js';
import { isWso2Gateway } from './products/wso2Gateway.js';
import { eve2Alert, eve2Dns, runsSuricata2 } from './products/suricata2.js';
import { auditSerial, execEntries, execPid, killEntries, sshEntries, UIDS } from './hostEvents.js';
import type { HttpRequest } from './http.js';
import { flowId, pidFor } from './ids.js';
import { between, hash32, keyed, type Rand } from './random.js';
import { dnsSignature, httpSignature, outboundSignature } from './signatures.js';
import { wafVerdictIn } from './products/modsec2.js';
import type { Host } from './topology.js';
import type { World } from './world.js';

/*
 * Facts to log lines: every fact rendered on every device on its path (the fact's `path`, as the
 * defences left it), in each product's own format, with the same addresses, ports, ids and times.
 * HTTP facts become connections that the web tier's renderers (renderHttp, nginxBulk) draw like
 * the baseline's; the rest are written here, stream by stream.
 */

/** The resolver hosts use when the architecture has none (benchmarking range, never routed). */
export const RESOLVER_IP = '198.18.0.53';

class Out {
  readonly events: AttackEvents = { conns: [], lines: new Map() };
  push(component: string, source: string, entry: Entry): void {
    const key = `${component}/${source}`;
    let list = this.events.lines.get(key);
    if (!list) this.events.lines.set(key, (list = []));
    list.push(entry);
  }
}

/** Splits a command line like a shell would for argv (quotes kept together, not expanded). */
export function argvOf(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const exeOf = (program: string) => (program.startsWith('/') ? program : `/usr/bin/${program}`);

export function renderFacts(world: World, facts: readonly Fact[], drillSeed: string): AttackEvents {
  const out = new Out();
  const ipOf = (f: Fact['from']): string =>
    f.kind === 'component' ? (world.topology.host(f.component!)?.ip ?? '0.0.0.0') : f.ip;
  for (const fact of facts) {
    if (fact.outcome === 'silent') continue;
    const host = world.topology.host(fact.on);
    if (!host) continue;
    const r = keyed(drillSeed, 'render', fact.id);
    const ctx: RenderContext = { world, out, fact, host, r, ipOf };
    switch (fact.kind) {
      case 'http':
        http(ctx, fact.fields as EvidenceOf<'http'>);
        break;
      case 'process':
        processFact(ctx, fact.fields as EvidenceOf<'process'>);
        break;
      case 'file':
        fileFact(ctx, fact.fields as EvidenceOf<'file'>);
        break;
      case 'connection':
        connection(ctx, fact.fields as EvidenceOf<'connection'>);
        break;
      case 'dns':
        dns(ctx, fact.fields as EvidenceOf<'dns'>);
        break;
      case 'auth':
        auth(ctx, fact.fields as EvidenceOf<'auth'>);
        break;
      case 'db':
        db(ctx, fact.fields as EvidenceOf<'db'>);
        break;
      case 'directory':
        directory(ctx, fact.fields as EvidenceOf<'directory'>);
        break;
      case 'api':
        api(ctx, fact.fields as EvidenceOf<'api'>);
        break;
      case 'account':
        account(ctx, fact.fields as EvidenceOf<'account'>);
        break;
      case 'deploy':
        deploy(ctx, fact.fields as EvidenceOf<'deploy'>);
        break;
    }
  }
  floodSummaries(world, facts, out);
  return out.events;
}

/** The period of the edge firewall's flood summaries. */
const SUMMARY_MS = 10_000;

/**
 * A sampled flood's true volume: the edge firewall appliance's connection summary, one line per
 * source and 10 s (`COUNT=` connections, `DROPPED=` of them dropped by a block or a lockdown).
 * The per-request lines of the other logs are its samples (FLOOD_SAMPLE_RATE a second per item).
 */
function floodSummaries(world: World, facts: readonly Fact[], out: Out): void {
  const edge = world.topology.oneWithRole('edge-firewall');
  if (!edge) return;
  const buckets = new Map<
    string,
    { ip: string; at: number; count: number; dropped: number; malicious: boolean }
  >();
  for (const f of facts) {
    if (f.kind !== 'http' || (f.weight ?? 1) <= 1 || !f.path.includes(edge.id)) continue;
    const at = (Math.floor(f.t / SUMMARY_MS) + 1) * SUMMARY_MS;
    const key = `${f.from.ip}|${at}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { ip: f.from.ip, at, count: 0, dropped: 0, malicious: false }));
    b.count += f.weight!;
    if (f.outcome === 'dropped') b.dropped += f.weight!;
    b.malicious ||= f.malicious;
  }
  for (const b of buckets.values()) {
    const count = Math.round(b.count);
    const dropped = Math.round(b.dropped);
    out.push(edge.id, 'firewall', {
      t: b.at,
      text: rfc5424(
        16,
        5,
        world.epoch0 + b.at,
        edge.hostname,
        'flowd',
        '-',
        'SUMMARY',
        `[fw@32473 action="summary" rule="${dropped ? 'blocklist' : 'web-in'}" interval="10"]`,
        `flood summary SRC=${b.ip} DST=${world.topology.publicVip} PROTO=TCP DPT=443 COUNT=${count} DROPPED=${dropped} INTERVAL=10s`,
      ),
      malicious: b.malicious,
    });
  }
}

interface RenderContext {
  world: World;
  out: Out;
  fact: Fact;
  host: Host;
  r: Rand;
  ipOf: (e: Fact['from']) => string;
}

function http({ world, out, fact, r, ipOf }: RenderContext, item: EvidenceOf<'http'>): void {
  const paths = Array.isArray(item.path) ? item.path : [item.path];
  const path0 = paths[fact.occurrence % paths.length]!;
  const path = item.query ? `${path0}?${item.query}` : path0;
  const ua = item.user_agent ?? 'Mozilla/5.0';
  const blockedAtWaf = fact.outcome === 'blocked';
  const waf = wafVerdictIn(
    world,
    { path, ua, ...(item.body !== undefined ? { body: item.body } : {}) },
    { blocked: blockedAtWaf, ...(item.waf_rule ? { rule: item.waf_rule } : {}) },
  );
  const status = fact.status ?? 200;
  const lbIndex = world.balancers.findIndex((b) => fact.path.includes(b.id));
  const request: HttpRequest = {
    t: fact.t,
    method: item.method,
    path,
    status: blockedAtWaf ? 403 : status,
    bytes: blockedAtWaf ? 548 : (item.bytes ?? between(r, 200, 4_000)),
    referer: item.referer ?? '-',
    upstreamMs: fact.outcome === 'throttled' ? 0 : between(r, 4, 180),
    ...(item.body !== undefined ? { body: item.body } : {}),
    ...(waf ? { waf } : {}),
    ...(httpSignature({ path, ua }) ? { ids: httpSignature({ path, ua })! } : {}),
    ...(status === 502 && fact.outcome === 'delivered' ? { crash: true } : {}),
    ...(fact.outcome === 'throttled' ? { answeredBy: 'lb' as const } : {}),
  };
  out.events.conns.push({
    id: `f.${fact.id}`,
    t: fact.t,
    client: ipOf(fact.from),
    port: between(r, 32_768, 60_999),
    ua,
    kind: 'attack',
    fe: world.frontEnds.findIndex((h) => h.id === fact.on),
    lb: Math.max(lbIndex, 0),
    reqs: [request],
    malicious: fact.malicious,
    ...(item.scheme === 'http' ? { dport: 80 } : {}),
    ...(fact.outcome === 'dropped' ? { droppedAtFw: true } : {}),
  });
}

/** When a process fact's exec happens: a command run for a web request a moment after it. */
function execStart(fact: Fact, item: EvidenceOf<'process'>, r: Rand): number {
  return (
    fact.t + (item.parent && /php|nginx|httpd|apache/.test(item.parent) ? between(r, 8, 250) : 0)
  );
}

/**
 * The pid a process fact runs as: its exec record's (auditd) and so the one the host console's
 * `ps` lists and a kill's OBJ_PID names.
 */
export function processPid(host: Host, fact: Fact, drillSeed: string): number {
  const item = fact.fields as EvidenceOf<'process'>;
  const t = execStart(fact, item, keyed(drillSeed, 'render', fact.id));
  return execPid(host, { t, argv: argvOf(item.command) });
}

function processFact(
  { world, out, fact, host, r }: RenderContext,
  item: EvidenceOf<'process'>,
): void {
  const user = item.user ?? fact.account ?? 'root';
  const argv = argvOf(item.command);
  const ppid = pidFor(`${host.id}/${item.parent ?? 'init'}`);
  const t = execStart(fact, item, r);
  // `sh -c "a; b"` is a shell starting the commands it was given: both show in auditd.
  const viaShell =
    ['sh', 'bash', '/bin/sh', '/bin/bash', 'dash'].includes(argv[0]!) && argv[1] === '-c';
  const exec = { t, user, ppid, argv, exe: exeOf(argv[0]!) };
  const entries = execEntries(world, host, exec, fact.malicious);
  // The trainee killed it (kill-process): the kill shows where the process ends.
  if (fact.endedBy === 'kill' && fact.until !== undefined)
    entries.push(...killEntries(world, host, fact.until, exec, false));
  if (viaShell && argv[2]) {
    for (const [k, part] of argv[2]
      .split(/\s*;\s*/)
      .filter(Boolean)
      .entries()) {
      const inner = argvOf(part);
      entries.push(
        ...execEntries(
          world,
          host,
          {
            t: t + 5 + k * between(r, 2, 30),
            user,
            ppid: ppid + 1,
            argv: inner,
            exe: exeOf(inner[0]!),
          },
          fact.malicious,
        ),
      );
    }
  }
  for (const e of entries) out.push(host.id, 'auditd', e);
}

function fileFact({ world, out, fact, host }: RenderContext, item: EvidenceOf<'file'>): void {
  const user = item.owner ?? fact.account ?? 'root';
  const uid = UIDS[user] ?? 1500;
  const epochMs = world.epoch0 + fact.t;
  for (const text of auditFile({
    epochMs,
    serial: auditSerial(epochMs, hash32(item.path) % 7),
    pid: pidFor(`${host.id}/${fact.id}`),
    ppid: pidFor(`${host.id}/php-fpm`),
    uid,
    comm: user === 'nginx' ? 'php-fpm' : 'bash',
    exe: user === 'nginx' ? '/usr/sbin/php-fpm' : '/usr/bin/bash',
    path: item.path,
    action: item.action,
    key: 'web_content',
  }))
    out.push(host.id, 'auditd', { t: fact.t, text, malicious: fact.malicious });
}

/** Firewall and IDS lines of one flow along the fact's path (the host that opens it first). */
function flowLines(
  { world, out, fact, r }: RenderContext,
  f: FlowEnds,
  c: {
    proto: 'TCP' | 'UDP';
    bytes: number;
    until?: number;
    signature?: ReturnType<typeof outboundSignature>;
  },
): void {
  const devices = fact.path.slice(1);
  const dropped = fact.outcome === 'dropped';
  devices.forEach((id, i) => {
    const device = world.topology.host(id);
    if (!device) return;
    const last = i === devices.length - 1;
    if (device.kind === 'firewall') {
      const drop = dropped && last;
      out.push(id, 'firewall', {
        t: fact.t + i,
        text: firewallLine(
          world.epoch0 + fact.t + i,
          device.hostname,
          drop ? 'DROP' : 'ACCEPT',
          drop ? 'blocklist' : 'egress',
          {
            in: 'eth1',
            out: 'eth0',
            src: f.src,
            dst: f.dst,
            spt: f.sport,
            dpt: f.dport,
            proto: c.proto,
          },
        ),
        malicious: fact.malicious,
      });
    } else if (device.kind === 'ips') {
      const micro = between(r, 0, 999);
      // Suricata 2.0 (products/suricata2.ts) logs the alert alone and writes no flow records.
      const v2 = runsSuricata2(world.architecture, id);
      if (c.signature)
        out.push(id, 'eve', {
          t: fact.t + i,
          text: v2
            ? eve2Alert(world.epoch0 + fact.t + i, micro, f, c.signature)
            : eveAlert(world.epoch0 + fact.t + i, micro, f, {
                ...c.signature,
                ...(dropped ? {} : {}),
              }),
          malicious: fact.malicious,
        });
      if (v2) return;
      const end = Math.max(c.until ?? fact.t + 30_000, fact.t + 1_000);
      out.push(id, 'eve', {
        t: end,
        text: eveFlow(world.epoch0 + end, micro, f, {
          pktsToServer: Math.max(3, Math.ceil(c.bytes / 1448)),
          pktsToClient: Math.max(2, Math.ceil(c.bytes / 14_480)),
          bytesToServer: c.bytes,
          bytesToClient: Math.ceil(c.bytes / 10),
          startMs: world.epoch0 + fact.t,
          alerted: !!c.signature,
          appProto: f.dport === 443 ? 'tls' : 'failed',
          state: dropped ? 'new' : 'closed',
        }),
        malicious: fact.malicious,
      });
    }
  });
}

function connection(ctx: RenderContext, item: EvidenceOf<'connection'>): void {
  const { fact, host, r, ipOf } = ctx;
  const to = fact.to ?? { kind: 'attacker' as const, ip: '0.0.0.0' };
  const f: FlowEnds = {
    flowId: flowId(`${fact.id}/conn`),
    src: host.ip,
    sport: between(r, 40_000, 60_999),
    dst: ipOf(to),
    dport: item.port,
  };
  const bytes = item.bytes ?? between(r, 2_000, 40_000);
  flowLines(ctx, f, {
    proto: item.protocol === 'udp' ? 'UDP' : 'TCP',
    bytes,
    ...(fact.until !== undefined ? { until: fact.until } : {}),
    signature: to.kind === 'component' ? undefined : outboundSignature({ port: item.port, bytes }),
  });
}

function dns(ctx: RenderContext, item: EvidenceOf<'dns'>): void {
  const { world, out, fact, host, r } = ctx;
  // With a resolver in the architecture the host asks it (its query log names the host), and the
  // resolver recurses out through the perimeter: the IPS and the firewalls see the resolver ask.
  const resolverAt = fact.path.findIndex((id) =>
    world.topology.host(id)?.roles.includes('dns-resolver'),
  );
  const resolver = resolverAt > 0 ? world.topology.host(fact.path[resolverAt]!) : undefined;
  const sport = between(r, 32_768, 60_999);
  if (resolver)
    out.push(resolver.id, 'dns-query', {
      t: fact.t,
      text: queryLogLine(
        world.architecture,
        resolver.id,
        world.epoch0 + fact.t,
        host.ip,
        sport,
        item.name,
        item.type,
        resolver.ip,
      ),
      malicious: fact.malicious,
    });
  const t0 = resolver ? fact.t + between(r, 1, 4) : fact.t;
  const f: FlowEnds = {
    flowId: flowId(`${fact.id}/dns`),
    src: resolver?.ip ?? host.ip,
    sport: resolver ? between(r, 1_024, 65_535) : sport,
    dst: RESOLVER_IP,
    dport: 53,
    proto: 'UDP',
  };
  const egress = resolver ? fact.path.slice(resolverAt) : fact.path;
  const id = between(r, 1, 65_535);
  for (const [i, deviceId] of egress.slice(1).entries()) {
    const device = world.topology.host(deviceId);
    if (device?.kind !== 'ips') continue;
    const micro = between(r, 0, 999);
    const signature = dnsSignature({ name: item.name, type: item.type });
    // Suricata 2.0's records (products/suricata2.ts): the alert alone, one line per DNS record.
    const v2 = runsSuricata2(world.architecture, deviceId);
    const alertLine = v2 ? eve2Alert : eveAlert;
    const dnsLine = v2 ? eve2Dns : eveDns;
    if (signature)
      out.push(deviceId, 'eve', {
        t: t0 + i,
        text: alertLine(world.epoch0 + t0 + i, micro, f, signature),
        malicious: fact.malicious,
      });
    out.push(deviceId, 'eve', {
      t: t0 + i,
      text: dnsLine(world.epoch0 + t0 + i, micro, f, { id, name: item.name, type: item.type }),
      malicious: fact.malicious,
    });
    if (item.answer !== undefined)
      out.push(deviceId, 'eve', {
        t: t0 + i + 40,
        text: dnsLine(
          world.epoch0 + t0 + i + 40,
          (micro + 400) % 1000,
          { ...f, src: f.dst, dst: f.src, sport: 53, dport: f.sport },
          { id, name: item.name, type: item.type, answer: item.answer },
        ),
        malicious: fact.malicious,
      });
  }
  flowLines(
    {
      ...ctx,
      fact: {
        ...fact,
        t: t0,
        path: egress.filter((p) => world.topology.host(p)?.kind !== 'ips'),
      },
    },
    f,
    {
      proto: 'UDP',
      bytes: 80 + item.name.length,
    },
  );
}

function auth(ctx: RenderContext, item: EvidenceOf<'auth'>): void {
  const { world, out, fact, host, r, ipOf } = ctx;
  const from = ipOf(fact.from);
  const e0 = world.epoch0;
  const sshd = pidFor(`${host.id}/sshd/${fact.id}`);
  const push = (source: string, t: number, text: string) =>
    out.push(host.id, source, { t, text, malicious: fact.malicious });
  switch (item.service) {
    case 'ssh': {
      const port = between(r, 40_000, 60_999);
      if (fact.from.kind === 'component') sshFirewall(ctx, from, port);
      if (item.outcome === 'failure') {
        push(
          'auth',
          fact.t,
          syslogFileLine(
            e0 + fact.t,
            host.hostname,
            'sshd',
            sshd,
            `Failed ${item.method} for ${item.user} from ${from} port ${port} ssh2`,
          ),
        );
        return;
      }
      const length = Math.max((fact.until ?? fact.t + 600_000) - fact.t - 1, 60_000);
      const session = sshEntries(
        world,
        host,
        { t: fact.t, user: item.user, from, port, method: item.method, commands: [], length },
        fact.malicious,
      );
      for (const e of session.auth) out.push(host.id, 'auth', e);
      for (const e of session.audit) out.push(host.id, 'auditd', e);
      return;
    }
    case 'sudo': {
      const command = item.command ?? '/bin/bash';
      const argv = argvOf(command);
      const cwd = item.user === 'root' ? '/root' : `/home/${item.user}`;
      if (item.outcome === 'failure') {
        push(
          'auth',
          fact.t,
          `${sudoLine(e0 + fact.t, host.hostname, item.user, cwd, command).replace(' : TTY=', ' : 3 incorrect password attempts ; TTY=')}`,
        );
        return;
      }
      push('auth', fact.t, sudoLine(e0 + fact.t, host.hostname, item.user, cwd, command));
      const shell = pidFor(`${host.id}/shell/${item.user}`);
      const exec = {
        loginUser: item.user,
        session: 1 + (hash32(`${host.id}${item.user}`) % 9_000),
        tty: 'pts0',
      };
      for (const e of execEntries(
        world,
        host,
        {
          ...exec,
          t: fact.t,
          user: item.user,
          ppid: shell,
          argv: ['sudo', ...argv],
          exe: '/usr/bin/sudo',
        },
        fact.malicious,
      ))
        out.push(host.id, 'auditd', e);
      for (const e of execEntries(
        world,
        host,
        { ...exec, t: fact.t + 15, user: 'root', ppid: shell + 1, argv, exe: exeOf(argv[0]!) },
        fact.malicious,
      ))
        out.push(host.id, 'auditd', e);
      return;
    }
    case 'ldap':
      directory(ctx, {
        kind: 'directory',
        operation: 'bind',
        dn: `uid=${item.user},ou=people,dc=acme,dc=example`,
        result: item.outcome === 'success' ? 0 : 49,
      });
      return;
    case 'cms':
      cmsLogin(ctx, item);
      break;
    case 'web':
      break;
  }
  if (item.service === 'web' || item.service === 'cms') {
    // A login form post: the web tier renders it like any request.
    http(ctx, {
      kind: 'http',
      method: 'POST',
      scheme: 'https',
      path: item.service === 'web' ? '/account/login' : `${cmsBase(ctx.world, host.id)}/user/login`,
      status: item.outcome === 'success' ? 302 : 200,
      // The browser most of the drill's customers use, of the year the drill is set in.
      user_agent: ctx.world.agents.browsers.commonest(),
    });
  }
}

/** The component's software, as the drill has it (period overrides applied by the compiler). */
const stackOf = (world: World, id: string) =>
  world.architecture.components.find((c) => c.id === id)?.stack ?? [];
const runsDrupal = (world: World, id: string) => stackOf(world, id).some((s) => /drupal/i.test(s));
/** Where the CMS lives on the site: Drupal under /news (its purpose says so), the shop's at /. */
const cmsBase = (world: World, id: string) => (runsDrupal(world, id) ? '/news' : '');

/**
 * The CMS's own record of a login, through syslog (rsyslog's catch-all file): Drupal's syslog
 * module line (`base_url|timestamp|type|ip|request_uri|referer|uid|link|message`) where the host
 * runs Drupal, otherwise the shop application's CMS line.
 */
function cmsLogin({ world, out, fact, host, ipOf }: RenderContext, item: EvidenceOf<'auth'>): void {
  const t = fact.t + 40;
  const epochMs = world.epoch0 + t;
  const ip = ipOf(fact.from);
  const ok = item.outcome === 'success';
  let text: string;
  if (runsDrupal(world, host.id)) {
    const base = `https://${SHOP_HOST}${cmsBase(world, host.id)}`;
    const uid = !ok ? 0 : item.user === 'admin' ? 1 : 2 + (hash32(item.user) % 400);
    const message = ok
      ? `Session opened for ${item.user}.`
      : `Login attempt failed for ${item.user}.`;
    text = `${syslogPrefix(epochMs, host.hostname)} drupal: ${base}|${Math.floor(epochMs / 1000)}|user|${ip}|${base}/user/login|${base}/user/login|${uid}||${message}`;
  } else {
    text = `${syslogPrefix(epochMs, host.hostname)} shop-cms[${pidFor(`${host.id}/php-fpm`)}]: ${ok ? 'login' : 'login failed'} user=${item.user} ip=${ip} method=${item.method}`;
  }
  out.push(host.id, 'syslog', { t, text, malicious: fact.malicious });
}

/**
 * A deploy on the host it lands on: the release script's `logger -t deploy` line in syslog (no CI
 * server in the modelled architectures; the pipeline's own log is not simulated).
 */
function deploy({ world, out, fact, host }: RenderContext, item: EvidenceOf<'deploy'>): void {
  const epochMs = world.epoch0 + fact.t;
  const what = [
    item.artefact ? `artefact=${item.artefact}` : '',
    item.commit ? `commit=${item.commit}` : '',
    `actor=${item.actor ?? fact.account ?? 'ci'}`,
  ]
    .filter(Boolean)
    .join(' ');
  out.push(host.id, 'syslog', {
    t: fact.t,
    text: `${syslogPrefix(epochMs, host.hostname)} deploy: pipeline=${item.pipeline} ${what} outcome=${item.outcome}`,
    malicious: fact.malicious,
  });
}

/** An SSH login between internal hosts crosses the firewalls between them. */
function sshFirewall({ world, out, fact }: RenderContext, src: string, port: number): void {
  const host = world.topology.host(fact.on)!;
  fact.path.slice(1, -1).forEach((id, i) => {
    const device = world.topology.host(id);
    if (device?.kind !== 'firewall') return;
    out.push(id, 'firewall', {
      t: fact.t - 200 + i,
      text: firewallLine(world.epoch0 + fact.t - 200 + i, device.hostname, 'ACCEPT', 'admin-ssh', {
        in: 'eth1',
        out: 'eth2',
        src,
        dst: host.ip,
        spt: port,
        dpt: 22,
      }),
      malicious: fact.malicious,
    });
  });
}

function db({ world, out, fact, host, r, ipOf }: RenderContext, item: EvidenceOf<'db'>): void {
  const client =
    item.client !== undefined && item.client !== 'attacker'
      ? (world.topology.host(item.client)?.ip ?? item.client)
      : ipOf(fact.from);
  const thread = 900_000 + (hash32(fact.id) % 90_000);
  const table = item.table ?? 'customers';
  const chunk = item.rows ?? 50_000;
  const repeated = (item.count ?? 1) > 1 || item.every !== undefined;
  const sql =
    item.sql ??
    (item.statement === 'dump'
      ? `SELECT /*!40001 SQL_NO_CACHE */ * FROM \`${table}\``
      : item.statement === 'select'
        ? `SELECT * FROM ${table}${repeated ? ` LIMIT ${fact.occurrence * chunk}, ${chunk}` : ''}`
        : item.statement === 'grant'
          ? `GRANT ALL PRIVILEGES ON *.* TO '${fact.account ?? 'shop'}'@'%'`
          : `${item.statement.toUpperCase()} ${table}`);
  const user = fact.account ?? 'shop';
  const rows: Array<[string, string]> = [
    ['Connect', `${user}@${client} on shop using TCP/IP`],
    ...(item.statement === 'connect' ? [] : [['Query', sql] as [string, string]]),
    ['Quit', ''],
  ];
  rows.forEach(([command, argument], j) => {
    const t = fact.t + j * between(r, 200, 1_200);
    out.push(host.id, 'mysql-general', {
      t,
      text: mysqlGeneral(world.epoch0 + t, between(r, 0, 999_999), thread, command, argument),
      malicious: fact.malicious,
    });
  });
}

function directory(
  { world, out, fact, host, r, ipOf }: RenderContext,
  item: EvidenceOf<'directory'>,
): void {
  const pid = pidFor(`${host.id}/slapd`);
  const conn = 1_000 + (hash32(fact.id) % 90_000);
  const from = ipOf(fact.from);
  const lines: string[] = [
    `conn=${conn} fd=${between(r, 12, 60)} ACCEPT from IP=${from}:${between(r, 32_768, 60_999)} (IP=0.0.0.0:389)`,
  ];
  const tag = { bind: 97, search: 101, add: 105, modify: 103, delete: 107 }[item.operation];
  if (item.operation === 'bind') lines.push(`conn=${conn} op=0 BIND dn="${item.dn}" method=128`);
  else if (item.operation === 'search')
    lines.push(
      `conn=${conn} op=0 SRCH base="${item.dn}" scope=2 deref=0 filter="${item.filter ?? '(objectClass=*)'}"`,
    );
  else lines.push(`conn=${conn} op=0 ${item.operation.toUpperCase()} dn="${item.dn}"`);
  lines.push(
    `conn=${conn} op=0 RESULT tag=${tag} err=${item.result} text=${item.result === 49 ? 'Invalid credentials' : ''}`,
  );
  lines.push(`conn=${conn} op=1 UNBIND`, `conn=${conn} fd=${between(r, 12, 60)} closed`);
  lines.forEach((msg, i) =>
    out.push(host.id, 'slapd', {
      t: fact.t + i * 3,
      text: slapdLine(world.epoch0 + fact.t + i * 3, host.hostname, pid, msg),
      malicious: fact.malicious,
    }),
  );
}

function api({ world, out, fact, host, r, ipOf }: RenderContext, item: EvidenceOf<'api'>): void {
  const wso2 = isWso2Gateway(world.architecture, host.id);
  if (item.admin || wso2) {
    // An Admin API call (port 8001): Kong writes it to admin_access.log, not to the proxy's log.
    // A WSO2 gateway writes one Tomcat access log (`combined`) for API calls and its console.
    out.push(host.id, wso2 ? 'wso2-access' : 'kong-admin', {
      t: fact.t,
      text: kongAdminAccess(
        ipOf(fact.from),
        world.epoch0 + fact.t,
        item.method,
        item.path,
        item.status,
        between(r, 60, 2_400),
        item.consumer ? `${item.consumer}-client/1.0` : wso2 ? 'curl/7.37.0' : 'curl/7.61.1',
      ),
      malicious: fact.malicious,
    });
    return;
  }
  out.push(host.id, 'kong-access', {
    t: fact.t,
    text: kongAccess(
      ipOf(fact.from),
      world.epoch0 + fact.t,
      item.method,
      item.path,
      item.status,
      between(r, 80, 4_000),
      item.consumer ? `${item.consumer}-client/1.0` : 'curl/7.61.1',
      between(r, 3, 90),
    ),
    malicious: fact.malicious,
  });
}

function account({ world, out, fact, host }: RenderContext, item: EvidenceOf<'account'>): void {
  const e0 = world.epoch0 + fact.t;
  const pid = pidFor(`${host.id}/${fact.id}`);
  const uid = UIDS[item.user] ?? 1_500 + (hash32(item.user) % 400);
  const message =
    item.action === 'create'
      ? [
          'useradd',
          `new user: name=${item.user}, UID=${uid}, GID=${uid}, home=/home/${item.user}, shell=/bin/bash`,
        ]
      : item.action === 'delete'
        ? ['userdel', `delete user '${item.user}'`]
        : item.action === 'add-to-group'
          ? ['usermod', `add '${item.user}' to group '${item.group ?? 'wheel'}'`]
          : item.action === 'remove-from-group'
            ? ['gpasswd', `user ${item.user} removed by root from group ${item.group ?? 'wheel'}`]
            : ['usermod', `change user '${item.user}' password`];
  out.push(host.id, 'auth', {
    t: fact.t,
    text: syslogFileLine(e0, host.hostname, message[0]!, pid, message[1]!),
    malicious: fact.malicious,
  });
}
