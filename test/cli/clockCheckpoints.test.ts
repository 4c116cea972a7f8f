import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockCheckpoints } from '../../src/cli/sessionJournal.js';
import { JournalWriter, readJournal } from '../../src/session/index.js';
import { header } from '../session/journalHeader.js';
import { DrillSession } from '../../src/play/session.js';
import { architecture, defaultScenario } from '../helpers.js';
import { fakeWall } from '../tui/helpers.js';

/** A journal as `ttx play` writes it: every action appended before it is applied. */
function journaled(mode: 'realtime' | 'turn-based') {
  const file = join(mkdtempSync(join(tmpdir(), 'ttx-clock-')), 's1.jsonl');
  const writer = JournalWriter.create(file, header);
  const wall = fakeWall();
  const session = new DrillSession(architecture(), defaultScenario(), {
    seed: '7',
    wall: wall.now,
    mode,
    onAction: (entry) => writer.append({ type: 'action', ...entry, wall: 'w' }),
  });
  const clock = clockCheckpoints(() => writer);
  clock.follow(session);
  return { file, writer, session, wall, clock };
}

afterEach(() => void vi.useRealTimers());

/** The simulated times of the journal's clock lines, in file order. */
const clockLines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; at?: number })
    .filter((line) => line.type === 'clock')
    .map((line) => line.at);

describe('clock checkpoints of a session journal', () => {
  it('turn-based: the jump of an action is journaled at once, so a kill right after resumes after it', () => {
    const { file, session, clock } = journaled('turn-based');
    session.act({ do: 'plan.confirm' }); // its ten minutes pass at once
    // No timer has run: what a SIGKILL now leaves on disk.
    const journal = readJournal(file);
    expect(journal.actions.map((a) => a.do)).toEqual(['plan.confirm']);
    expect(journal.lastAt).toBe(session.drill.now);
    expect(journal.lastAt).toBe(10 * 60_000);
    session.wait(5 * 60_000);
    expect(readJournal(file).lastAt).toBe(15 * 60_000);
    clock.stop();
  });

  it('realtime: a checkpoint a second, not one per frame', () => {
    vi.useFakeTimers();
    const { file, session, wall, clock } = journaled('realtime');
    for (let frame = 0; frame < 30; frame++) {
      wall.advance(33);
      session.tick();
    }
    expect(readJournal(file).lastAt).toBe(0); // frames alone write nothing
    vi.advanceTimersByTime(1000);
    expect(readJournal(file).lastAt).toBe(session.drill.now);
    expect(session.drill.now).toBeGreaterThan(0);
    clock.stop();
  });

  it('writes nothing once stopped', () => {
    const { file, session, clock } = journaled('turn-based');
    clock.stop();
    session.act({ do: 'plan.confirm' });
    expect(readJournal(file).lastAt).toBe(0);
  });

  it('a new drill is followed from its own start', () => {
    const { file, session, clock } = journaled('turn-based');
    session.act({ do: 'plan.confirm' });
    const wall = fakeWall();
    const next = new DrillSession(architecture(), defaultScenario(), {
      seed: '8',
      wall: wall.now,
      mode: 'turn-based',
    });
    clock.follow(next);
    session.wait(5 * 60_000); // the old drill no longer writes
    expect(clockLines(file)).toEqual([10 * 60_000]);
    next.wait(60_000);
    expect(clockLines(file)).toEqual([10 * 60_000, 60_000]);
    clock.stop();
  });
});
