import { describe, expect, it } from 'vitest';
import { requestId, requestIdWords } from '../../src/telemetry/ids.js';

describe('requestIdWords', () => {
  it('spells requestId word by word for every index (no string built per request)', () => {
    const words = new Uint32Array(4);
    for (const id of ['c0.0.0', 'c2.17.11r', 's330.1', 'a', '', 'ünï']) {
      for (const index of [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, 1.5, -1]) {
        requestIdWords(id, index, words);
        const hex = [...words].map((w) => w.toString(16).padStart(8, '0')).join('');
        expect(hex).toBe(requestId(id, index));
      }
    }
  });
});
