import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalInputs, restoreDrill } from '../../src/cli/commands/resume.js';
import { readJournal } from '../../src/session/index.js';
import { ttx } from './inProcess.js';

let dir: string;
let whole: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ttx-resume-'));
  writeFileSync(
    join(dir, 'script.yaml'),
    'seed: 3\nactions:\n  - { at: 1m, do: note, text: one }\n  - { at: 2m, do: plan.confirm }\n  - { at: 3m, do: note, text: three }\n',
  );
  const file = join(dir, 'full.jsonl');
  const r = await ttx([
    'run',
    '--actions',
    join(dir, 'script.yaml'),
    '--journal',
    file,
    '--trainee',
    'Ada',
    '--team',
    'Blue',
    '--participant',
    'Bo:lead',
    '--participant',
    'Cy:comms',
    '--no-results',
  ]);
  expect(r.code).toBe(0);
  whole = readFileSync(file, 'utf8').trim().split('\n');
  expect(whole.length).toBeGreaterThanOrEqual(5);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The journal as a crash left it: the header and the first `n` action lines, no end. */
const interrupted = (name: string, n: number, tail = '') => {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, `${whole.slice(0, 1 + n).join('\n')}\n${tail}`);
  return file;
};

describe('resume and a damaged journal', () => {
  it('the header names the trainee and every participant', () => {
    const header = JSON.parse(whole[0]!);
    expect(header.trainee).toBe('Ada');
    expect(header.team).toEqual({
      name: 'Blue',
      participants: [
        { name: 'Bo', role: 'lead' },
        { name: 'Cy', role: 'comms' },
      ],
    });
  });

  it('a damaged line in the middle stops resume with file:line', async () => {
    const file = join(dir, 'damaged.jsonl');
    const lines = [...whole.slice(0, 3)];
    lines[1] = lines[1]!.slice(0, 10) + 'XX' + lines[1]!.slice(10);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await ttx(['resume', file, '--headless', '--no-results']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ttx: ${file}:2: damaged line`));
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('a torn last line is dropped, and the journal repaired before it goes on', async () => {
    const file = interrupted('torn', 1, '{"type":"action","at":120000,"do":"plan.con');
    const r = await ttx([
      'resume',
      file,
      '--headless',
      '--actions',
      join(dir, 'script.yaml'),
      '--no-results',
    ]);
    expect(r.stderr).toMatch(/line 3 is incomplete/);
    expect(r.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).not.toContain('plan.con"');
    // Every line whole and valid again: a second read has nothing to warn about.
    const again = await ttx(['resume', file, '--headless', '--no-results']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/already finished/);
  });

  it('goes on from the last clock checkpoint, not from the last action', async () => {
    // A workshop writes a clock line a second: 25 simulated minutes passed after the last action.
    const file = interrupted('clock', 1, `${JSON.stringify({ type: 'clock', at: 25 * 60_000 })}\n`);
    const journal = readJournal(file);
    expect(journal.actions.map((a) => a.at)).toEqual([60_000]);
    expect(journal.lastAt).toBe(25 * 60_000);
    const drill = restoreDrill(
      journalInputs(journal, undefined, () => {}),
      journal,
    );
    expect(drill.now).toBe(25 * 60_000);
    // The list of unfinished sessions says where each one stopped.
    const listed = await ttx(['resume', '--sessions', dirname(file)]);
    expect(listed.stdout).toMatch(/clock\.jsonl .*at T\+00:25:00, 1 actions/);
  });
});
