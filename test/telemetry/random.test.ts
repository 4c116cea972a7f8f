import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { keyed } from '../../src/telemetry/random.js';

describe('keyed', () => {
  it('draws the numbers seedrandom.alea draws for the same key, to the bit', () => {
    const keys: Array<Array<string | number>> = [
      [''],
      ['7'],
      ['7', 'http', 0, 0],
      ['seed with spaces', 'FEServ1', 'admin', 12_345],
      ['7', 'IPS1', 'drops', -3],
      ['ünïcode ✓', '\u0000', 'x'.repeat(500)],
    ];
    for (let m = 0; m < 200; m++) keys.push(['7', `host${m % 13}`, 'flows', m * 37]);
    for (const key of keys) {
      const ours = keyed(...key);
      const theirs = seedrandom.alea(key.join('\u0000'));
      // 300 numbers compared at once (toEqual compares numbers with Object.is, like toBe).
      expect(Array.from({ length: 300 }, () => ours())).toEqual(
        Array.from({ length: 300 }, () => theirs()),
      );
    }
  });
});
