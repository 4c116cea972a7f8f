import { auditEpoch } from '../clock.js';

/** The SYSCALL (openat with O_CREAT, unlinkat...) and PATH records of a watched file change. */
export function auditFile(e: {
  epochMs: number;
  serial: number;
  pid: number;
  ppid: number;
  uid: number;
  comm: string;
  exe: string;
  path: string;
  action: 'create' | 'modify' | 'delete' | 'read';
  key: string;
}): string[] {
  const id = `audit(${auditEpoch(e.epochMs)}:${e.serial})`;
  const syscall = e.action === 'delete' ? 263 : 257;
  const nametype = e.action === 'create' ? 'CREATE' : e.action === 'delete' ? 'DELETE' : 'NORMAL';
  const dir = e.path.replace(/\/[^/]*$/, '') || '/';
  return [
    `type=SYSCALL msg=${id}: arch=c000003e syscall=${syscall} success=yes exit=3 a0=ffffff9c a1=7ffd3c1a2b40 a2=241 a3=1b6 items=2 ppid=${e.ppid} pid=${e.pid} auid=4294967295 uid=${e.uid} gid=${e.uid} euid=${e.uid} suid=${e.uid} fsuid=${e.uid} egid=${e.uid} sgid=${e.uid} fsgid=${e.uid} tty=(none) ses=4294967295 comm="${e.comm}" exe="${e.exe}" key="${e.key}"`,
    `type=PATH msg=${id}: item=0 name="${dir}/" inode=${(e.serial % 900_000) + 100_000} dev=fd:00 mode=040775 ouid=${e.uid} ogid=${e.uid} rdev=00:00 nametype=PARENT`,
    `type=PATH msg=${id}: item=1 name="${e.path}" inode=${(e.serial % 900_000) + 100_001} dev=fd:00 mode=0100644 ouid=${e.uid} ogid=${e.uid} rdev=00:00 nametype=${nametype}`,
  ];
}
