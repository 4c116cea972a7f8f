import { hex, keyed } from '../random.js';
import type { World } from '../world.js';
import { olderThan, productVersion, stackOf } from './stack.js';

/*
 * What a host's sshd writes to auth.log/secure, by the OpenSSH its OS shipped at the drill's date
 * (an `OpenSSH x.y` entry in the host's stack overrides it), and whether systemd-logind is there to
 * log sessions. Chosen from the host's `os`/`stack`, never by scenario id; a host whose OpenSSH is
 * unknown or 6.8 and later keeps today's lines.
 *
 * - SHA256 fingerprints (`SHA256:` and 43 base64 characters) came with OpenSSH 6.8 (2015); before,
 *   sshd printed the key's MD5 as 16 hex pairs (`12:ab:...`).
 * - ED25519 keys came with 6.5 (2014): older servers authenticate RSA keys.
 * - The key and its fingerprint joined the `Accepted publickey ... ssh2` line in 6.3; before, the
 *   line ends at `ssh2` and only `LogLevel VERBOSE` names the key (`Found matching RSA key: <md5>`,
 *   twice: the probe and the signed request), after `Connection from <ip> port <port>`. The drills'
 *   older hosts log at VERBOSE, so the key that logged in can still be told.
 * - Before 7.x the disconnect reads `Received disconnect from <ip>: 11: disconnected by user`, with
 *   no port and no `Disconnected from user` line.
 * - systemd-logind exists only on systemd systems: Debian 8 and later, CentOS/RHEL 7 and later.
 *   Debian 7 boots sysvinit: no `New session`/`Removed session` lines.
 */

export interface Sshd {
  /** The OpenSSH release, when known. */
  version?: readonly [number, number];
  /** The line format of today's sshd (6.8 and later, or unknown). */
  modern: boolean;
  /** Whether systemd-logind logs the sessions. */
  logind: boolean;
}

/** [major, minor] of OpenSSH a distribution shipped (CentOS 7 by its point release at `epochMs`). */
function shippedOpenSsh(os: string, epochMs: number): readonly [number, number] | undefined {
  const debian = /\bDebian\s+(\d+)/i.exec(os);
  if (debian) {
    const release: Record<string, readonly [number, number]> = {
      '6': [5, 5],
      '7': [6, 0],
      '8': [6, 7],
      '9': [7, 4],
      '10': [7, 9],
      '11': [8, 4],
      '12': [9, 2],
    };
    return release[debian[1]!];
  }
  const redHat = /\b(?:CentOS|RHEL|Red Hat Enterprise Linux)\s+(\d+)/i.exec(os);
  if (redHat) {
    const major = Number(redHat[1]);
    if (major === 6) return [5, 3];
    if (major === 8) return [8, 0];
    if (major !== 7) return undefined;
    // CentOS 7.0 (July 2014) shipped 6.4p1, 7.1 (March 2015) 6.6.1p1, 7.4 (September 2017) 7.4p1.
    if (epochMs < Date.UTC(2015, 2, 31)) return [6, 4];
    if (epochMs < Date.UTC(2017, 8, 13)) return [6, 6];
    return [7, 4];
  }
  return undefined;
}

/** Whether the OS boots systemd (and so runs systemd-logind); unknown systems are assumed to. */
function hasLogind(os: string): boolean {
  const debian = /\bDebian\s+(\d+)/i.exec(os);
  if (debian) return Number(debian[1]) >= 8;
  const redHat = /\b(?:CentOS|RHEL|Red Hat Enterprise Linux)\s+(\d+)/i.exec(os);
  if (redHat) return Number(redHat[1]) >= 7;
  return true;
}

const cache = new WeakMap<World, Map<string, Sshd>>();

/** The sshd of host `id` in this drill (found once per world and host). */
export function sshdOf(world: World, id: string): Sshd {
  let byId = cache.get(world);
  if (!byId) cache.set(world, (byId = new Map()));
  let sshd = byId.get(id);
  if (!sshd) {
    const os = world.architecture.components.find((c) => c.id === id)?.os ?? '';
    const stated = productVersion(stackOf(world.architecture, id), /\bOpenSSH\b/i);
    const version = stated && stated[0] > 0 ? stated : shippedOpenSsh(os, world.epoch0);
    sshd = {
      ...(version ? { version } : {}),
      modern: !version || !olderThan(version, 6, 8),
      logind: hasLogind(os),
    };
    byId.set(id, sshd);
  }
  return sshd;
}

/** The key type an older sshd accepts: ED25519 from 6.5, RSA before. */
export function keyType(sshd: Sshd): 'ED25519' | 'RSA' {
  return !sshd.version || !olderThan(sshd.version, 6, 5) ? 'ED25519' : 'RSA';
}

/** The MD5 fingerprint of a user's key as OpenSSH before 6.8 prints it (16 hex pairs). */
export function md5Fingerprint(key: string): string {
  return hex(keyed('ssh-key-md5', key), 32).match(/../g)!.join(':');
}

/**
 * The lines of an older sshd (before 6.8) for a login: [offset ms, message] from the connection,
 * at the session's start, to `Accepted` (never before the start: a window cut there keeps them all
 * on one side).
 */
export function legacyLoginLines(
  sshd: Sshd,
  s: { user: string; from: string; port: number; method: 'publickey' | 'password' },
): Array<[number, string]> {
  const type = keyType(sshd);
  const md5 = md5Fingerprint(s.user);
  const accepted = `Accepted ${s.method} for ${s.user} from ${s.from} port ${s.port} ssh2`;
  const publickey = s.method === 'publickey';
  if (sshd.version && !olderThan(sshd.version, 6, 3))
    return [[0, publickey ? `${accepted}: ${type} ${md5}` : accepted]];
  return [
    [0, `Connection from ${s.from} port ${s.port}`],
    ...(publickey
      ? ([
          [1, `Found matching ${type} key: ${md5}`],
          [2, `Found matching ${type} key: ${md5}`],
        ] as Array<[number, string]>)
      : []),
    [3, accepted],
  ];
}

/** The disconnect of an older sshd (before 7.x: no port, no `Disconnected from user`). */
export function legacyDisconnect(s: { from: string }): string {
  return `Received disconnect from ${s.from}: 11: disconnected by user`;
}
