import type { Fact } from '../../evidence/index.js';
import type { Host } from '../../telemetry/index.js';

/** A process as `ps` shows it. */
export interface Proc {
  user: string;
  pid: number;
  ppid: number;
  /** Simulated ms it started (negative: before T+0, the host's boot). */
  start: number;
  command: string;
  cpu: number;
  mem: number;
  vsz: number;
  rss: number;
  tty: string;
  stat: string;
}

export interface Socket {
  state: 'LISTEN' | 'ESTAB' | 'SYN-SENT' | 'TIME-WAIT';
  local: string;
  peer: string;
  process: string;
  proto: 'tcp' | 'udp';
}

export interface FileEntry {
  path: string;
  owner: string;
  size: number;
  mode: string;
  /** Simulated ms of the last change. */
  mtime: number;
  /** What `cat` shows; undefined for binary content. */
  content?: string;
}

export interface Login {
  user: string;
  tty: string;
  from: string;
  start: number;
  /** Undefined while still logged in. */
  end?: number;
}

/** Everything the console shows of one host at one simulated time. */
/** The addresses the baseline talks to, from the architecture (never literals in the core). */
export interface NetworkPeers {
  /** The administrators' jump host. */
  bastion: string;
  /** A load balancer in front of the web servers. */
  balancer: string;
  /** Where the log shipper sends. */
  logCollector: string;
}

export interface HostState {
  host: Host;
  peers: NetworkPeers;
  os: string;
  at: number;
  epoch0: number;
  processes: Proc[];
  sockets: Socket[];
  files: Map<string, FileEntry>;
  logins: Login[];
  /** Commands typed in interactive shells, by user (what `.bash_history` holds). */
  history: Map<string, string[]>;
}

/** A short-lived command (no `until`) is visible this long after it started. */
/** Adds the folders above `path` that `files` does not have yet (root-owned, 4 KiB). */
export function addFolders(files: Map<string, FileEntry>, path: string, mtime: number): void {
  for (
    let dir = path.slice(0, path.lastIndexOf('/'));
    dir;
    dir = dir.slice(0, dir.lastIndexOf('/'))
  )
    if (!files.has(dir))
      files.set(dir, { path: dir, owner: 'root', size: 4096, mode: 'drwxr-xr-x', mtime });
}

export const SHORT_LIVED_MS = 2_000;
/** A connection without `until` stays established this long. */
export const CONNECTION_MS = 60_000;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export const pidOf = (key: string) => 2_000 + (hash(key) % 28_000);

const WEB_ROOT = '/var/www/shop/public';

/** What runs on a host of this kind whatever the attacker does. */
function baselineProcesses(host: Host): Proc[] {
  const boot = -9 * 86_400_000;
  const p = (user: string, pid: number, ppid: number, command: string, extra: Partial<Proc> = {}) =>
    ({
      user,
      pid,
      ppid,
      start: boot,
      command,
      cpu: 0,
      mem: 0.1,
      vsz: 125_000,
      rss: 4_000,
      tty: '?',
      stat: 'Ss',
      ...extra,
    }) satisfies Proc;
  const procs: Proc[] = [
    p('root', 1, 0, '/usr/lib/systemd/systemd --switched-root --system --deserialize 22'),
    p('root', 611, 1, '/sbin/auditd', { stat: 'S<sl' }),
    p('root', 688, 1, '/usr/sbin/rsyslogd -n', { stat: 'Ssl' }),
    p('root', 1021, 1, '/usr/sbin/sshd -D'),
    p('root', 1040, 1, '/usr/sbin/crond -n'),
    p('root', 1102, 1, '/usr/share/filebeat/bin/filebeat -c /etc/filebeat/filebeat.yml', {
      stat: 'Ssl',
      cpu: 0.3,
      mem: 1.2,
      vsz: 1_480_000,
      rss: 61_000,
    }),
  ];
  if (host.kind === 'web-server') {
    procs.push(p('root', 1210, 1, 'nginx: master process /usr/sbin/nginx'));
    for (let i = 0; i < 4; i++)
      procs.push(p('nginx', 1211 + i, 1210, 'nginx: worker process', { stat: 'S', cpu: 0.4 }));
  }
  if (host.kind === 'web-server' || host.kind === 'app-server') {
    procs.push(p('root', 1300, 1, 'php-fpm: master process (/etc/php-fpm.conf)'));
    for (let i = 0; i < 5; i++)
      procs.push(
        p('nginx', 1301 + i, 1300, 'php-fpm: pool www', {
          stat: 'S',
          cpu: 1.1,
          mem: 0.9,
          rss: 38_000,
        }),
      );
  }
  if (host.kind === 'database')
    procs.push(p('mysql', 1400, 1, '/usr/sbin/mysqld', { stat: 'Ssl', cpu: 3.2, mem: 22.1 }));
  if (host.kind === 'directory')
    procs.push(
      p('ldap', 1450, 1, '/usr/sbin/slapd -u ldap -h ldap:/// ldaps:///', { stat: 'Ssl' }),
    );
  return procs;
}

function baselineSockets(host: Host, peers: NetworkPeers): Socket[] {
  const s = (local: string, process: string): Socket => ({
    state: 'LISTEN',
    local,
    peer: '0.0.0.0:*',
    process,
    proto: 'tcp',
  });
  const out = [s('0.0.0.0:22', 'users:(("sshd",pid=1021,fd=3))')];
  if (host.kind === 'web-server') {
    out.push(s('0.0.0.0:80', 'users:(("nginx",pid=1210,fd=6))'));
    out.push(s('127.0.0.1:9000', 'users:(("php-fpm",pid=1300,fd=7))'));
    out.push({
      state: 'ESTAB',
      local: `${host.ip}:80`,
      peer: `${peers.balancer}:40312`,
      process: 'users:(("nginx",pid=1212,fd=11))',
      proto: 'tcp',
    });
  }
  if (host.kind === 'app-server') out.push(s('0.0.0.0:9000', 'users:(("php-fpm",pid=1300,fd=7))'));
  if (host.kind === 'database') out.push(s('0.0.0.0:3306', 'users:(("mysqld",pid=1400,fd=21))'));
  if (host.kind === 'directory') out.push(s('0.0.0.0:389', 'users:(("slapd",pid=1450,fd=8))'));
  out.push({
    state: 'ESTAB',
    local: `${host.ip}:51022`,
    peer: `${peers.logCollector}:5044`,
    process: 'users:(("filebeat",pid=1102,fd=9))',
    proto: 'tcp',
  });
  return out;
}

function baselineFiles(host: Host): FileEntry[] {
  const old = -30 * 86_400_000;
  const f = (path: string, owner: string, size: number, content?: string, mode = '-rw-r--r--') =>
    ({
      path,
      owner,
      size,
      mode,
      mtime: old,
      ...(content !== undefined ? { content } : {}),
    }) satisfies FileEntry;
  const d = (path: string, owner = 'root') => f(path, owner, 4096, undefined, 'drwxr-xr-x');
  const files = [
    d('/'),
    d('/etc'),
    d('/tmp'),
    d('/var'),
    d('/var/spool'),
    d('/var/spool/cron'),
    d('/etc/cron.d'),
    d('/home'),
    d('/root'),
    f('/etc/hostname', 'root', host.hostname.length + 1, `${host.hostname}\n`),
    f(
      '/etc/passwd',
      'root',
      1_240,
      [
        'root:x:0:0:root:/root:/bin/bash',
        'bin:x:1:1:bin:/bin:/sbin/nologin',
        'sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin',
        'nginx:x:997:995:Nginx web server:/var/lib/nginx:/sbin/nologin',
        'svc-shop:x:1001:1001:Shop service:/home/svc-shop:/bin/bash',
        'j.doe:x:1002:1002:Jane Doe:/home/j.doe:/bin/bash',
        '',
      ].join('\n'),
    ),
    f('/etc/cron.d/0hourly', 'root', 128, '01 * * * * root run-parts /etc/cron.hourly\n'),
    f(
      '/etc/cron.d/logrotate',
      'root',
      64,
      '25 3 * * * root /usr/sbin/logrotate /etc/logrotate.conf\n',
    ),
    d('/home/svc-shop', 'svc-shop'),
    d('/home/svc-shop/.ssh', 'svc-shop'),
    f(
      '/home/svc-shop/.ssh/authorized_keys',
      'svc-shop',
      398,
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFc0bW9ja2VkLWRlcGxveS1rZXk deploy@ci\n',
      '-rw-------',
    ),
    d('/home/j.doe', 'j.doe'),
    f(
      '/root/.bash_history',
      'root',
      96,
      'yum check-update\nsystemctl status nginx\ntail -f /var/log/nginx/error.log\n',
      '-rw-------',
    ),
  ];
  if (host.kind === 'web-server' || host.kind === 'app-server') {
    files.push(
      d('/var/www'),
      d('/var/www/shop'),
      d(WEB_ROOT, 'nginx'),
      d(`${WEB_ROOT}/media`, 'nginx'),
    );
    files.push(d(`${WEB_ROOT}/media/static`, 'nginx'));
    files.push(
      f(
        `${WEB_ROOT}/index.php`,
        'root',
        418,
        "<?php\nrequire __DIR__ . '/../app/bootstrap.php';\n",
      ),
    );
    // Named as the asset pipeline names them (the static-media baseline's convention): only what
    // the attacker or a careless upload puts there breaks it.
    for (const name of [
      'banner-summer-4e1f9a2c.jpg',
      'logo-0b7d3e58.png',
      'hero-1-9c2a61f0.jpg',
      'hero-2-d41e7b93.jpg',
    ])
      files.push(f(`${WEB_ROOT}/media/static/${name}`, 'nginx', 48_000 + (hash(name) % 90_000)));
  }
  return files;
}

/**
 * The host at simulated time `at`: its baseline, plus every fact on it that has happened by then
 * (processes still running, connections still open, files as last changed, sessions, the commands
 * of interactive sessions). Nothing after `at` is visible.
 */
export function hostState(
  host: Host,
  os: string,
  facts: readonly Fact[],
  at: number,
  epoch0: number,
  peers: NetworkPeers,
  /** The pid a process fact runs as (the telemetry's, so ps and auditd agree); else a hash of its id. */
  pidOfProcess: (fact: Fact) => number = (fact) => pidOf(fact.id),
): HostState {
  const processes = baselineProcesses(host);
  const sockets = baselineSockets(host, peers);
  const files = new Map(baselineFiles(host).map((f) => [f.path, f]));
  const logins: Login[] = [
    {
      user: 'j.doe',
      tty: 'pts/0',
      from: peers.bastion,
      start: -86_400_000 - 3_600_000 * 5,
      end: -86_400_000,
    },
  ];
  const history = new Map<string, string[]>();
  for (const fact of facts) {
    if (fact.t > at) continue;
    const f = fact.fields as unknown as Record<string, unknown>;
    switch (fact.kind) {
      case 'process': {
        const user = String(f.user ?? fact.account ?? 'root');
        const end = fact.until ?? fact.t + SHORT_LIVED_MS;
        const command = String(f.command ?? '');
        if (f.parent === 'bash' || f.parent === 'sshd' || f.parent === '-bash')
          history.set(user, [...(history.get(user) ?? []), command]);
        if (at >= end) break;
        const parent =
          processes.find((p) => f.parent !== undefined && p.command.includes(String(f.parent))) ??
          processes[0]!;
        processes.push({
          user,
          pid: pidOfProcess(fact),
          ppid: parent.pid,
          start: fact.t,
          command,
          cpu: 0.2,
          mem: 0.1,
          vsz: 115_000,
          rss: 2_400,
          tty: '?',
          stat: 'S',
        });
        break;
      }
      case 'connection': {
        if (fact.outcome === 'silent' && fact.on !== host.id) break;
        const end = fact.until ?? fact.t + CONNECTION_MS;
        if (at >= end) break;
        const port = Number(f.port ?? 0);
        const peer = fact.to?.ip ?? '0.0.0.0';
        sockets.push({
          state: fact.outcome === 'dropped' ? 'SYN-SENT' : 'ESTAB',
          local: `${host.ip}:${33_000 + (pidOf(fact.id) % 20_000)}`,
          peer: `${peer}:${port}`,
          process: `users:(("sh",pid=${pidOf(`${fact.state}#${fact.entry}/shell`)},fd=3))`,
          proto: f.protocol === 'udp' ? 'udp' : 'tcp',
        });
        break;
      }
      case 'file': {
        const path = String(f.path ?? '');
        if (!path) break;
        if (f.action === 'delete') {
          files.delete(path);
          break;
        }
        if (f.action === 'read') break;
        const existing = files.get(path);
        files.set(path, {
          path,
          owner: String(f.owner ?? fact.account ?? existing?.owner ?? 'root'),
          size: Number(f.size ?? existing?.size ?? 0),
          mode: path.includes('/.ssh/') || path.includes('/cron') ? '-rw-------' : '-rw-r--r--',
          mtime: fact.t,
          // A file's description is its content (a cron line, a key): authors write it once.
          ...(typeof f.description === 'string'
            ? { content: `${f.description.replaceAll('{{attacker_ip}}', fact.from.ip)}\n` }
            : {}),
        });
        addFolders(files, path, fact.t); // the folders on the way exist too
        break;
      }
      case 'auth': {
        if (f.service !== 'ssh' || f.outcome === 'failure') break;
        logins.push({
          user: String(f.user ?? fact.account ?? 'root'),
          tty: `pts/${1 + (pidOf(fact.id) % 5)}`,
          from: fact.from.ip,
          start: fact.t,
          ...((fact.until ?? fact.t + CONNECTION_MS) <= at
            ? { end: fact.until ?? fact.t + CONNECTION_MS }
            : {}),
        });
        break;
      }
    }
  }
  return { host, peers, os, at, epoch0, processes, sockets, files, logins, history };
}
