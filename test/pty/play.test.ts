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

/** The simulated clock in the dashboard's header. */
const clock = (screen: string) => /T\+\d\d:\d\d:\d\d/.exec(screen)?.[0];

async function startTurnBased(t: PtySession) {
  await t.waitFor('Enter briefing');
  await t.whenRaw();
  await t.press(KEY.enter, 'Press Enter to start the drill.');
  await t.press('m', /Clock: turn/); // turn-based (a toggle: once)
  await t.press(KEY.enter, 'T+00:00:00'); // start
}

/** Turn-based: `n` jumps to the next event; each press moves the clock. */
async function nextUntil(t: PtySession, text: string) {
  for (let i = 0; i < 40 && !t.screen().includes(text); i++) {
    const before = clock(t.screen());
    await t.press('n', (s) => s.includes(text) || clock(s) !== before);
  }
  await t.waitFor(text);
}

/** The plan tab, then its first step (confirm the suspicious event), done at once. */
async function confirmFirstStep(t: PtySession) {
  await t.press('2', /\[ \]\s+1\. Confirm suspicious event/);
  await t.press(KEY.enter, /\[x\]\s+1\. Confirm suspicious event/);
}

/** E, then y: the drill ends and the debrief shows the score and where the results went. */
async function endDrill(t: PtySession) {
  await t.press('E', 'End the drill now');
  await t.press('y', 'Debrief');
  await t.waitFor(/\d+ \/ 100/);
  // The debrief is taller than 30 rows (a dimension per line): where the results went is below.
  await t.press(KEY.pageDown, 'saved to');
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
    await nextUntil(t, 'Bash command executed');
    await confirmFirstStep(t);
    await endDrill(t);
    t.pty.write('q');
    const { exitCode } = await t.exited;
    expect(exitCode).toBe(0);
    expectTerminalRestored(t);
    const [file] = readdirSync(join(dir, 'results'));
    const saved = readResultsFile(join(dir, 'results', file!));
    expect(saved.actions.map((a) => a.do)).toEqual(['plan.confirm', 'end']);
  }, 300_000);

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
    await nextUntil(first, 'Bash command executed');
    await confirmFirstStep(first); // journaled at once
    const [name] = readdirSync(sessions);
    const journal = join(sessions, name!);
    const before = readJournal(journal);
    expect(before.actions.map((a) => a.do)).toEqual(['plan.confirm']);
    process.kill(first.pty.pid, 'SIGKILL');
    expect((await first.exited).signal).toBe(9);

    const results = join(dir, 'results');
    const again = ttxInPty(['resume', journal, '--results-dir', results]);
    await again.waitFor(/T\+00:/);
    await again.whenRaw();
    expect(again.buffer()).toBe('alternate');
    // The plan tab again: the step confirmed before the kill is still done.
    await again.press('2', /\[x\]\s+1\. Confirm suspicious event/);
    await endDrill(again);
    again.pty.write('q');
    expect((await again.exited).exitCode).toBe(0);
    expectTerminalRestored(again);
    const after = readJournal(journal);
    expect(after.ended).toBe(true);
    expect(after.actions.map((a) => a.do)).toEqual(['plan.confirm', 'end']);
    // --results-dir holds for a resumed drill too (it used to save into ./results).
    const [file] = readdirSync(results);
    expect(readResultsFile(join(results, file!)).actions.map((a) => a.do)).toEqual([
      'plan.confirm',
      'end',
    ]);
  }, 300_000);
});
