import { auditExec, auditKill, auditUser, sudoLine, syslogFileLine } from './formats/host.js';
import type { Entry } from './entry.js';
import { hash32 } from './random.js';
import { legacyDisconnect, legacyLoginLines, sshdOf } from './products/openssh.js';
import type { Host } from './topology.js';
import type { World } from './world.js';

/*
 * Host activity rendered to auth.log/secure and auditd at once, so a login and its commands read
 * the same in both. Used by the baseline (cron, administrators, PHP mail) and by the attack.
 */

export const UIDS: Record<string, number> = {
  root: 0,
  nginx: 998,
  'svc-shop': 1001,
  duck: 1101,
  skywalker: 1102,
  snow: 1103,
  mouse: 1104,
};
const UNSET = 4294967295;
/** systemd-logind starts early at boot and keeps its pid. */
const LOGIND_PID = 812;

/**
 * auditd's serial: rises with time like the kernel's counter (about 80 events a second), with room
 * for 8 events per tenth of a second, so two events never share (time, serial).
 */
export function auditSerial(epochMs: number, k = 0): number {
  return ((Math.floor(epochMs / 100) % 100_000_000) * 8 + (k % 8)) % 1_000_000_000;
}

export interface Exec {
  t: number;
  user: string;
  /** Login user (auid); undefined for daemons. */
  loginUser?: string;
  session?: number;
  tty?: string;
  ppid: number;
  argv: string[];
  exe: string;
  /** Working directory; the user's home (or / for daemons) when not given. */
  cwd?: string;
}

/** Where a user's shell starts. */
export function homeOf(user: string): string {
  return user === 'root' ? '/root' : user === 'nginx' ? '/var/lib/nginx' : `/home/${user}`;
}

/** The pid an exec gets (its SYSCALL record's `pid=`): stable for (host, time, program). */
export function execPid(host: Host, e: Pick<Exec, 't' | 'argv'>): number {
  return 2_000 + (hash32(`${host.id}${e.t}${e.argv[0]}`) % 60_000);
}

/** The kernel names the task after the file given to execve (`sh` for /bin/sh -> bash). */
export function commOf(e: Pick<Exec, 'argv' | 'exe'>): string {
  return (e.argv[0]?.split('/').pop() || (e.exe.split('/').pop() ?? e.exe)).slice(0, 15);
}

/** The SELinux context a user's processes run in (the web server's confined domain for nginx). */
function subjOf(user: string): string {
  return user === 'nginx'
    ? 'system_u:system_r:httpd_t:s0'
    : 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023';
}

export function execEntries(world: World, host: Host, e: Exec, malicious: boolean): Entry[] {
  const epochMs = world.epoch0 + e.t;
  const uid = UIDS[e.user] ?? 1500;
  const comm = commOf(e);
  return auditExec({
    epochMs,
    serial: auditSerial(epochMs, hash32(e.argv.join(' ')) % 7),
    pid: execPid(host, e),
    ppid: e.ppid,
    uid,
    auid: e.loginUser ? (UIDS[e.loginUser] ?? 1500) : UNSET,
    ses: e.session ?? UNSET,
    tty: e.tty ?? '(none)',
    cwd: e.cwd ?? (e.loginUser ? homeOf(e.user) : '/'),
    comm,
    exe: e.exe,
    argv: e.argv,
    key: e.user === 'nginx' ? 'web_exec' : 'exec',
    subj: subjOf(e.user),
    // The EXECVE record follows its SYSCALL record (same audit stamp): a hair later keeps them in
    // order under any sort by time.
  }).map((text, i) => ({ t: e.t + i * 0.001, text, malicious }));
}

/** `SHA256:` and 43 base64 characters (an unpadded SHA-256), stable for a user's key. */
export function sshFingerprint(key: string): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const h = hash32(`${key}#${i}`);
    bytes[i * 4] = h >>> 24;
    bytes[i * 4 + 1] = (h >>> 16) & 255;
    bytes[i * 4 + 2] = (h >>> 8) & 255;
    bytes[i * 4 + 3] = h & 255;
  }
  return `SHA256:${Buffer.from(bytes).toString('base64').replace(/=+$/, '')}`;
}

export interface SshSession {
  t: number;
  user: string;
  from: string;
  port: number;
  method: 'publickey' | 'password';
  /** Commands typed, each at an offset (ms); `sudo` ones run as root. */
  commands: Array<{ after: number; argv: string[]; exe: string; sudo?: boolean }>;
  /** Session length in ms (the logout). */
  length: number;
}

/** sshd and sudo lines for `auth`, and the matching auditd records, of one interactive session. */
export function sshEntries(
  world: World,
  host: Host,
  s: SshSession,
  malicious: boolean,
): { auth: Entry[]; audit: Entry[] } {
  const e0 = world.epoch0;
  const pid = 2_000 + (hash32(`${host.id}ssh${s.t}`) % 60_000);
  const ses = 1 + (hash32(`${host.id}ses${s.t}`) % 9_000);
  const uid = UIDS[s.user] ?? 1500;
  const auth: Entry[] = [];
  const audit: Entry[] = [];
  const a = (t: number, text: string) => auth.push({ t, text, malicious });
  // The host's OpenSSH and init decide the lines (products/openssh.ts): today's by default.
  const sshd = sshdOf(world, host.id);
  if (sshd.modern) {
    const fingerprint = sshFingerprint(s.user);
    a(
      s.t,
      syslogFileLine(
        e0 + s.t,
        host.hostname,
        'sshd',
        pid,
        `Accepted ${s.method} for ${s.user} from ${s.from} port ${s.port} ssh2${s.method === 'publickey' ? `: ED25519 ${fingerprint}` : ''}`,
      ),
    );
  } else {
    for (const [dt, msg] of legacyLoginLines(sshd, s))
      a(s.t + dt, syslogFileLine(e0 + s.t + dt, host.hostname, 'sshd', pid, msg));
  }
  a(
    s.t + 20,
    syslogFileLine(
      e0 + s.t + 20,
      host.hostname,
      'sshd',
      pid,
      `pam_unix(sshd:session): session opened for user ${s.user} by (uid=0)`,
    ),
  );
  if (sshd.logind)
    a(
      s.t + 24,
      syslogFileLine(
        e0 + s.t + 24,
        host.hostname,
        'systemd-logind',
        LOGIND_PID,
        `New session ${ses} of user ${s.user}.`,
      ),
    );
  const user = {
    pid,
    uid: 0,
    auid: uid,
    ses,
    acct: s.user,
    exe: '/usr/sbin/sshd',
    addr: s.from,
    terminal: 'ssh',
  };
  audit.push({
    t: s.t,
    text: auditUser(e0 + s.t, auditSerial(e0 + s.t), 'USER_LOGIN', { ...user, op: 'login' }),
    malicious,
  });
  audit.push({
    t: s.t + 20,
    text: auditUser(e0 + s.t + 20, auditSerial(e0 + s.t + 20, 1), 'USER_START', {
      ...user,
      op: 'PAM:session_open',
    }),
    malicious,
  });
  const shell = pid + 3;
  // Every command of the session runs on its terminal; only time, user, parent and argv vary.
  const exec = (over: Pick<Exec, 't' | 'argv' | 'exe'> & Partial<Exec>) =>
    audit.push(
      ...execEntries(
        world,
        host,
        {
          user: s.user,
          loginUser: s.user,
          session: ses,
          tty: 'pts0',
          ppid: shell,
          cwd: homeOf(s.user),
          ...over,
        },
        malicious,
      ),
    );
  for (const c of s.commands) {
    const t = s.t + c.after;
    if (c.sudo) {
      a(
        t,
        sudoLine(
          e0 + t,
          host.hostname,
          s.user,
          s.user === 'root' ? '/root' : `/home/${s.user}`,
          c.argv.join(' '),
        ),
      );
      exec({ t, argv: ['sudo', ...c.argv], exe: '/usr/bin/sudo' });
      exec({ t: t + 15, user: 'root', ppid: shell + 1, argv: c.argv, exe: c.exe });
    } else {
      exec({ t, argv: c.argv, exe: c.exe });
    }
  }
  const end = s.t + s.length;
  // The session's own sshd (the privilege-separated child) reports the client's disconnect, then
  // the monitor closes the PAM session and logind removes the session.
  const child = pid + 2;
  const close: Array<readonly [string, number, string]> = sshd.modern
    ? [
        [
          'sshd',
          child,
          `Received disconnect from ${s.from} port ${s.port}:11: disconnected by user`,
        ],
        ['sshd', child, `Disconnected from user ${s.user} ${s.from} port ${s.port}`],
      ]
    : [['sshd', child, legacyDisconnect(s)]];
  close.push(['sshd', pid, `pam_unix(sshd:session): session closed for user ${s.user}`]);
  if (sshd.logind)
    close.push(
      ['systemd-logind', LOGIND_PID, `Session ${ses} logged out. Waiting for processes to exit.`],
      ['systemd-logind', LOGIND_PID, `Removed session ${ses}.`],
    );
  close.forEach(([program, p, msg], i) =>
    a(end - 3 + i, syslogFileLine(e0 + end - 3 + i, host.hostname, program, p, msg)),
  );
  audit.push({
    t: end,
    text: auditUser(e0 + end, auditSerial(e0 + end), 'USER_END', {
      ...user,
      op: 'PAM:session_close',
    }),
    malicious,
  });
  return { auth, audit };
}

/** A cron job: PAM session lines and the shell it starts. */
export function cronEntries(
  world: World,
  host: Host,
  t: number,
  command: string,
): { auth: Entry[]; audit: Entry[] } {
  const e0 = world.epoch0;
  const pid = 2_000 + (hash32(`${host.id}cron${t}`) % 60_000);
  const program = host.isRedHat ? 'crond' : 'CRON';
  const service = host.isRedHat ? 'crond' : 'cron';
  const ses = 1 + (hash32(`${host.id}cses${t}`) % 9_000);
  const auth = [
    {
      t,
      text: syslogFileLine(
        e0 + t,
        host.hostname,
        program,
        pid,
        `pam_unix(${service}:session): session opened for user root by (uid=0)`,
      ),
      malicious: false,
    },
    {
      t: t + 900,
      text: syslogFileLine(
        e0 + t + 900,
        host.hostname,
        program,
        pid,
        `pam_unix(${service}:session): session closed for user root`,
      ),
      malicious: false,
    },
  ];
  const audit = execEntries(
    world,
    host,
    {
      t: t + 5,
      user: 'root',
      loginUser: 'root',
      session: ses,
      ppid: pid,
      argv: ['/bin/sh', '-c', command],
      exe: '/usr/bin/bash',
    },
    false,
  );
  return { auth, audit };
}

/**
 * A responder ends a process from a root shell on the host (`kill -9 <pid>`, issue 14): the
 * kill binary's exec, then the kill(2) call the host's `-S kill` rule records (SYSCALL with
 * syscall=62, the target in OBJ_PID: its pid, login uid, uid, session, context and name, as the
 * target's own exec records show them). The responder's login is not part of the drill's facts.
 */
export function killEntries(
  world: World,
  host: Host,
  t: number,
  target: Exec,
  malicious: boolean,
): Entry[] {
  const opid = execPid(host, target);
  // The command is typed a moment before the signal lands (the process is gone at `t`).
  const exec: Exec = {
    t: t - 4,
    user: 'root',
    loginUser: 'root',
    session: 1 + (hash32(`${host.id}kill-ses`) % 9_000),
    tty: 'pts1',
    ppid: 2_000 + (hash32(`${host.id}kill-shell`) % 60_000),
    argv: ['kill', '-9', String(opid)],
    exe: '/usr/bin/kill',
    cwd: '/root',
  };
  const epochMs = world.epoch0 + t;
  const records = auditKill({
    epochMs,
    serial: auditSerial(epochMs, hash32(`kill${opid}`) % 7),
    pid: execPid(host, exec),
    ppid: exec.ppid,
    auid: 0,
    ses: exec.session!,
    tty: exec.tty!,
    signal: 9,
    argv: exec.argv,
    target: {
      pid: opid,
      auid: target.loginUser ? (UIDS[target.loginUser] ?? 1500) : -1,
      uid: UIDS[target.user] ?? 1500,
      ses: target.session ?? -1,
      obj: subjOf(target.user),
      comm: commOf(target),
    },
  });
  return [
    ...execEntries(world, host, exec, malicious),
    ...records.map((text, i) => ({ t: t + i * 0.001, text, malicious })),
  ];
}
