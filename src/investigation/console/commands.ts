import { isoUtc, utcParts } from '../../model/index.js';
import { addFolders, type FileEntry, type HostState, type Proc } from './hostState.js';

/** What a command needs besides its arguments: the host, and the host's own log files. */
export interface CommandContext {
  state: HostState;
  /** The lines of a log file on this host written up to the state's time, or undefined. */
  readLog(path: string): string[] | undefined;
  /** Log files the host has (for `ls /var/log/...`). */
  logFiles: string[];
}

export interface CommandResult {
  out: string[];
  err: string[];
  code: number;
}

const ok = (out: string[]): CommandResult => ({ out, err: [], code: 0 });
const fail = (err: string, code = 1): CommandResult => ({ out: [], err: [err], code });

/** `date`'s output: `Thu Mar 12 23:05:00 UTC 2026`. */
export function dateLine(epochMs: number): string {
  const d = simDate(epochMs);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hhmm(d)}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');
/** The few calendar readings the console prints, of a simulated instant (no `Date` in the core). */
interface SimDate {
  getUTCFullYear(): number;
  getUTCMonth(): number;
  getUTCDate(): number;
  getUTCDay(): number;
  getUTCHours(): number;
  getUTCMinutes(): number;
  getUTCSeconds(): number;
  toISOString(): string;
}
function simDate(epochMs: number): SimDate {
  const p = utcParts(epochMs);
  return {
    getUTCFullYear: () => p.year,
    getUTCMonth: () => p.month,
    getUTCDate: () => p.day,
    getUTCDay: () => p.weekday,
    getUTCHours: () => p.hour,
    getUTCMinutes: () => p.minute,
    getUTCSeconds: () => p.second,
    toISOString: () => isoUtc(epochMs),
  };
}
const dateOf = (s: HostState, t: number) => simDate(s.epoch0 + t);
const hhmm = (d: SimDate) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
const lsDate = (d: SimDate) =>
  `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hhmm(d)}`;

function psStart(s: HostState, p: Proc): string {
  const d = dateOf(s, p.start);
  return p.start < s.at - 86_400_000 ? `${MONTHS[d.getUTCMonth()]}${pad(d.getUTCDate())}` : hhmm(d);
}

export function ps(ctx: CommandContext, args: string[]): CommandResult {
  const s = ctx.state;
  const procs = [...s.processes].sort((a, b) => a.pid - b.pid);
  const flags = args.join('');
  if (flags.includes('e') && flags.includes('f')) {
    return ok([
      'UID          PID    PPID  C STIME TTY          TIME CMD',
      ...procs.map(
        (p) =>
          `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${psStart(s, p).padEnd(5)} ${p.tty.padEnd(8)} 00:00:00 ${p.command}`,
      ),
    ]);
  }
  if (flags.includes('a') || flags.includes('x') || flags.includes('e')) {
    return ok([
      'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      ...procs.map(
        (p) =>
          `${p.user.slice(0, 8).padEnd(8)} ${String(p.pid).padStart(5)} ${p.cpu.toFixed(1).padStart(4)} ${p.mem.toFixed(1).padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${p.tty.padEnd(8)} ${p.stat.padEnd(4)} ${psStart(s, p).padEnd(5)}   0:00 ${p.command}`,
      ),
    ]);
  }
  return ok([
    '  PID TTY          TIME CMD',
    ' 4242 pts/0    00:00:00 bash',
    ' 4301 pts/0    00:00:00 ps',
  ]);
}

export function ss(ctx: CommandContext, args: string[]): CommandResult {
  const flags = args.join('');
  const listening = flags.includes('l');
  const all = flags.includes('a');
  const udp = flags.includes('u');
  const tcp = flags.includes('t') || !udp;
  const rows = ctx.state.sockets.filter(
    (x) =>
      ((x.proto === 'tcp' && tcp) || (x.proto === 'udp' && udp)) &&
      (all || (listening ? x.state === 'LISTEN' : x.state !== 'LISTEN')),
  );
  const withProcess = flags.includes('p');
  return ok([
    `State      Recv-Q Send-Q Local Address:Port          Peer Address:Port${withProcess ? '          Process' : ''}`,
    ...rows.map(
      (x) =>
        `${x.state.padEnd(10)} 0      0      ${x.local.padEnd(27)} ${x.peer.padEnd(26)}${withProcess ? ` ${x.process}` : ''}`,
    ),
  ]);
}

export function netstat(ctx: CommandContext, args: string[]): CommandResult {
  const rows = ss(ctx, [...args, 'a']).out.slice(1);
  const names: Record<string, string> = {
    LISTEN: 'LISTEN',
    ESTAB: 'ESTABLISHED',
    'SYN-SENT': 'SYN_SENT',
    'TIME-WAIT': 'TIME_WAIT',
  };
  const withProcess = args.join('').includes('p');
  return ok(
    [
      'Active Internet connections (servers and established)',
      `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${withProcess ? ' PID/Program name' : ''}`,
      ...ctx.state.sockets.map((x) => {
        const program = /\("([^"]+)",pid=(\d+)/.exec(x.process);
        return `${x.proto.padEnd(5)} 0      0      ${x.local.padEnd(23)} ${x.peer.replace(':*', ':*').padEnd(23)} ${names[x.state]!.padEnd(11)}${withProcess && program ? ` ${program[2]}/${program[1]}` : ''}`;
      }),
    ].slice(0, rows.length + 2),
  );
}

export function last(ctx: CommandContext): CommandResult {
  const s = ctx.state;
  const rows = [...s.logins].sort((a, b) => b.start - a.start);
  const line = (l: (typeof rows)[number]) => {
    const d = dateOf(s, l.start);
    const when = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hhmm(d)}`;
    const span =
      l.end === undefined
        ? '  still logged in'
        : ` - ${hhmm(dateOf(s, l.end))}  (${pad(Math.floor((l.end - l.start) / 3_600_000))}:${pad(Math.floor(((l.end - l.start) % 3_600_000) / 60_000))})`;
    return `${l.user.padEnd(8)} ${l.tty.padEnd(12)} ${l.from.padEnd(16)} ${when}${span}`;
  };
  const boot = dateOf(s, -9 * 86_400_000);
  return ok([
    ...rows.map(line),
    '',
    `wtmp begins ${DAYS[boot.getUTCDay()]} ${MONTHS[boot.getUTCMonth()]} ${boot.getUTCDate()} ${hhmm(boot)}:00 ${boot.getUTCFullYear()}`,
  ]);
}

export function who(ctx: CommandContext, w: boolean): CommandResult {
  const s = ctx.state;
  const now = dateOf(s, s.at);
  const open = [
    { user: 'root', tty: 'pts/0', from: s.peers.bastion, start: s.at - 60_000 },
    ...s.logins.filter((l) => l.end === undefined),
  ];
  const rows = open.map(
    (l) => `${l.user.padEnd(8)} ${l.tty.padEnd(12)} ${lsDate(dateOf(s, l.start))} (${l.from})`,
  );
  if (!w) return ok(rows);
  return ok([
    ` ${hhmm(now)}:${pad(now.getUTCSeconds())} up 9 days,  ${open.length} users,  load average: 0.31, 0.28, 0.25`,
    'USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT',
    ...open.map(
      (l) =>
        `${l.user.padEnd(8)} ${l.tty.padEnd(8)} ${l.from.padEnd(16)} ${hhmm(dateOf(s, l.start))}    1:00   0.02s  0.00s ${l.user === 'root' ? 'w' : '-bash'}`,
    ),
  ]);
}

/** Crontabs are files: /var/spool/cron/<user>. */
export function crontab(ctx: CommandContext, args: string[]): CommandResult {
  if (!args.includes('-l')) return fail('crontab: only -l (list) is available in this console');
  const u = args.indexOf('-u');
  const user = u >= 0 ? (args[u + 1] ?? 'root') : 'root';
  const file = ctx.state.files.get(`/var/spool/cron/${user}`);
  if (!file) return fail(`no crontab for ${user}`);
  return ok((file.content ?? '').split('\n').filter((l) => l !== ''));
}

function resolvePath(path: string): string {
  if (path === '' || path === '.') return '/root';
  const abs = path.startsWith('/') ? path : `/root/${path}`;
  const parts: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function listing(ctx: CommandContext): Map<string, FileEntry> {
  const files = new Map(ctx.state.files);
  for (const log of ctx.logFiles) {
    // Sizes are estimated: listing a folder must not generate every log in it.
    files.set(log, {
      path: log,
      owner: 'root',
      size: 1_000 + Math.round(ctx.state.at / 50),
      mode: '-rw-r-----',
      mtime: ctx.state.at,
    });
    addFolders(files, log, -30 * 86_400_000);
  }
  return files;
}

const childrenOf = (files: Map<string, FileEntry>, dir: string) =>
  [...files.values()].filter(
    (f) =>
      f.path !== dir &&
      f.path.startsWith(dir === '/' ? '/' : `${dir}/`) &&
      !f.path.slice(dir === '/' ? 1 : dir.length + 1).includes('/'),
  );

export function ls(ctx: CommandContext, args: string[]): CommandResult {
  const long = args.some((a) => a.startsWith('-') && a.includes('l'));
  const all = args.some((a) => a.startsWith('-') && a.includes('a'));
  const targets = args.filter((a) => !a.startsWith('-'));
  const files = listing(ctx);
  const out: string[] = [];
  const err: string[] = [];
  for (const target of targets.length ? targets : ['.']) {
    const path = resolvePath(target);
    const entry = files.get(path);
    if (!entry) {
      err.push(`ls: cannot access '${target}': No such file or directory`);
      continue;
    }
    const entries = entry.mode.startsWith('d')
      ? childrenOf(files, path)
          .filter((f) => all || !f.path.slice(f.path.lastIndexOf('/') + 1).startsWith('.'))
          .sort((a, b) => (a.path < b.path ? -1 : 1))
      : [entry];
    if (targets.length > 1) out.push(`${target}:`);
    if (long) {
      out.push(`total ${entries.reduce((n, f) => n + Math.ceil(f.size / 1024), 0)}`);
      if (all && entry.mode.startsWith('d')) {
        out.push(
          `${entry.mode}. 2 ${entry.owner.padEnd(8)} ${entry.owner.padEnd(8)} ${String(entry.size).padStart(6)} ${lsDate(dateOf(ctx.state, entry.mtime))} .`,
        );
        out.push(
          `drwxr-xr-x. 2 root     root       4096 ${lsDate(dateOf(ctx.state, -30 * 86_400_000))} ..`,
        );
      }
      for (const f of entries)
        out.push(
          `${f.mode}. 1 ${f.owner.padEnd(8)} ${f.owner.padEnd(8)} ${String(f.size).padStart(6)} ${lsDate(dateOf(ctx.state, f.mtime))} ${f.path.slice(f.path.lastIndexOf('/') + 1)}`,
        );
    } else {
      out.push(entries.map((f) => f.path.slice(f.path.lastIndexOf('/') + 1)).join('  '));
    }
  }
  return { out, err, code: err.length ? 2 : 0 };
}

const globRegex = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

export function find(ctx: CommandContext, args: string[]): CommandResult {
  const files = listing(ctx);
  const roots: string[] = [];
  let i = 0;
  while (i < args.length && !args[i]!.startsWith('-')) roots.push(resolvePath(args[i++]!));
  const tests: Array<(f: FileEntry) => boolean> = [];
  for (; i < args.length; i++) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (flag === '-name' || flag === '-iname') {
      if (value === undefined) return fail(`find: missing argument to \`${flag}'`);
      const re = globRegex(value);
      const ci = new RegExp(re.source, 'i');
      tests.push((f) =>
        (flag === '-iname' ? ci : re).test(f.path.slice(f.path.lastIndexOf('/') + 1)),
      );
      i++;
    } else if (flag === '-type') {
      if (value !== 'f' && value !== 'd')
        return fail(`find: Unknown argument to -type: ${value ?? ''}`);
      tests.push((f) => f.mode.startsWith('d') === (value === 'd'));
      i++;
    } else if (flag === '-mmin' || flag === '-mtime') {
      const n = Number(value);
      if (value === undefined || Number.isNaN(n))
        return fail(`find: invalid argument \`${value ?? ''}' to \`${flag}'`);
      const unit = flag === '-mmin' ? 60_000 : 86_400_000;
      const age = (f: FileEntry) => (ctx.state.at - f.mtime) / unit;
      tests.push(
        value.startsWith('-')
          ? (f) => age(f) < -n
          : value.startsWith('+')
            ? (f) => age(f) > n
            : (f) => Math.ceil(age(f)) === n,
      );
      i++;
    } else if (flag === '-newer') {
      const ref = files.get(resolvePath(value ?? ''));
      if (!ref) return fail(`find: '${value ?? ''}': No such file or directory`);
      tests.push((f) => f.mtime > ref.mtime);
      i++;
    } else if (flag === '-ls' || flag === '-print') {
      // default output
    } else {
      return fail(`find: unknown predicate \`${flag}'`);
    }
  }
  const out: string[] = [];
  for (const root of roots.length ? roots : ['/root']) {
    if (!files.has(root)) {
      out.push(`find: '${root}': No such file or directory`);
      continue;
    }
    for (const f of [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)))
      if (
        (f.path === root || f.path.startsWith(root === '/' ? '/' : `${root}/`)) &&
        tests.every((t) => t(f))
      )
        out.push(f.path);
  }
  return ok(out);
}

/** The text of a file: its content, a log, or an error like cat's. */
export function readFile(
  ctx: CommandContext,
  name: string,
  command: string,
): string[] | CommandResult {
  const path = resolvePath(name);
  const log = ctx.readLog(path);
  if (log) return log;
  const file = ctx.state.files.get(path);
  if (!file) return fail(`${command}: ${name}: No such file or directory`);
  if (file.mode.startsWith('d')) return fail(`${command}: ${name}: Is a directory`);
  if (file.content === undefined) return [`(binary data, ${file.size} bytes)`];
  return file.content.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

export function history(ctx: CommandContext): CommandResult {
  const base = (ctx.state.files.get('/root/.bash_history')?.content ?? '')
    .split('\n')
    .filter(Boolean);
  return ok(
    [...base, ...(ctx.state.history.get('root') ?? [])].map(
      (c, i) => `${String(i + 1).padStart(5)}  ${c}`,
    ),
  );
}

export function id(ctx: CommandContext, args: string[]): CommandResult {
  const user = args[0] ?? 'root';
  const passwd = ctx.state.files.get('/etc/passwd')?.content ?? '';
  const row = passwd.split('\n').find((l) => l.startsWith(`${user}:`));
  if (!row) return fail(`id: ‘${user}’: no such user`);
  const [, , uid, gid] = row.split(':');
  return ok([`uid=${uid}(${user}) gid=${gid}(${user}) groups=${gid}(${user})`]);
}

export function uname(ctx: CommandContext, args: string[]): CommandResult {
  const s = ctx.state;
  const redHat = s.host.isRedHat;
  const kernel = redHat ? '3.10.0-1160.119.1.el7.x86_64' : '6.1.0-18-amd64';
  const version = redHat
    ? '#1 SMP Tue Jun 4 14:43:51 UTC 2024'
    : '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)';
  if (args.includes('-a'))
    return ok([`Linux ${s.host.hostname} ${kernel} ${version} x86_64 x86_64 x86_64 GNU/Linux`]);
  if (args.includes('-r')) return ok([kernel]);
  return ok(['Linux']);
}

const UNITS: Record<string, { description: string; pid: number; main: string; kinds?: string[] }> =
  {
    sshd: { description: 'OpenSSH server daemon', pid: 1021, main: '/usr/sbin/sshd -D' },
    crond: { description: 'Command Scheduler', pid: 1040, main: '/usr/sbin/crond -n' },
    filebeat: {
      description: 'Filebeat sends log files to Logstash or directly to Elasticsearch.',
      pid: 1102,
      main: '/usr/share/filebeat/bin/filebeat',
    },
    auditd: { description: 'Security Auditing Service', pid: 611, main: '/sbin/auditd' },
    rsyslog: { description: 'System Logging Service', pid: 688, main: '/usr/sbin/rsyslogd -n' },
    nginx: {
      description: 'The nginx HTTP and reverse proxy server',
      pid: 1210,
      main: 'nginx: master process /usr/sbin/nginx',
      kinds: ['web-server'],
    },
    'php-fpm': {
      description: 'The PHP FastCGI Process Manager',
      pid: 1300,
      main: 'php-fpm: master process (/etc/php-fpm.conf)',
      kinds: ['web-server', 'app-server'],
    },
    mysqld: {
      description: 'MySQL Server',
      pid: 1400,
      main: '/usr/sbin/mysqld',
      kinds: ['database'],
    },
    slapd: {
      description: 'OpenLDAP Server Daemon',
      pid: 1450,
      main: '/usr/sbin/slapd',
      kinds: ['directory'],
    },
  };

export function systemctl(ctx: CommandContext, args: string[]): CommandResult {
  if (args[0] !== 'status')
    return fail(`systemctl ${args[0] ?? ''}: only "status" is available in this console`);
  const name = (args[1] ?? '').replace(/\.service$/, '');
  const unit = UNITS[name];
  if (!unit || (unit.kinds && !unit.kinds.includes(ctx.state.host.kind)))
    return fail(`Unit ${name}.service could not be found.`, 4);
  const since = dateOf(ctx.state, -9 * 86_400_000);
  return ok([
    `● ${name}.service - ${unit.description}`,
    `   Loaded: loaded (/usr/lib/systemd/system/${name}.service; enabled; vendor preset: disabled)`,
    `   Active: active (running) since ${DAYS[since.getUTCDay()]} ${since.toISOString().slice(0, 10)} ${hhmm(since)}:00 UTC; 9 days ago`,
    ` Main PID: ${unit.pid} (${name})`,
    `   CGroup: /system.slice/${name}.service`,
    `           └─${unit.pid} ${unit.main}`,
  ]);
}

export function df(_ctx: CommandContext, args: string[]): CommandResult {
  const human = args.some((a) => a.includes('h'));
  return ok(
    human
      ? [
          'Filesystem               Size  Used Avail Use% Mounted on',
          'devtmpfs                 1.9G     0  1.9G   0% /dev',
          'tmpfs                    1.9G  8.6M  1.9G   1% /run',
          '/dev/mapper/centos-root   50G   11G   40G  22% /',
          '/dev/sda1               1014M  232M  783M  23% /boot',
          '/dev/mapper/centos-var    20G  6.1G   14G  31% /var',
        ]
      : [
          'Filesystem              1K-blocks     Used Available Use% Mounted on',
          'devtmpfs                  1918520        0   1918520   0% /dev',
          'tmpfs                     1930624     8800   1921824   1% /run',
          '/dev/mapper/centos-root  52403200 11534336  40868864  22% /',
          '/dev/sda1                 1038336   237568    800768  23% /boot',
          '/dev/mapper/centos-var   20961280  6396312  14564968  31% /var',
        ],
  );
}
