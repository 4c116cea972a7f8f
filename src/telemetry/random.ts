import { alea } from '../engine/index.js';

/** A uniform generator in [0, 1). */
export type Rand = () => number;

/**
 * A generator keyed by its whole path (seed, stream, bucket...), so any bucket of any stream can be
 * produced on its own: no draw depends on another bucket having been generated first. seedrandom's
 * alea to the bit, without its per-generator closures (src/engine/alea.ts): a generator is made
 * for every bucket of every stream, tens of thousands a drill.
 */
export function keyed(...key: Array<string | number>): Rand {
  return alea(key.join('\u0000'));
}

export function int(r: Rand, n: number): number {
  return Math.floor(r() * n);
}

export function between(r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export function pick<T>(r: Rand, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** A weighted choice table, cumulative weights precomputed once. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;
  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }
  /** The entry of the greatest weight (the first of equals). */
  commonest(): T {
    let best = 0;
    for (let i = 1, prev = this.cumulative[0]!; i < this.cumulative.length; i++) {
      const weight = this.cumulative[i]! - this.cumulative[i - 1]!;
      if (weight > prev) [best, prev] = [i, weight];
    }
    return this.items[best]!;
  }
  pick(r: Rand): T {
    const x = r() * this.total;
    const c = this.cumulative;
    let i = 0;
    while (i < c.length - 1 && c[i]! <= x) i++;
    return this.items[i]!;
  }
}

/** Poisson-distributed count (Knuth for small means, a rounded normal for large ones). */
export function poisson(r: Rand, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = r();
    while (p > limit) {
      k++;
      p *= r();
    }
    return k;
  }
  const u = Math.max(r(), 1e-12);
  const gauss = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
}

const HEX = '0123456789abcdef';

export function hex(r: Rand, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[Math.floor(r() * 16)];
  return out;
}

/** A 32-bit FNV-1a hash: cheap stable ids (flow ids, request ids) from a key, without a stream. */
export function hash32(text: string): number {
  return hash32More(0x811c9dc5, text);
}

/** FNV-1a continued: hash32(a + b) is hash32More(hash32(a), b). */
export function hash32More(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** hash32More(h, String(n)) for a whole n >= 0, without the string. */
export function hash32Digits(h: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return hash32More(h, String(n));
  let div = 1;
  while (div * 10 <= n) div *= 10;
  for (; div >= 1; div /= 10)
    h = Math.imul(h ^ (48 + (Math.floor(n / div) % 10)), 0x01000193) >>> 0;
  return h >>> 0;
}
