import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_FILE } from '../helpers.js';
import { ttx } from './inProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'ttx-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped scenario with `count` more injects, each one line (the file stays under 1 MiB). */
function withInjects(count: number): string {
  const text = readFileSync(DEFAULT_SCENARIO_FILE, 'utf8');
  const at = text.indexOf('\ninjects:\n') + '\ninjects:\n'.length;
  const extra = Array.from(
    { length: count },
    (_, n) => `  - { id: g${n}, type: log, title: t, at: ${(n % 200) + 1}m }\n`,
  ).join('');
  return text.slice(0, at) + extra + text.slice(at);
}

describe('inputs that used to take minutes answer at once with a located limit error', () => {
  it('a map of 60,000 keys (4 min 45 s and 344 MB before)', async () => {
    const file = join(dir, 'keys.yaml');
    writeFileSync(file, Array.from({ length: 60_000 }, (_, i) => `k${i}: ${i}`).join('\n'));
    const r = await ttx(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /keys\.yaml:1:1: error \[too-many-keys\] this map has 60000 keys \(expected at most 1000 keys in one map\)/,
    );
  });

  it.each(['validate', 'run', 'test', 'logs'])(
    'a scenario with 15,000 injects in ttx %s (past 30 s before)',
    async (command) => {
      const file = join(dir, 'many.yaml');
      writeFileSync(file, withInjects(15_000));
      const args =
        command === 'logs' ? ['logs', file, '--out', join(dir, 'logs')] : [command, file];
      if (command === 'run') args.push('--no-results');
      const r = await ttx(args);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toMatch(
        /many\.yaml:\d+:\d+: error \[too-many-items\] this list has 150\d\d items/,
      );
    },
  );

  it('duplicate keys are still found, in one pass', async () => {
    const file = join(dir, 'dup.yaml');
    writeFileSync(file, 'a: 1\nb: 2\na: 3\n');
    const r = await ttx(['validate', file]);
    expect(r.stdout).toMatch(/dup\.yaml:3:1: error \[duplicate-key\]/);
  });
});
