import { nginxCombined, phpFpm, kongAccess } from './formats/web.js';
import { queryLogLine } from './products/bindQueryLog.js';
import { asTomcatCombined, monitorMinute, WSO2_CHECK } from './products/wso2Gateway.js';
import {
  firewallLine,
  mysqlGeneral,
  mysqlThreadId,
  slapdLine,
  syslogPrefix,
} from './formats/host.js';
import { internetIp } from './catalogue.js';
import type { Entry } from './entry.js';
import { cronEntries, execEntries, sshEntries, type SshSession } from './hostEvents.js';
import { frontEndBucket, scannerBucket, type HttpConn } from './http.js';
import { between, hash32, int, keyed, pick, poisson } from './random.js';
import { renderHttp } from './renderHttp.js';
import type { BaselineShaping } from './baselineShaping.js';
import type { Host, StreamSpec } from './topology.js';
import { MINUTE, type World } from './world.js';

/*
 * The baseline of every stream for a window [from, to) of simulated ms. Each minute bucket is drawn
 * from its own keyed generator, so a window needs only its own minutes (plus a short look-back for
 * activity that spans minutes: visits, sessions).
 */

// A visit lasts at most ~80 s and its flow record comes 5 s later: three minutes back covers it.
const HTTP_LOOKBACK = 3;
const SESSION_LOOKBACK = 10;

const minutesOf = (from: number, to: number, lookback: number) => {
  const first = Math.floor(from / MINUTE) - lookback;
  const last = Math.ceil(to / MINUTE) - 1;
  return { first, last };
};

/**
 * The last httpConns answer per world: the streams of a slice ask for the same connections one
 * after the other (FW1, IPS1, WAF1's two logs, both load balancers); callers only read them.
 */
const lastConns = new WeakMap<World, { key: string; conns: HttpConn[] }>();

/** Shop connections (customers, crawlers, scanners) that may have requests in [from, to). */
export function httpConns(
  world: World,
  from: number,
  to: number,
  onlyFe?: number,
  shaping?: BaselineShaping,
): HttpConn[] {
  // Equal shaping keys shape alike (BaselineShaping.key).
  const key = `${from}|${to}|${onlyFe ?? ''}|${shaping ? `s${shaping.key}` : ''}`;
  const last = lastConns.get(world);
  if (last?.key === key) return last.conns;
  const conns = makeHttpConns(world, from, to, onlyFe, shaping);
  lastConns.set(world, { key, conns });
  return conns;
}

function makeHttpConns(
  world: World,
  from: number,
  to: number,
  onlyFe?: number,
  shaping?: BaselineShaping,
): HttpConn[] {
  const { first, last } = minutesOf(from, to, HTTP_LOOKBACK);
  const conns: HttpConn[] = [];
  // Shaping can move a visitor to another front end: then every front end's traffic is needed.
  const wanted = shaping?.active ? undefined : onlyFe;
  for (let m = first; m <= last; m++) {
    world.frontEnds.forEach((_, fe) => {
      if (wanted === undefined || wanted === fe)
        for (const c of frontEndBucket(world, fe, m)) conns.push(c);
    });
    for (const c of scannerBucket(world, m))
      if (wanted === undefined || c.fe === wanted) conns.push(c);
  }
  if (!shaping?.active) return conns;
  const shaped = conns.flatMap((c) => shaping.shape(c));
  return onlyFe === undefined ? shaped : shaped.filter((c) => c.fe === onlyFe);
}

const HTTP_SOURCES = new Set([
  'nginx-access',
  'nginx-error',
  'php-fpm',
  'haproxy',
  'modsec-audit',
  'eve',
  'firewall',
]);

export function noiseLines(
  world: World,
  spec: StreamSpec,
  from: number,
  to: number,
  out: Entry[],
  shaping?: BaselineShaping,
): void {
  const host = world.topology.host(spec.component);
  if (!host) return;
  const isEdgeFirewall = host.roles.includes('edge-firewall');
  if (
    HTTP_SOURCES.has(spec.source) &&
    (spec.source !== 'firewall' || isEdgeFirewall) &&
    (spec.source !== 'php-fpm' || host.kind === 'web-server')
  ) {
    const fe = world.frontEnds.indexOf(host);
    renderHttp(
      world,
      spec,
      httpConns(world, from, to, fe >= 0 ? fe : undefined, shaping),
      from,
      to,
      out,
    );
  }
  const { first, last } = minutesOf(from, to, 0);
  const keep = (e: Entry) => e.t >= from && e.t < to && out.push(e);
  switch (spec.source) {
    case 'nginx-access':
      // The load balancers stop checking a host they no longer route to.
      if (host.kind === 'web-server')
        for (let m = first; m <= last; m++)
          for (const e of healthChecks(world, host, m))
            if (!shaping?.isolated(host.id, e.t)) keep(e);
      break;
    case 'php-fpm':
      for (let m = first; m <= last; m++) phpNotices(world, host, m).forEach(keep);
      break;
    case 'firewall':
      for (let m = first; m <= last; m++)
        (isEdgeFirewall ? internetDrops(world, host, m) : innerFlows(world, host, m)).forEach(keep);
      break;
    case 'auth':
    case 'auditd': {
      const sessions = minutesOf(from, to, SESSION_LOOKBACK);
      for (let m = sessions.first; m <= sessions.last; m++)
        hostActivity(world, host, m)[spec.source].forEach(keep);
      break;
    }
    case 'slapd':
      for (let m = first - SESSION_LOOKBACK; m <= last; m++)
        slapdMinute(world, host, m).forEach(keep);
      break;
    case 'mysql-general':
      for (let m = first; m <= last; m++) mysqlMinute(world, host, m).forEach(keep);
      break;
    case 'kong-access':
      // Payments follow checkouts, which may come a minute or two after their visit's bucket.
      for (let m = first - HTTP_LOOKBACK; m <= last; m++) kongMinute(world, host, m).forEach(keep);
      break;
    case 'kong-admin':
      for (let m = first; m <= last; m++) kongAdminMinute(world, host, m).forEach(keep);
      break;
    case 'wso2-access':
      // The same partner traffic as Kong's, in the Tomcat valve's format, and the period's monitoring.
      for (let m = first - HTTP_LOOKBACK; m <= last; m++)
        kongMinute(world, host, m).forEach((e) => keep({ ...e, text: asTomcatCombined(e.text) }));
      for (let m = first; m <= last; m++) monitorMinute(world, host, m, WSO2_CHECK).forEach(keep);
      break;
    case 'dns-query':
      for (let m = first; m <= last; m++) resolverMinute(world, host, m).forEach(keep);
      break;
    case 'syslog':
      for (let m = first; m <= last; m++) syslogMinute(world, host, m).forEach(keep);
      break;
    default:
      break;
  }
}

/** The monitoring's scrape of Kong's Admin API status, twice a minute, from the log collector. */
function kongAdminMinute(world: World, host: Host, m: number): Entry[] {
  return monitorMinute(world, host, m, {
    path: '/status',
    bytes: 1_128,
    userAgent: 'Prometheus/2.45.0',
  });
}

/** Names the internal hosts resolve in normal operation (updates, time, partners, the shop). */
const ROUTINE_NAMES: ReadonlyArray<[string, string]> = [
  ['mirrorlist.centos.org', 'A'],
  ['deb.debian.org', 'AAAA'],
  ['2.centos.pool.ntp.org', 'A'],
  ['ocsp.digicert.com', 'A'],
  ['api.payments.example', 'A'],
  ['api.logistics.example', 'A'],
  ['www.acme.example', 'A'],
  ['_ldap._tcp.acme.example', 'SRV'],
];

/** The resolver's query log: a few routine lookups a minute from the internal hosts. */
function resolverMinute(world: World, host: Host, m: number): Entry[] {
  const r = keyed(world.seed, host.id, 'dns', m);
  const clients = world.topology.hosts.filter((h) => h.isLinux && h.id !== host.id);
  if (!clients.length) return [];
  const out: Entry[] = [];
  const n = poisson(r, 3 * world.volume);
  for (let k = 0; k < n; k++) {
    const t = m * MINUTE + int(r, MINUTE);
    const [name, type] = pick(r, ROUTINE_NAMES);
    out.push({
      t,
      text: queryLogLine(
        world.architecture,
        host.id,
        world.epoch0 + t,
        pick(r, clients).ip,
        between(r, 32_768, 60_999),
        name,
        type,
        host.ip,
      ),
      malicious: false,
    });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** rsyslog's `-- MARK --` every 20 minutes: a quiet catch-all file still shows the host was up. */
function syslogMinute(world: World, host: Host, m: number): Entry[] {
  if ((m + (hash32(host.id) % 20)) % 20 !== 0) return [];
  const t = m * MINUTE;
  return [
    {
      t,
      text: `${syslogPrefix(world.epoch0 + t, host.hostname)} rsyslogd: -- MARK --`,
      malicious: false,
    },
  ];
}

/** HAProxy `option httpchk` from every LB to every front end, every 5 s: (time, LB index). */
export function healthCheckTimes(
  world: World,
  host: Host,
  m: number,
  each: (t: number, lb: number) => void,
): void {
  world.balancers.forEach((lb, i) => {
    const phase = (hash32(`${lb.id}${host.id}`) % 5_000) + i * 7;
    for (let k = 0; k < 12; k++) each(m * MINUTE + phase + k * 5_000, i);
  });
}

/** The access line of a health check (HAProxy's check speaks HTTP/1.0). */
export function healthCheckLine(world: World, t: number, lb: number): string {
  return nginxCombined(
    world.balancers[lb]!.ip,
    world.epoch0 + t,
    'GET',
    '/health',
    200,
    2,
    '-',
    '-',
  ).replace(' HTTP/1.1"', ' HTTP/1.0"');
}

export function healthChecks(world: World, host: Host, m: number): Entry[] {
  const out: Entry[] = [];
  healthCheckTimes(world, host, m, (t, lb) =>
    out.push({ t, text: healthCheckLine(world, t, lb), malicious: false }),
  );
  return out;
}

function phpNotices(world: World, host: Host, m: number): Entry[] {
  const r = keyed(world.seed, host.id, 'php', m);
  const out: Entry[] = [];
  if (r() < 0.02) {
    const t = m * MINUTE + int(r, MINUTE);
    out.push({
      t,
      text: phpFpm(
        world.epoch0 + t,
        'WARNING',
        `[pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning ${pick(r, [8, 16, 32])} children, there are ${between(r, 0, 3)} idle, and ${between(r, 9, 20)} total children`,
      ),
      malicious: false,
    });
  }
  return out;
}

/** One packet of the internet's background radiation the outer firewall drops. */
export interface DroppedProbe {
  t: number;
  src: string;
  spt: number;
  dpt: number;
}

/** Internet background radiation dropped by the outer firewall: the packets of minute m. */
export function internetDropPackets(world: World, host: Host, m: number): DroppedProbe[] {
  const r = keyed(world.seed, host.id, 'drops', m);
  const out: DroppedProbe[] = [];
  const n = poisson(r, 9 * Math.max(world.volume, 0.1));
  for (let i = 0; i < n; i++) {
    const t = m * MINUTE + int(r, MINUTE);
    const src = internetIp(r);
    const spt = between(r, 1_025, 65_535);
    out.push({ t, src, spt, dpt: pick(r, [22, 23, 445, 3389, 8080, 8443, 5900, 1433, 6379]) });
  }
  return out;
}

/** A dropped probe's line (firewallBulk.ts spells it as bytes). */
export function internetDropLine(world: World, host: Host, p: DroppedProbe): string {
  return firewallLine(world.epoch0 + p.t, host.hostname, 'DROP', 'default-deny', {
    in: 'eth0',
    out: '',
    src: p.src,
    dst: world.topology.publicVip,
    spt: p.spt,
    dpt: p.dpt,
  });
}

function internetDrops(world: World, host: Host, m: number): Entry[] {
  return internetDropPackets(world, host, m).map((p) => ({
    t: p.t,
    text: internetDropLine(world, host, p),
    malicious: false,
  }));
}

/** Service flows the inner firewall lets through (front end -> back end, back end -> data). */
function innerFlows(world: World, host: Host, m: number): Entry[] {
  const r = keyed(world.seed, host.id, 'flows', m);
  const out: Entry[] = [];
  const backs = world.topology.ofKind('app-server');
  if (!backs.length || !world.frontEnds.length) return out;
  const n = poisson(r, 6 * world.volume * world.profile.traffic(world.epoch0 + m * MINUTE));
  for (let i = 0; i < n; i++) {
    const t = m * MINUTE + int(r, MINUTE);
    out.push({
      t,
      text: firewallLine(world.epoch0 + t, host.hostname, 'ACCEPT', 'fe-to-be', {
        in: 'eth1',
        out: 'eth2',
        src: pick(r, world.frontEnds).ip,
        dst: pick(r, backs).ip,
        spt: between(r, 32_768, 60_999),
        dpt: 9000,
      }),
      malicious: false,
    });
  }
  return out;
}

const ADMINS = ['duck', 'duck', 'skywalker', 'mouse'];
const ADMIN_COMMANDS: Array<{ argv: string[]; exe: string; sudo?: boolean }> = [
  { argv: ['uptime'], exe: '/usr/bin/uptime' },
  { argv: ['df', '-h'], exe: '/usr/bin/df' },
  { argv: ['systemctl', 'status', 'nginx'], exe: '/usr/bin/systemctl', sudo: true },
  { argv: ['tail', '-n', '100', '/var/log/messages'], exe: '/usr/bin/tail', sudo: true },
  { argv: ['yum', 'check-update'], exe: '/usr/bin/yum', sudo: true },
  { argv: ['free', '-m'], exe: '/usr/bin/free' },
  { argv: ['ls', '-la', '/etc/nginx/conf.d'], exe: '/usr/bin/ls' },
];

/** Administrators' SSH sessions starting in minute m (only in business hours: the baseline). */
export function adminSessions(world: World, host: Host, m: number): SshSession[] {
  if (!host.isLinux || !world.profile.isBusinessHours(world.epoch0 + m * MINUTE)) return [];
  const r = keyed(world.seed, host.id, 'admin', m);
  if (r() >= 0.006 * Math.max(world.volume, 0.2)) return [];
  const t = m * MINUTE + int(r, MINUTE);
  const count = between(r, 2, 5);
  const commands = Array.from({ length: count }, (_, i) => ({
    ...pick(r, ADMIN_COMMANDS),
    after: 5_000 + i * between(r, 5_000, 40_000),
  }));
  const length = 10_000 + count * 45_000;
  // The baseline keeps whole sessions inside business hours; red herrings break that on purpose.
  if (!world.profile.isBusinessHours(world.epoch0 + t + length)) return [];
  return [
    {
      t,
      user: pick(r, ADMINS),
      from: world.topology.bastionIp,
      port: between(r, 40_000, 60_000),
      method: 'publickey',
      commands,
      length,
    },
  ];
}

interface CronJob {
  every: number;
  offset: number;
  command: (host: Host) => string;
  when?: (host: Host) => boolean;
}
const CRON: CronJob[] = [
  {
    every: 10,
    offset: 0,
    command: (h) =>
      h.isRedHat ? '/usr/lib64/sa/sa1 1 1' : 'command -v debian-sa1 > /dev/null && debian-sa1 1 1',
  },
  { every: 60, offset: 1, command: () => 'run-parts /etc/cron.hourly' },
  { every: 1440, offset: 3 * 60 + 17, command: () => '/usr/sbin/logrotate /etc/logrotate.conf' },
  {
    every: 30,
    offset: 9,
    command: () => '/usr/lib64/php/sessionclean',
    when: (h) => h.kind === 'web-server',
  },
  {
    every: 1440,
    offset: 2 * 60,
    command: () => '/usr/local/bin/mysql-backup.sh',
    when: (h) => h.kind === 'database',
  },
];

/**
 * A host's cron jobs, administrators' sessions and PHP mail() shells starting in minute m, for
 * auth.log and auditd at once: both streams, and the ten minutes of look-back every slice of them
 * takes, read the same cached minute instead of rendering it four times.
 */
function hostActivity(world: World, host: Host, m: number): { auth: Entry[]; auditd: Entry[] } {
  return world.buckets.get(`host|${host.id}|${m}`, () => makeHostActivity(world, host, m));
}

function makeHostActivity(world: World, host: Host, m: number): { auth: Entry[]; auditd: Entry[] } {
  const auth: Entry[] = [];
  const out: Entry[] = [];
  const wallMinute = Math.floor(world.epoch0 / MINUTE) + m;
  for (const job of CRON) {
    if (job.when && !job.when(host)) continue;
    if ((((wallMinute - job.offset) % job.every) + job.every) % job.every !== 0) continue;
    const t = m * MINUTE + (hash32(`${host.id}${job.offset}`) % 900);
    const e = cronEntries(world, host, t, job.command(host));
    auth.push(...e.auth);
    out.push(...e.audit);
  }
  for (const s of adminSessions(world, host, m)) {
    const e = sshEntries(world, host, s, false);
    auth.push(...e.auth);
    out.push(...e.audit);
  }
  if (host.kind === 'web-server') {
    // PHP's mail() runs /bin/sh -c sendmail as the web server user: the usual false positive of
    // a "shell spawned by the web server" rule that does not filter it.
    const fe = world.frontEnds.indexOf(host);
    for (const c of frontEndBucket(world, fe, m)) {
      for (const q of c.reqs) {
        if (q.path !== '/checkout') continue;
        const t = q.t + q.upstreamMs - 5;
        const ppid = 2_000 + (hash32(c.id) % 60_000);
        out.push(
          ...execEntries(
            world,
            host,
            {
              t,
              user: 'nginx',
              ppid,
              argv: ['sh', '-c', '/usr/sbin/sendmail -t -i '],
              exe: '/usr/bin/bash',
            },
            false,
          ),
        );
        out.push(
          ...execEntries(
            world,
            host,
            {
              t: t + 2,
              user: 'nginx',
              ppid: ppid + 1,
              argv: ['/usr/sbin/sendmail', '-t', '-i'],
              exe: '/usr/sbin/sendmail.postfix',
            },
            false,
          ),
        );
      }
    }
  }
  return { auth, auditd: out };
}

/** Service binds from the back end and the administrators' logins (sssd) on the directory. */
function slapdMinute(world: World, host: Host, m: number): Entry[] {
  const out: Entry[] = [];
  const pid = 1_000 + (hash32(`${host.id}slapd`) % 5_000);
  const r = keyed(world.seed, host.id, 'slapd', m);
  const backs = world.topology.ofKind('app-server');
  const bind = (t: number, from: string, dn: string, filter: string) => {
    const conn = 1_000 + (Math.floor((world.epoch0 + t) / 1000) % 900_000);
    const lines = [
      `conn=${conn} fd=15 ACCEPT from IP=${from}:${between(r, 32_768, 60_999)} (IP=0.0.0.0:389)`,
      `conn=${conn} op=0 BIND dn="${dn}" method=128`,
      `conn=${conn} op=0 BIND dn="${dn}" mech=SIMPLE ssf=0`,
      `conn=${conn} op=0 RESULT tag=97 err=0 text=`,
      `conn=${conn} op=1 SRCH base="ou=people,dc=acme,dc=example" scope=2 deref=0 filter="${filter}"`,
      `conn=${conn} op=1 SEARCH RESULT tag=101 err=0 nentries=1 text=`,
      `conn=${conn} op=2 UNBIND`,
      `conn=${conn} fd=15 closed`,
    ];
    lines.forEach((msg, i) =>
      out.push({
        t: t + i * 2,
        text: slapdLine(world.epoch0 + t + i * 2, host.hostname, pid, msg),
        malicious: false,
      }),
    );
  };
  const n = backs.length
    ? poisson(r, 2 * world.volume * world.profile.traffic(world.epoch0 + m * MINUTE))
    : 0;
  for (let i = 0; i < n; i++)
    bind(
      m * MINUTE + int(r, MINUTE),
      pick(r, backs).ip,
      'cn=svc-shop,ou=services,dc=acme,dc=example',
      `(uid=customer${between(r, 1000, 99999)})`,
    );
  for (const other of world.topology.hosts) {
    for (const s of adminSessions(world, other, m))
      bind(
        s.t - 300,
        other.ip,
        'cn=sssd,ou=services,dc=acme,dc=example',
        `(&(objectClass=posixAccount)(uid=${s.user}))`,
      );
  }
  return out;
}

const QUERIES = [
  'SELECT id, name, price, stock FROM products WHERE category_id = ? ORDER BY rank LIMIT 24',
  'SELECT * FROM products WHERE id = ?',
  'SELECT id, qty FROM cart_items WHERE cart_id = ?',
  'UPDATE carts SET updated_at = NOW() WHERE id = ?',
  'SELECT id, email, first_name FROM customers WHERE id = ?',
  "INSERT INTO orders (customer_id, total, status) VALUES (?, ?, 'new')",
];

function mysqlMinute(world: World, host: Host, m: number): Entry[] {
  const out: Entry[] = [];
  const r = keyed(world.seed, host.id, 'mysql', m);
  const backs = world.topology.ofKind('app-server');
  const isReplica = world.topology.ofKind('database')[0] !== host;
  const n = backs.length
    ? poisson(
        r,
        (isReplica ? 1 : 5) * world.volume * world.profile.traffic(world.epoch0 + m * MINUTE),
      )
    : 0;
  // The minute's connections in time order, so their thread ids rise with time as on the server.
  const starts = Array.from({ length: n }, () => m * MINUTE + int(r, MINUTE)).sort((a, b) => a - b);
  starts.forEach((t, i) => {
    // One connection per request (PHP without persistent connections): a new thread id each.
    const thread = mysqlThreadId(world.epoch0 + m * MINUTE, i);
    const from = pick(r, backs).ip;
    const q = pick(r, QUERIES).replace(/\?/g, () => String(between(r, 1, 99_999)));
    // Connect, the query a millisecond or two later, quit when the request is done.
    const steps: Array<[number, string, string]> = [
      [0, 'Connect', `svc-shop@${from} on shop using TCP/IP`],
      [1 + (thread % 3), 'Query', q],
      [4 + (thread % 11), 'Quit', ''],
    ];
    for (const [after, command, argument] of steps)
      out.push({
        t: t + after,
        text: mysqlGeneral(
          world.epoch0 + t + after,
          (thread * 7 + after * 131) % 1000,
          thread,
          command,
          argument,
        ),
        malicious: false,
      });
  });
  return out;
}

function kongMinute(world: World, host: Host, m: number): Entry[] {
  const out: Entry[] = [];
  const r = keyed(world.seed, host.id, 'kong', m);
  const backs = world.topology.ofKind('app-server');
  if (!backs.length) return out;
  // Payment authorisations for the front ends' checkouts of this minute, and partner polling.
  world.frontEnds.forEach((_, fe) => {
    for (const c of frontEndBucket(world, fe, m)) {
      for (const q of c.reqs) {
        if (q.path !== '/checkout') continue;
        const t = q.t + 30;
        out.push({
          t,
          text: kongAccess(
            backs[hash32(c.id) % backs.length]!.ip,
            world.epoch0 + t,
            'POST',
            '/payments/v1/authorize',
            201,
            312,
            'shop-order-service/2.3',
            120 + (hash32(c.id) % 300),
          ),
          malicious: false,
        });
      }
    }
  });
  const t = m * MINUTE + (hash32(`${host.id}poll`) % 1000);
  out.push({
    t,
    text: kongAccess(
      pick(r, backs).ip,
      world.epoch0 + t,
      'GET',
      '/logistics/v2/shipments?status=pending',
      200,
      between(r, 200, 9_000),
      'shop-order-service/2.3',
      between(r, 40, 300),
    ),
    malicious: false,
  });
  return out;
}

export { execEntries };
