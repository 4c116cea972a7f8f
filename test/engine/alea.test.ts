import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { alea, aleaFirst } from '../../src/engine/alea.js';

// Seeds shaped like the engine's and the evidence's keys, plus edge cases (empty, long, non-ASCII).
const seeds = [
  '',
  ' ',
  '0',
  '7',
  '7\u0000attacker',
  '7\u0000evidence\u0000exploit\u00003\u00000|60000|||',
  'x'.repeat(500),
  'ünïcødé\u{1F600}',
  ...Array.from(
    { length: 3000 },
    (_, i) => `${i}\u0000fact\u0000state-${i % 17}\u0000${i % 5}\u0000${i * 7}`,
  ),
  ...Array.from({ length: 500 }, (_, i) => String(i * 2654435761)),
];

describe('alea', () => {
  it('gives seedrandom 3.0.5 alea numbers exactly, for every seed and 200 draws', () => {
    for (const seed of seeds) {
      const ours = alea(seed);
      const theirs = seedrandom.alea(seed);
      for (let k = 0; k < 200; k++) {
        const a = ours();
        const b = theirs();
        if (!Object.is(a, b)) expect({ seed, k, a }).toEqual({ seed, k, a: b });
      }
    }
  });

  it('aleaFirst is the first number of the generator', () => {
    for (const seed of seeds)
      expect(Object.is(aleaFirst(seed), seedrandom.alea(seed)())).toBe(true);
  });
});
