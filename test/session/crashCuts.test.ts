import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/session/index.js';
import { cli, ROOT } from '../helpers.js';

/**
 * Crash safety without killing processes: a crash leaves the journal cut at some byte (whole lines
 * are fsynced one by one, so at worst the last line is torn). Every cut a crash can leave after
 * the header, at each line boundary and at seeded offsets inside lines, must resume to exactly
 * the drill that was never interrupted. The real SIGKILL soak is in test/soak (npm run test:soak).
 */
const GOOD = join(ROOT, 'scenarios/scripts/fe-bash-rce-good.yaml');
const base = mkdtempSync(join(tmpdir(), 'ttx-cuts-'));

const runArgs = (journal: string, results: string) =>
  ['run', 'fe-bash-rce', '--seed', '7', '--actions', GOOD, '--team', 'Blue'].concat([
    '--journal',
    journal,
    '--results-dir',
    results,
  ]);

function onlyResult(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const { savedAt: _savedAt, ...rest } = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8'));
  return rest;
}

/** Byte offsets a crash can leave: every line boundary after the header, and seeded ones. */
function cutsOf(text: string, seeded: number): number[] {
  const boundaries = [...text.matchAll(/\n/g)].map((m) => m.index + 1);
  const header = boundaries[0]!;
  const next = seedrandom.alea('journal-cuts');
  const inside = Array.from(
    { length: seeded },
    () => header + 1 + Math.floor(next() * (text.length - header - 1)),
  );
  return [...new Set([...boundaries.slice(0, -1), ...inside])].sort((a, b) => a - b);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('crash-safe sessions (the journal cut at every line boundary and at seeded bytes)', () => {
  it('ttx resume continues every cut with zero actions lost and the uninterrupted result', async () => {
    const refDir = join(base, 'ref');
    const refJournal = join(base, 'ref.jsonl');
    expect((await cli(runArgs(refJournal, refDir))).code).toBe(0);
    const reference = onlyResult(refDir);
    expect(reference.actions).toHaveLength(25);
    const whole = readFileSync(refJournal, 'utf8');
    const complete = readJournal(refJournal);

    const cuts = cutsOf(whole, 24);
    expect(cuts.length).toBeGreaterThan(30);
    for (const [n, cut] of cuts.entries()) {
      const dir = join(base, `cut-${n}`);
      mkdirSync(dir);
      const journal = join(dir, 'session.jsonl');
      const results = join(dir, 'results');
      // Torn: the cut leaves a partial last line. A cut just before a line's newline leaves the
      // line whole (valid JSON), which the reader rightly keeps without a warning.
      const tail = whole.slice(0, cut).split('\n').at(-1) ?? '';
      const torn = tail !== '' && !isJson(tail);
      writeFileSync(journal, whole.slice(0, cut));
      const before = readJournal(journal);
      // The cut journal holds a prefix of the actions: nothing in it is invented or reordered.
      expect(complete.actions.slice(0, before.actions.length), `cut at ${cut}`).toEqual(
        before.actions,
      );
      expect(before.warnings.length > 0, `cut at ${cut}: torn line warned`).toBe(torn);

      const resumed = await cli([
        'resume',
        journal,
        '--headless',
        '--actions',
        GOOD,
        '--results-dir',
        results,
      ]);
      expect(resumed.code, `cut at ${cut}: ${resumed.stderr}`).toBe(0);
      const after = readJournal(journal);
      expect(after.ended).toBe(true);
      expect(after.actions, `cut at ${cut}`).toEqual(complete.actions);
      expect(onlyResult(results), `cut at ${cut}`).toEqual(reference);
    }
  }, 60_000);
});
