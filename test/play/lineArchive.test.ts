import { describe, expect, it } from 'vitest';
import { LineArchive } from '../../src/play/lineArchive.js';
import type { LogLine } from '../../src/telemetry/index.js';

const line = (i: number): LogLine => ({
  t: i * 250 + 0.5,
  component: `host${i % 3}`,
  source: i % 2 ? 'nginx-access' : 'auditd',
  // Multi-byte text, a newline and a tab: lengths, not separators, split the rows.
  text: `line ${i} é ☃ 𝄞${i % 5 === 0 ? '\nsecond\trow' : ''}`,
  malicious: i % 7 === 0,
});

describe('the SIEM line archive', () => {
  it('gives back every line as it was pushed, across sealed chunks and the open one', () => {
    const archive = new LineArchive(4);
    const lines = Array.from({ length: 23 }, (_, i) => line(i));
    for (const l of lines) archive.push(l);
    expect(archive.length).toBe(23);
    expect(archive.slice()).toEqual(lines);
    // Any window: inside a chunk, across chunk edges, into the open chunk, past the end.
    for (const [from, to] of [
      [0, 1],
      [3, 5],
      [4, 8],
      [7, 21],
      [19, 23],
      [21, 40],
      [5, 5],
    ] as const)
      expect(archive.slice(from, to), `${from}..${to}`).toEqual(lines.slice(from, to));
  });

  it('reads chunks again in any order (the cached chunk is the one asked for)', () => {
    const archive = new LineArchive(2);
    const lines = Array.from({ length: 9 }, (_, i) => line(i));
    for (const l of lines) archive.push(l);
    expect(archive.slice(6, 7)).toEqual([lines[6]]);
    expect(archive.slice(0, 1)).toEqual([lines[0]]);
    expect(archive.slice(6, 8)).toEqual(lines.slice(6, 8));
  });

  it('keeps sealed lines off the heap: a chunk holds deflated text, not the line objects', () => {
    const archive = new LineArchive(1000);
    const text = 'x'.repeat(200);
    for (let i = 0; i < 3000; i++)
      archive.push({ t: i, component: 'FEServ1', source: 'nginx-access', text, malicious: false });
    // 3 sealed chunks of 200,000 characters of text: deflated, plus 16 bytes a line of fields.
    expect(archive.sealedBytes).toBeGreaterThan(3000 * 16);
    expect(archive.sealedBytes).toBeLessThan(3000 * 16 + 15_000);
    expect(archive.slice(2999, 3000)[0]?.text).toBe(text);
  });
});
