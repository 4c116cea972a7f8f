import { describe, expect, it } from 'vitest';
import { RngStreams } from '../../src/engine/index.js';

describe('RngStreams', () => {
  it('gives the same numbers for the same seed and key', () => {
    expect(new RngStreams(7).draw('attacker', 'a', 1)).toBe(
      new RngStreams(7).draw('attacker', 'a', 1),
    );
    const a = new RngStreams('x').stream('noise');
    const b = new RngStreams('x').stream('noise');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('keeps streams independent: drawing from one does not shift another', () => {
    const rng = new RngStreams(7);
    const before = rng.stream('telemetry');
    const expected = [before(), before()];
    const other = rng.stream('attacker');
    other();
    other();
    const after = rng.stream('telemetry');
    expect([after(), after()]).toEqual(expected);
  });

  it('differs between seeds and between keys', () => {
    expect(new RngStreams(7).draw('s', 1)).not.toBe(new RngStreams(8).draw('s', 1));
    expect(new RngStreams(7).draw('s', 1)).not.toBe(new RngStreams(7).draw('s', 2));
  });
});
