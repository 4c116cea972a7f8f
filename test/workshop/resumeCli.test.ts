import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/session/index.js';
import { cli, ROOT } from '../helpers.js';

const GOOD = join(ROOT, 'scenarios/scripts/fe-bash-rce-good.yaml');

const ttx = (...args: string[]) => cli(args);

describe('ttx resume (headless)', () => {
  it('lists unfinished sessions, drops a torn line with a warning, and finishes the drill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-resume-'));
    const sessions = join(dir, 'sessions');
    const journal = join(sessions, 'blue.jsonl');
    const results = join(dir, 'results');
    const common = ['--actions', GOOD, '--results-dir', results];
    expect(
      (
        await ttx(
          'run',
          '--code',
          'fe-bash-rce-0007',
          '--team',
          'Blue',
          '--journal',
          journal,
          ...common,
        )
      ).code,
    ).toBe(0);
    const whole = readFileSync(journal, 'utf8');
    const lines = whole.trimEnd().split('\n');
    // The crash: the end line and the last action were never finished (half a line on disk).
    const torn = `${lines.slice(0, -2).join('\n')}\n${lines.at(-2)!.slice(0, 25)}`;
    writeFileSync(journal, torn);
    const before = readJournal(journal);
    expect(before.warnings[0]).toMatch(/incomplete/);
    expect(before.actions).toHaveLength(24);

    const list = await ttx('resume', '--headless', '--sessions', sessions);
    expect(list.stdout).toMatch(
      /1\. .*blue\.jsonl {2}fe-bash-rce-0007, team Blue, at T\+03:05:00, 24 actions/,
    );

    const resumed = await ttx('resume', journal, '--headless', ...common);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/incomplete \(the drill was interrupted\); it was dropped/);
    expect(resumed.stdout).toMatch(
      /Resumed blue at T\+03:05:00: 24 actions replayed, score so far \d+/,
    );
    const after = readJournal(journal);
    expect(after.ended).toBe(true);
    expect(after.actions).toHaveLength(25);
    expect((await ttx('resume', '--headless', '--sessions', sessions)).stdout).toMatch(
      /No unfinished/,
    );
    expect((await ttx('resume', journal, '--headless')).stdout).toMatch(
      /already finished; results: /,
    );
  });

  it('refuses a script that does not match the journal, and a damaged journal, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-resume-'));
    const journal = join(dir, 'j.jsonl');
    const other = join(ROOT, 'scenarios/scripts/fe-bash-rce-late.yaml');
    expect((await ttx('run', '--actions', GOOD, '--journal', journal, '--no-results')).code).toBe(
      0,
    );
    // Cut the end line: an unfinished session of the good script.
    const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
    writeFileSync(journal, `${lines.slice(0, -1).join('\n')}\n`);
    const wrong = await ttx('resume', journal, '--headless', '--actions', other, '--no-results');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/is not the script's; is this the right --actions file\?/);
    writeFileSync(join(dir, 'bad.jsonl'), '{"type":"sess');
    const bad = await ttx('resume', join(dir, 'bad.jsonl'), '--headless');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `ttx: ${join(dir, 'bad.jsonl')}: not a ttx session journal (the first line is no ttx-journal/1 header)\n`,
    );
  });
});
