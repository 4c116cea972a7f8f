import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFile, FileWriteError, writeFileAtomic } from '../../src/export/index.js';
import { ROOT } from '../helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttx-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the atomic writer', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const file = join(dir, 'a.txt');
    writeFileAtomic(file, 'old\n');
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('writes to a temporary file beside the target until commit', () => {
    const file = join(dir, 'b.txt');
    const out = new AtomicFile(file);
    out.write('part');
    out.writeBytes(Buffer.from('ial'));
    expect(readdirSync(dir)).toEqual([out.temp.slice(dir.length + 1)]);
    out.commit();
    expect(readFileSync(file, 'utf8')).toBe('partial');
    expect(readdirSync(dir)).toEqual(['b.txt']);
  });

  it('in no-overwrite mode refuses an existing file and keeps it as it was', () => {
    const file = join(dir, 'c.txt');
    writeFileSync(file, 'first\n');
    expect(() => writeFileAtomic(file, 'second\n', { overwrite: false })).toThrow(FileWriteError);
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(readdirSync(dir)).toEqual(['c.txt']);
  });

  it('no-overwrite holds when the file appears after the temp file was written', () => {
    const file = join(dir, 'd.txt');
    const out = new AtomicFile(file);
    out.write('late\n');
    writeFileSync(file, 'early\n'); // another writer got there between write and commit
    expect(() => out.commit({ overwrite: false })).toThrow(/exists/);
    expect(readFileSync(file, 'utf8')).toBe('early\n');
    expect(readdirSync(dir)).toEqual(['d.txt']);
  });

  it('loses no result when 50 pairs of writers claim the same names at once', () => {
    // Every writer has its temp file written before any claims a name: the window in which a
    // check-then-rename writer picks a name another writer is about to take.
    const names = (stem: string) =>
      (function* () {
        yield join(dir, `${stem}.json`);
        for (let n = 2; n < 1000; n++) yield join(dir, `${stem}-${n}.json`);
      })();
    const writers = Array.from({ length: 100 }, (_, i) => {
      const stem = `pair-${Math.floor(i / 2)}`;
      const out = new AtomicFile(join(dir, `${stem}.json`));
      out.write(`{"writer":${i}}\n`);
      return { out, stem };
    });
    const used = writers.map(({ out, stem }) => out.commitUnderFreeName(names(stem)));
    expect(new Set(used).size).toBe(100);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(100);
    const writersSeen = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).writer);
    expect(new Set(writersSeen).size).toBe(100);
  });

  it('two processes saving drills into one folder at the same second keep all 100 results', () => {
    const script = join(dir, 'save.ts');
    writeFileSync(
      script,
      `import { saveDrillResults } from ${JSON.stringify(`${ROOT}src/export/index.ts`)};
import { loadDrillInputs } from ${JSON.stringify(`${ROOT}src/cli/load.ts`)};
import { runDrill } from ${JSON.stringify(`${ROOT}src/engine/index.ts`)};
const inputs = loadDrillInputs({});
const result = runDrill(inputs.architecture.model, inputs.scenario.model, '1', []);
const savedAt = new Date('2026-03-12T10:00:00Z');
// Start together: both processes wait for the same wall-clock tick before saving.
const go = Number(process.argv[3]);
while (Date.now() < go) {}
for (let i = 0; i < 50; i++)
  saveDrillResults({ architecture: inputs.architecture, scenario: inputs.scenario, seed: '1',
    actions: [], result, savedAt, resultsDir: process.argv[2], scoringDir: ${JSON.stringify(`${ROOT}scoring`)} });
`,
    );
    const out = join(dir, 'results');
    const go = String(Date.now() + 2500);
    const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    const runs = [0, 1].map(
      () =>
        // spawnSync would serialise them; a shell runs both at once and waits for both.
        `${JSON.stringify(process.execPath)} ${JSON.stringify(tsx)} ${JSON.stringify(script)} ${JSON.stringify(out)} ${go}`,
    );
    const both = spawnSync('sh', ['-c', `${runs[0]} & ${runs[1]} & wait`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(both.stderr).toBe('');
    expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(100);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});
