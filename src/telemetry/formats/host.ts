import { auditEpoch, bsdTime, isoTime, mysqlTime } from '../clock.js';

/*
 * Host formats: RFC 5424 syslog (firewalls), auth.log/secure (sshd, sudo, cron), auditd records,
 * OpenLDAP slapd and the MySQL 5.7 general query log.
 */

/** RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`. */
export function rfc5424(
  facility: number,
  severity: number,
  epochMs: number,
  host: string,
  app: string,
  procId: string,
  msgId: string,
  structured: string,
  msg: string,
): string {
  return `<${facility * 8 + severity}>1 ${isoTime(epochMs)} ${host} ${app} ${procId} ${msgId} ${structured}${msg ? ` ${msg}` : ''}`;
}

/** A firewall decision as RFC 5424 (facility local0), netfilter-style message. */
export function firewallLine(
  epochMs: number,
  host: string,
  action: 'ACCEPT' | 'DROP',
  rule: string,
  p: {
    in: string;
    out: string;
    src: string;
    dst: string;
    spt: number;
    dpt: number;
    proto?: string;
  },
): string {
  const sd = `[fw@32473 action="${action.toLowerCase()}" rule="${rule}"]`;
  const out = action === 'DROP' ? '' : p.out;
  return rfc5424(
    16,
    action === 'DROP' ? 4 : 6,
    epochMs,
    host,
    'kernel',
    '-',
    action,
    sd,
    `${action} IN=${p.in} OUT=${out} SRC=${p.src} DST=${p.dst} PROTO=${p.proto ?? 'TCP'} SPT=${p.spt} DPT=${p.dpt}`,
  );
}

/** A BSD-syslog-prefixed line as rsyslog writes it to /var/log/secure or auth.log. */
export function syslogFileLine(
  epochMs: number,
  host: string,
  program: string,
  pid: number,
  msg: string,
): string {
  return `${bsdTime(epochMs)} ${host} ${program}[${pid}]: ${msg}`;
}

export function sudoLine(
  epochMs: number,
  host: string,
  user: string,
  cwd: string,
  command: string,
): string {
  return `${bsdTime(epochMs)} ${host} sudo: ${user.padStart(8)} : TTY=pts/0 ; PWD=${cwd} ; USER=root ; COMMAND=${command}`;
}

// auditd writes an argument in hex when it holds a space, a quote, a control character or non-ASCII.
// eslint-disable-next-line no-control-regex
const NEEDS_HEX = /[\s"\u0000-\u001f\u007f-\uffff]/;

export function auditArg(arg: string): string {
  if (!NEEDS_HEX.test(arg)) return `"${arg}"`;
  let out = '';
  for (const byte of new TextEncoder().encode(arg))
    out += byte.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

export interface AuditExec {
  epochMs: number;
  serial: number;
  pid: number;
  ppid: number;
  uid: number;
  auid: number;
  ses: number;
  tty: string;
  comm: string;
  exe: string;
  argv: string[];
  key: string;
  subj: string;
}

/** The SYSCALL (execve) and EXECVE records of one program start, sharing their event id. */
export function auditExec(e: AuditExec): string[] {
  const id = `audit(${auditEpoch(e.epochMs)}:${e.serial})`;
  const gid = e.uid;
  return [
    `type=SYSCALL msg=${id}: arch=c000003e syscall=59 success=yes exit=0 a0=55d0c1a2b3c0 a1=55d0c1a2b4e0 a2=55d0c1a2b5f0 a3=0 items=2 ppid=${e.ppid} pid=${e.pid} auid=${e.auid} uid=${e.uid} gid=${gid} euid=${e.uid} suid=${e.uid} fsuid=${e.uid} egid=${gid} sgid=${gid} fsgid=${gid} tty=${e.tty} ses=${e.ses} comm="${e.comm}" exe="${e.exe}" subj=${e.subj} key="${e.key}"`,
    `type=EXECVE msg=${id}: argc=${e.argv.length} ${e.argv.map((a, i) => `a${i}=${auditArg(a)}`).join(' ')}`,
  ];
}

/** A PAM/user record (USER_LOGIN, USER_START, USER_END, CRED_ACQ). */
export function auditUser(
  epochMs: number,
  serial: number,
  type: 'USER_LOGIN' | 'USER_START' | 'USER_END' | 'CRED_ACQ',
  p: {
    pid: number;
    uid: number;
    auid: number;
    ses: number;
    op: string;
    acct: string;
    exe: string;
    addr: string;
    terminal: string;
  },
): string {
  return `type=${type} msg=audit(${auditEpoch(epochMs)}:${serial}): pid=${p.pid} uid=${p.uid} auid=${p.auid} ses=${p.ses} subj=system_u:system_r:sshd_t:s0-s0:c0.c1023 msg='op=${p.op} acct="${p.acct}" exe="${p.exe}" hostname=? addr=${p.addr} terminal=${p.terminal} res=success'`;
}

/** An OpenLDAP slapd access line (syslog file). */
export function slapdLine(epochMs: number, host: string, pid: number, msg: string): string {
  return `${bsdTime(epochMs)} ${host} slapd[${pid}]: ${msg}`;
}

/** A MySQL 5.7 general query log entry (`log_timestamps=UTC`). */
export function mysqlGeneral(
  epochMs: number,
  micro: number,
  thread: number,
  command: string,
  argument: string,
): string {
  return `${mysqlTime(epochMs, micro)}\t${String(thread).padStart(6)} ${command}\t${argument}`;
}
