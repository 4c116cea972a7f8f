import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/model/suggest.js';

/** closest() as it read before it skipped candidates by length: every candidate measured. */
function closestByFullScan(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3))
    ? best
    : undefined;
}

describe('closest', () => {
  it('suggests a plausible typo and nothing for a word far from every candidate', () => {
    expect(closest('hrad', ['easy', 'hard', 'medium'])).toBe('hard');
    expect(closest('contian', ['contain', 'eradicate'])).toBe('contain');
    expect(closest('zzzzzz', ['contain', 'eradicate'])).toBeUndefined();
    expect(closest('x'.repeat(8000), ['contain', 'eradicate'])).toBeUndefined();
    expect(closest('x'.repeat(300), ['contain', 'x'.repeat(299)])).toBe('x'.repeat(299));
  });

  it('gives what measuring every candidate gives (the first of the closest), on seeded words', () => {
    let state = 7;
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
    const word = () => Array.from({ length: 1 + next(12) }, () => 'abcde'[next(5)]).join('');
    for (let round = 0; round < 400; round++) {
      const candidates = Array.from({ length: 1 + next(8) }, word);
      const typed = word();
      expect(closest(typed, candidates)).toBe(closestByFullScan(typed, candidates));
    }
  });
});
