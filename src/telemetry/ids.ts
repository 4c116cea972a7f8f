import { modsecUniqueId } from './formats/security.js';
import { hash32 } from './random.js';

/*
 * Identifiers that link one request across the logs (flow id, request id, ModSecurity unique id,
 * process ids) are hashes of the connection's stable id: no stream has to remember another.
 */

/** Suricata's flow_id: a positive integer below 2^51. */
export function flowId(connId: string): number {
  return hash32(connId) * 0x80000 + (hash32(`${connId}#`) & 0x7ffff);
}

/** nginx/HAProxy-style 32 hex digit request id. */
export function requestId(connId: string, index: number): string {
  const key = `${connId}/${index}`;
  return [hash32(key), hash32(`${key}a`), hash32(`${key}b`), hash32(`${key}c`)]
    .map((h) => h.toString(16).padStart(8, '0'))
    .join('');
}

/** ModSecurity v3's unique_id (`176295671534.219792`: epoch seconds, 2 digits, dot, 6 digits). */
export function modsecId(epochMs: number, connId: string, index: number): string {
  return modsecUniqueId(epochMs, hash32(`${connId}/${index}`));
}

/** A process id in Linux's usual range, stable for a key. */
export function pidFor(key: string): number {
  return 1_000 + (hash32(key) % 60_000);
}

/** A connection counter value for error-log `*N` fields, rising with time. */
export function connectionNumber(epochMs: number, key: string): number {
  return (Math.floor(epochMs / 1000) % 10_000_000) + (hash32(key) % 1000);
}
