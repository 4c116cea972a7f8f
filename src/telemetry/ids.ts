import { modsecUniqueId } from './formats/security.js';
import { hash32, hash32Digits } from './random.js';

/*
 * Identifiers that link one request across the logs (flow id, request id, ModSecurity unique id,
 * process ids) are hashes of the connection's stable id: no stream has to remember another.
 */

/** FNV-1a continued by one character: hash32(text + char) from hash32(text). */
const more = (h: number, code: number) => Math.imul(h ^ code, 0x01000193) >>> 0;
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (h: number) =>
  HEX2[h >>> 24]! + HEX2[(h >>> 16) & 255]! + HEX2[(h >>> 8) & 255]! + HEX2[h & 255]!;

/** Suricata's flow_id: a positive integer below 2^51. */
export function flowId(connId: string): number {
  const h = hash32(connId);
  return h * 0x80000 + (more(h, 35 /* # */) & 0x7ffff);
}

/** nginx/HAProxy-style 32 hex digit request id. */
export function requestId(connId: string, index: number): string {
  const h = hash32(`${connId}/${index}`);
  // The hashes of the key and of key + "a", "b", "c".
  return hex8(h) + hex8(more(h, 97)) + hex8(more(h, 98)) + hex8(more(h, 99));
}

/**
 * hash32(`${connId}/${index}`) without building the string (FNV-1a runs character by character:
 * the connection's id, the slash, then the index's decimal digits).
 */
function requestHash(connId: string, index: number): number {
  return hash32Digits(more(hash32(connId), 47 /* / */), index);
}

/** requestId's four 32-bit words into `out` (its hex digits are theirs, in order). */
export function requestIdWords(connId: string, index: number, out: Uint32Array): void {
  const h = requestHash(connId, index);
  out[0] = h;
  out[1] = more(h, 97);
  out[2] = more(h, 98);
  out[3] = more(h, 99);
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
