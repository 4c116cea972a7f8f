import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../src/export/index.js';
import { readJournal } from '../../src/session/index.js';
import { expectTerminalRestored, KEY, ttxInPty } from './pty.js';

/**
 * `ttx workshop` as a facilitator runs it on the projector: a real pseudo-terminal, real keys,
 * the screen read back from a headless xterm, the terminal checked after ttx has gone.
 */
describe('ttx workshop in a terminal', () => {
  it('starts, pauses, takes an observation, ends with the score and hands the terminal back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-pty-workshop-'));
    const sessions = join(dir, 'sessions');
    const results = join(dir, 'results');
    // Wide enough for the two-column layout and the results path on the ENDED line.
    const t = ttxInPty(
      [
        'workshop',
        'fe-bash-rce',
        '--seed',
        '7',
        '--team',
        'Blue',
        '--participant',
        'Ana:incident lead',
        '--sessions',
        sessions,
        '--results-dir',
        results,
      ],
      { cols: 160, rows: 40 },
    );
    await t.waitFor('READY: space starts the drill');
    await t.whenRaw();
    expect(t.buffer()).toBe('alternate');
    expect(t.screen()).toContain('TEAM Blue');
    expect(t.screen()).toContain('Ana (incident lead)');

    await t.press(' ', 'RUNNING');
    await t.press(' ', 'PAUSED');
    await t.press('o', /Observation at T\+\d\d:\d\d:\d\d: /);
    await t.type('Lead hesitated');
    await t.press(KEY.enter, /\d\d:\d\d:\d\d {2}Lead hesitated/);

    await t.press('E', 'End the drill now for everyone?');
    await t.press('y', /ENDED\. Score [\d.]+ \/ 100 \([A-F]\)\. Results: .*q quits/);
    t.pty.write('q');
    expect((await t.exited).exitCode).toBe(0);
    expectTerminalRestored(t);

    const [name] = readdirSync(sessions);
    const journal = readJournal(join(sessions, name!));
    expect(journal.ended).toBe(true);
    expect(journal.header.team?.name).toBe('Blue');
    expect(journal.actions.map((a) => [a.do, a.by])).toEqual([
      ['facilitator.resume', 'facilitator'],
      ['facilitator.pause', 'facilitator'],
      ['facilitator.observe', 'facilitator'],
      ['end', 'facilitator'],
    ]);
    const [file] = readdirSync(results);
    const saved = readResultsFile(join(results, file!));
    expect(saved.participants).toEqual({
      team: 'Blue',
      members: [{ name: 'Ana', role: 'incident lead' }],
    });
    expect(saved.observations?.map((o) => o.text)).toEqual(['Lead hesitated']);
    expect(saved.code).toBe('fe-bash-rce-0007');
  }, 300_000);
});
