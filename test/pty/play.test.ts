import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../src/export/index.js';
import { readJournal } from '../../src/session/index.js';
import { ROOT } from '../helpers.js';
import { expectTerminalRestored, KEY, runInPty, ttxInPty, type PtySession } from './pty.js';

/**
 * `ttx play` and `ttx resume` as a person runs them: a real pseudo-terminal, real keys, the
 * screen read back from a headless xterm, and the terminal checked after ttx has gone.
 */
const tmp = () => mkdtempSync(join(tmpdir(), 'ttx-pty-'));

async function startTurnBased(t: PtySession) {
  await t.waitFor('Enter briefing');
  await t.pressUntil(KEY.enter, 'Press Enter to start the drill.');
  await t.press('m'); // turn-based (a toggle: once)
  await t.waitFor(/Clock: turn/);
  await t.pressUntil(KEY.enter, 'T+00:00:00'); // start
}

describe('ttx play in a terminal', () => {
  it('starts, takes actions, ends with the debrief and hands the terminal back', async () => {
    const dir = tmp();
    const t = ttxInPty([
      'play',
      '--seed',
      '7',
      '--sessions',
      join(dir, 'sessions'),
      '--results-dir',
      join(dir, 'results'),
    ]);
    expect(t.buffer()).toBe('normal');
    await startTurnBased(t);
    expect(t.buffer()).toBe('alternate');
    await t.pressUntil('n', 'Bash command executed', 40); // next event
    await t.press('2'); // the plan
    await t.press(KEY.enter); // confirm the suspicious event
    await t.waitFor(/\[x\]\s+1\. Confirm suspicious event/);
    await t.press('E');
    await t.waitFor('End the drill now');
    await t.press('y');
    await t.waitFor('Debrief');
    await t.waitFor(/\d+ \/ 100/);
    await t.waitFor('saved to');
    await t.press('q');
    const { exitCode } = await t.exited;
    expect(exitCode).toBe(0);
    expectTerminalRestored(t);
    const [file] = readdirSync(join(dir, 'results'));
    const saved = readResultsFile(join(dir, 'results', file!));
    expect(saved.actions.map((a) => a.do)).toEqual(['plan.confirm', 'end']);
  }, 120_000);

  it('resumes after a kill where the journal stopped, and finishes the drill', async () => {
    const dir = tmp();
    const sessions = join(dir, 'sessions');
    // ttx itself is the pty's process here (no shell above it), so the kill reaches it.
    const first = runInPty(process.execPath, [
      join(ROOT, 'bin/ttx.js'),
      'play',
      '--seed',
      '7',
      '--sessions',
      sessions,
      '--no-results',
    ]);
    await startTurnBased(first);
    await first.pressUntil('n', 'Bash command executed', 40);
    await first.press('2');
    await first.press(KEY.enter); // confirm: journaled at once
    await first.waitFor(/\[x\]\s+1\. Confirm suspicious event/);
    const [name] = readdirSync(sessions);
    const journal = join(sessions, name!);
    const before = readJournal(journal);
    expect(before.actions.map((a) => a.do)).toEqual(['plan.confirm']);
    process.kill(first.pty.pid, 'SIGKILL');
    expect((await first.exited).signal).toBe(9);

    const again = ttxInPty(['resume', journal, '--results-dir', join(dir, 'results')]);
    await again.waitFor(/\[x\]\s+1\. Confirm suspicious event|T\+00:/);
    expect(again.buffer()).toBe('alternate');
    await again.press('E');
    await again.waitFor('End the drill now');
    await again.press('y');
    await again.waitFor('Debrief');
    await again.waitFor('saved to');
    await again.press('q');
    expect((await again.exited).exitCode).toBe(0);
    expectTerminalRestored(again);
    const after = readJournal(journal);
    expect(after.ended).toBe(true);
    expect(after.actions.map((a) => a.do)).toEqual(['plan.confirm', 'end']);
  }, 120_000);
});
