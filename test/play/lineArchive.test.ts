import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MemoryChunkStore,
  TempFileChunkStore,
  type ChunkStore,
} from '../../src/play/chunkStore.js';
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

describe('the SIEM line archive on a temporary file', () => {
  const lines = Array.from({ length: 23 }, (_, i) => line(i));

  it('gives back the same lines as in memory, and leaves no file behind', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ttx-archive-test-'));
    const store = TempFileChunkStore.open(folder);
    expect(store?.where).toBe('temporary file');
    const archive = new LineArchive(4, store);
    for (const l of lines) archive.push(l);
    expect(archive.where).toBe('temporary file');
    expect(archive.slice()).toEqual(lines);
    expect(archive.slice(9, 14)).toEqual(lines.slice(9, 14));
    // The file was unlinked as soon as it was opened: the folder is empty, the data still there.
    expect(readdirSync(folder)).toEqual([]);
    expect(store!.bytes).toBe(archive.sealedBytes);
    expect(archive.sealedBytes).toBeGreaterThan(0);
  });

  it('is not made where no unnamed file can be (the archive then stays in memory)', () => {
    expect(TempFileChunkStore.open(join(tmpdir(), 'ttx-no-such-folder', 'deeper'))).toBeUndefined();
  });

  it('keeps the chunks in memory once the store refuses one (a full disk), losing none', () => {
    const store = new MemoryChunkStore();
    let refuse = false;
    const flaky: ChunkStore = {
      where: 'temporary file',
      get bytes() {
        return store.bytes;
      },
      put: (bytes) => {
        if (refuse) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
        return store.put(bytes);
      },
      get: (handle) => store.get(handle),
    };
    const archive = new LineArchive(4, flaky);
    for (const l of lines.slice(0, 9)) archive.push(l);
    refuse = true;
    for (const l of lines.slice(9)) archive.push(l);
    expect(archive.where).toBe('memory');
    expect(archive.slice()).toEqual(lines);
  });
});
