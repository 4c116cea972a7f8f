import type * as Fs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ttx } from './inProcess.js';

// A full disk, a denied folder and a read-only file system cannot be made for real as root in a
// test: the fault is injected into the two calls every write goes through (open and write).
const fault = vi.hoisted(() => ({
  code: undefined as string | undefined,
  on: 'write',
  /** The durability calls made, in order: fsync of a file, then its rename or link. */
  calls: [] as string[],
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const fail = (what: string) => {
    if (fault.code && fault.on === what)
      throw Object.assign(new Error(`${fault.code}: injected`), { code: fault.code });
  };
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    fail('write');
    return fs.writeSync(...args);
  }) as typeof fs.writeSync;
  const openSync = ((...args: Parameters<typeof fs.openSync>) => {
    if (args[1] === 'wx') fail('open');
    return fs.openSync(...args);
  }) as typeof fs.openSync;
  const fsyncSync = ((fd: number) => {
    fault.calls.push('fsync');
    return fs.fsyncSync(fd);
  }) as typeof fs.fsyncSync;
  const linkSync = ((from: Fs.PathLike, to: Fs.PathLike) => {
    fault.calls.push(`link ${String(to)}`);
    return fs.linkSync(from, to);
  }) as typeof fs.linkSync;
  const renameSync = ((from: Fs.PathLike, to: Fs.PathLike) => {
    fault.calls.push(`rename ${String(to)}`);
    return fs.renameSync(from, to);
  }) as typeof fs.renameSync;
  const mocked = { writeSync, openSync, fsyncSync, linkSync, renameSync };
  return { ...fs, default: { ...fs, ...mocked }, ...mocked };
});

const dir = mkdtempSync(join(tmpdir(), 'ttx-write-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  fault.code = undefined;
});

describe('a results file is durable before it has its name', () => {
  it('fsyncs the temporary file before linking it under the results name', async () => {
    const results = join(dir, 'durable');
    fault.calls = [];
    const r = await ttx(['run', '--autopilot', 'best', '--results-dir', results]);
    expect(r.code).toBe(0);
    const [name] = readdirSync(results);
    const published = fault.calls.indexOf(`link ${join(results, name!)}`);
    expect(published, fault.calls.join(', ')).toBeGreaterThan(0);
    expect(fault.calls[published - 1]).toBe('fsync');
  });
});

describe('a write that the machine refuses', () => {
  it.each([
    ['ENOSPC', 'write', /disk is full; free some space/],
    ['EACCES', 'open', /permission denied; write to a folder you own/],
    ['EROFS', 'open', /read-only; write to another folder/],
  ])('%s names the results file and says what to do, exit 1', async (code, on, advice) => {
    fault.code = code;
    fault.on = on;
    const results = join(dir, code);
    const r = await ttx(['run', '--autopilot', 'best', '--results-dir', results]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`cannot write ${results}/.*\\.json: `));
    expect(r.stderr).toMatch(advice);
    expect(r.stderr).toContain(`(${code})`);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readdirSync(results)).toEqual([]); // no temp file left behind
  });

  it('export --out on a full disk names the output file', async () => {
    const good = join(dir, 'good');
    const saved = await ttx(['run', '--autopilot', 'best', '--results-dir', good]);
    expect(saved.code).toBe(0);
    const file = join(good, readdirSync(good)[0]!);
    fault.code = 'ENOSPC';
    const out = join(dir, 'report.md');
    const r = await ttx(['export', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `ttx: cannot write ${out}: the disk is full; free some space or write to another folder (ENOSPC)\n`,
    );
  });
});
