/**
 * Baagoe's Alea, computed exactly as seedrandom 3.0.5's `seedrandom.alea(seed)` computes it (the
 * same operations in the same order, so the same doubles), without the four closures and the
 * Mash closure seedrandom builds per generator: the engine and the evidence make one generator
 * per keyed draw, hundreds of thousands per simulation. `test/engine/alea.test.ts` pins it to
 * seedrandom byte for byte over many seeds and draws.
 */

const TWO_M32 = 2.3283064365386963e-10; // 2^-32

/** Mash's state after one string, from state `n`: returns the new state. */
function mashInto(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  return n;
}

// Alea's seeding starts with three mashes of ' ' from Mash's initial state: the same every time.
const N0 = 0xefc8249d;
const N1 = mashInto(N0, ' ');
const N2 = mashInto(N1, ' ');
const N3 = mashInto(N2, ' ');
const S0 = (N1 >>> 0) * TWO_M32;
const S1 = (N2 >>> 0) * TWO_M32;
const S2 = (N3 >>> 0) * TWO_M32;

/** A sequential Alea generator seeded with `seed` (seedrandom's `alea(seed)`'s numbers). */
export class Alea {
  private s0: number;
  private s1: number;
  private s2: number;
  private c = 1;

  constructor(seed: string) {
    let n = mashInto(N3, seed);
    let s0 = S0 - (n >>> 0) * TWO_M32;
    if (s0 < 0) s0 += 1;
    n = mashInto(n, seed);
    let s1 = S1 - (n >>> 0) * TWO_M32;
    if (s1 < 0) s1 += 1;
    n = mashInto(n, seed);
    let s2 = S2 - (n >>> 0) * TWO_M32;
    if (s2 < 0) s2 += 1;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
  }

  /** The next number in [0, 1). */
  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_M32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }
}

/** A generator function for `seed`: `alea(seed)()` is seedrandom's `alea(seed)()`. */
export function alea(seed: string): () => number {
  const g = new Alea(seed);
  return () => g.next();
}

/** The first number of `alea(seed)`, with no generator object at all. */
export function aleaFirst(seed: string): number {
  let s0 = S0 - (mashInto(N3, seed) >>> 0) * TWO_M32;
  if (s0 < 0) s0 += 1;
  // The first number reads only s0 and c = 1: s1 and s2 (two more mashes) are never needed.
  const t = 2091639 * s0 + TWO_M32;
  return t - (t | 0);
}
