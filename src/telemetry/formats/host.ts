import { auditEpoch, bsdTime, isoTime, mysqlTime, phpTime } from '../clock.js';
import { hash32 } from '../random.js';

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

/** The packet a netfilter LOG line describes; fields the kernel prints that the caller omits are
 * derived from the flow (stable for the same addresses and ports). */
export interface FirewallPacket {
  in: string;
  out: string;
  src: string;
  dst: string;
  spt: number;
  dpt: number;
  proto?: 'TCP' | 'UDP';
  /** IP total length; TCP SYN 60, UDP 28 + payload. */
  len?: number;
  ttl?: number;
  /** IP identification field. */
  id?: number;
  /** TCP flags printed after RES= (default `SYN`: a rule logs the connection's first packet). */
  flags?: string;
  window?: number;
}

const MACS = new Map<string, string>();

/** `00:16:3e:xx:xx:xx` (the Xen/KVM OUI), stable for a key. */
function mac(key: string): string {
  let text = MACS.get(key);
  if (text === undefined) {
    const h = hash32(key);
    text = `00:16:3e:${TWO_HEX[(h >>> 16) & 255]}:${TWO_HEX[(h >>> 8) & 255]}:${TWO_HEX[h & 255]}`;
    // The keys are interfaces and inside hosts (a few dozen); bounded all the same.
    if (MACS.size >= 4096) MACS.clear();
    MACS.set(key, text);
  }
  return text;
}
const TWO_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Initial TTLs of the usual stacks (Linux/macOS 64, Windows 128, network gear 255), as received. */
const TTLS = [64, 64, 64, 128, 128, 255];

/** The TTL a packet arrives with when the caller does not say (`h`: hash32 of its flow). */
export function netfilterTtl(h: number, inIface: string): number {
  // A packet from outside crossed some routers; one from a neighbour on the segment did not.
  const hops = inIface === 'eth0' ? 8 + (h % 14) : 0;
  return TTLS[h % TTLS.length]! - hops;
}

/** A TCP SYN's window when the caller does not say (`h`: hash32 of its flow). */
export function netfilterWindow(h: number): number {
  return WINDOWS[h % WINDOWS.length]!;
}

/**
 * MAC=: the destination MAC (this interface), the source MAC (the upstream router, or the sending
 * host on an inside segment), EtherType IPv4.
 */
export function netfilterMacs(p: Pick<FirewallPacket, 'in' | 'src'>, device: string): string {
  const from = p.in === 'eth0' ? `${device}${p.in}router` : p.src;
  return `${mac(`${device}${p.in}`)}:${mac(from)}:08:00`;
}

/**
 * The kernel's LOG target fields, in its order: `IN= OUT= MAC= SRC= DST= LEN= TOS= PREC= TTL= ID=
 * [DF] PROTO= SPT= DPT= [WINDOW= RES= flags URGP=]` (TCP) or `... SPT= DPT= LEN=` (UDP).
 */
export function netfilterFields(p: FirewallPacket, device = ''): string {
  const flow = `${p.src}:${p.spt}>${p.dst}:${p.dpt}`;
  const h = hash32(flow);
  const proto = p.proto ?? 'TCP';
  const ttl = p.ttl ?? netfilterTtl(h, p.in);
  const id = p.id ?? (h >>> 8) % 65_536;
  const macs = netfilterMacs(p, device);
  const head = `IN=${p.in} OUT=${p.out} MAC=${macs} SRC=${p.src} DST=${p.dst}`;
  if (proto === 'UDP') {
    const len = p.len ?? 28 + (h % 48);
    return `${head} LEN=${len} TOS=0x00 PREC=0x00 TTL=${ttl} ID=${id} PROTO=UDP SPT=${p.spt} DPT=${p.dpt} LEN=${len - 20}`;
  }
  const window = p.window ?? netfilterWindow(h);
  return `${head} LEN=${p.len ?? 60} TOS=0x00 PREC=0x00 TTL=${ttl} ID=${id} DF PROTO=TCP SPT=${p.spt} DPT=${p.dpt} WINDOW=${window} RES=0x00 ${p.flags ?? 'SYN'} URGP=0`;
}
/** SYN windows of common clients (Linux 64240, Windows 65535, macOS 65535, older Linux 29200). */
const WINDOWS = [64240, 64240, 65535, 65535, 29200, 42340];

/** A firewall decision as RFC 5424 (facility local0), netfilter-style message. */
export function firewallLine(
  epochMs: number,
  host: string,
  action: 'ACCEPT' | 'DROP',
  rule: string,
  p: FirewallPacket,
): string {
  const sd = `[fw@32473 action="${action.toLowerCase()}" rule="${rule}"]`;
  // A dropped packet is never routed out: the kernel prints an empty OUT=.
  const packet = action === 'DROP' ? { ...p, out: '' } : p;
  return rfc5424(
    16,
    action === 'DROP' ? 4 : 6,
    epochMs,
    host,
    'kernel',
    '-',
    action,
    sd,
    `${action} ${netfilterFields(packet, host)}`,
  );
}

/** `Nov 27 11:00:00 feserv1`: what rsyslog writes before the program's tag. */
export function syslogPrefix(epochMs: number, host: string): string {
  return `${bsdTime(epochMs)} ${host}`;
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

// auditd writes a value in hex when it holds a space, a double quote, a control character or
// anything outside printable ASCII (the kernel's audit_string_contains_control).
// eslint-disable-next-line no-control-regex
const NEEDS_HEX = /[\s"\u0000-\u001f\u007f-\uffff]/;
const HEX_BYTE = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).toUpperCase().padStart(2, '0'),
);
const utf8 = new TextEncoder();

function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_BYTE[byte];
  return out;
}

export function auditArg(arg: string): string {
  return NEEDS_HEX.test(arg) ? hexOf(utf8.encode(arg)) : `"${arg}"`;
}

/** PROCTITLE: the command line with NUL separators, cut at 128 bytes like the kernel does. */
export function auditProctitle(argv: readonly string[]): string {
  const joined = argv.join('\u0000');
  const bytes = utf8.encode(joined).subarray(0, 128);
  return argv.length === 1 && !NEEDS_HEX.test(joined) && bytes.length === joined.length
    ? `"${joined}"`
    : hexOf(bytes);
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
  /** The task's name: the executed file's base name, 15 bytes at most (`sh` for /bin/sh). */
  comm: string;
  /** The binary the kernel ran, symlinks resolved (`/usr/bin/bash` for /bin/sh). */
  exe: string;
  argv: string[];
  key: string;
  subj: string;
  /** Working directory (CWD record); `/` when not given (daemons). */
  cwd?: string;
  /** The path given to execve (PATH item 0); from argv[0] and exe's folder when not given. */
  path?: string;
}

/** A user-space address in the range glibc's heap and the stack use, stable for a key. */
function pointer(key: string, stack: boolean): string {
  const h = hash32(key);
  return stack
    ? `7ff${(0xc + (h % 4)).toString(16)}${hash32(`${key}s`).toString(16).padStart(8, '0')}`
    : `55${(0x5000 + (h % 0xafff)).toString(16)}${(hash32(`${key}h`) % 0x1000000).toString(16).padStart(6, '0')}`;
}

function inode(key: string): number {
  return 16_000_000 + (hash32(key) % 50_000_000);
}

function pathRecord(id: string, item: number, name: string, obj: string): string {
  return `type=PATH msg=${id}: item=${item} name=${auditArg(name)} inode=${inode(name)} dev=fd:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 obj=${obj} nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`;
}

/**
 * One program start as auditd logs it (RAW format): SYSCALL (execve), EXECVE, CWD, a PATH for the
 * program and one for the dynamic loader, and PROCTITLE, all with the same `audit(time:serial)`.
 */
export function auditExec(e: AuditExec): string[] {
  const id = `audit(${auditEpoch(e.epochMs)}:${e.serial})`;
  const gid = e.uid;
  const key = `${e.pid}/${e.serial}`;
  const program =
    e.path ??
    (e.argv[0]?.includes('/')
      ? e.argv[0]
      : `${e.exe.slice(0, e.exe.lastIndexOf('/'))}/${e.argv[0] ?? ''}`);
  const records = [
    `type=SYSCALL msg=${id}: arch=c000003e syscall=59 success=yes exit=0 a0=${pointer(key, false)} a1=${pointer(`${key}1`, false)} a2=${pointer(`${key}2`, true)} a3=${(hash32(`${key}3`) % 0x1000).toString(16)} items=2 ppid=${e.ppid} pid=${e.pid} auid=${e.auid} uid=${e.uid} gid=${gid} euid=${e.uid} suid=${e.uid} fsuid=${e.uid} egid=${gid} sgid=${gid} fsgid=${gid} tty=${e.tty} ses=${e.ses} comm=${auditArg(e.comm.slice(0, 15))} exe=${auditArg(e.exe)} subj=${e.subj} key="${e.key}"`,
    `type=EXECVE msg=${id}: argc=${e.argv.length} ${e.argv.map((a, i) => `a${i}=${auditArg(a)}`).join(' ')}`,
    `type=CWD msg=${id}: cwd=${auditArg(e.cwd ?? '/')}`,
    pathRecord(id, 0, program, 'system_u:object_r:bin_t:s0'),
    pathRecord(id, 1, '/lib64/ld-linux-x86-64.so.2', 'system_u:object_r:ld_so_t:s0'),
    `type=PROCTITLE msg=${id}: proctitle=${auditProctitle(e.argv)}`,
  ];
  return records;
}

/** A kill(2) the audit rules record (`-a always,exit -F arch=b64 -S kill -k kill`). */
export interface AuditKill {
  epochMs: number;
  serial: number;
  /** The killer: the `kill` process, its shell, login uid and session (it runs as root). */
  pid: number;
  ppid: number;
  auid: number;
  ses: number;
  tty: string;
  signal: number;
  argv: string[];
  /** The process signalled, as OBJ_PID names it (an unset login uid or session prints as -1). */
  target: { pid: number; auid: number; uid: number; ses: number; obj: string; comm: string };
}

/**
 * SYSCALL (x86_64 kill is 62: a0 the pid in hex, a1 the signal), the kernel's OBJ_PID for the
 * target (`opid=%d oauid=%d ouid=%d oses=%d obj=%s ocomm=`, as kernel/auditsc.c prints it), and
 * the PROCTITLE of the kill command, under one audit stamp.
 */
export function auditKill(k: AuditKill): string[] {
  const id = `audit(${auditEpoch(k.epochMs)}:${k.serial})`;
  const t = k.target;
  return [
    `type=SYSCALL msg=${id}: arch=c000003e syscall=62 success=yes exit=0 a0=${t.pid.toString(16)} a1=${k.signal.toString(16)} a2=0 a3=${pointer(`${k.pid}/${k.serial}`, true)} items=0 ppid=${k.ppid} pid=${k.pid} auid=${k.auid} uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=${k.tty} ses=${k.ses} comm="kill" exe="/usr/bin/kill" subj=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023 key="kill"`,
    `type=OBJ_PID msg=${id}: opid=${t.pid} oauid=${t.auid} ouid=${t.uid} oses=${t.ses} obj=${t.obj} ocomm=${auditArg(t.comm)}`,
    `type=PROCTITLE msg=${id}: proctitle=${auditProctitle(k.argv)}`,
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

/**
 * A MySQL connection id: the server counts connections from its start (here 40 days before the
 * epoch), so ids rise with time; `k` numbers the connections of one minute (up to 1024).
 */
export function mysqlThreadId(epochMs: number, k: number): number {
  const minutesUp = (Math.floor(epochMs / 60_000) % 1_000_000) + 57_600;
  return minutesUp * 1024 + (k % 1024);
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

/**
 * A BIND 9 query-log line (`category queries` with print-time, print-category, print-severity):
 * `12-Mar-2026 22:40:03.251 queries: info: client @0x7f3b5c0a1b20 10.0.1.11#45678 (name): query:
 * name IN A +E(0)K (10.0.5.53)`. Flags: `+` recursion desired, `E(0)` EDNS, `K` cookie.
 */
export function bindQuery(
  epochMs: number,
  client: string,
  port: number,
  name: string,
  qtype: string,
  server: string,
  flags = '+E(0)K',
): string {
  const ms = String(((Math.floor(epochMs) % 1000) + 1000) % 1000).padStart(3, '0');
  // A heap address of 12 hex digits, 16-byte aligned, stable for the client's socket.
  const handle = `7f${hash32(`${client}#${port}`).toString(16).padStart(8, '0')}${(hash32(name) % 16).toString(16)}0`;
  return `${phpTime(epochMs)}.${ms} queries: info: client @0x${handle} ${client}#${port} (${name}): query: ${name} IN ${qtype} ${flags} (${server})`;
}
