import { resolve } from 'node:path';
import type { ActionLogEntry, Architecture, Loaded, Scenario } from '../model/index.js';
import { JournalWriter, sessionFileName, type JournalHeader } from '../session/index.js';
import type { TeamInfo } from './drillIdentity.js';

/** What a journal header needs to know about a drill. */
export interface JournalStart {
  architecture: Loaded<Architecture>;
  scenario: Loaded<Scenario>;
  seed: string;
  code?: string;
  trainee?: string;
  team?: TeamInfo;
  mode?: 'realtime' | 'turn-based';
  view: NonNullable<JournalHeader['view']>;
}

/** The header line of a new session journal (absolute input paths, so resume works anywhere). */
export function journalHeader(start: JournalStart, file: string, now: Date): JournalHeader {
  return {
    type: 'session',
    format: 'ttx-journal/1',
    session: file.replace(/^.*[\\/]/, '').replace(/\.jsonl$/, ''),
    scenario: {
      id: start.scenario.model.id,
      file: resolve(start.scenario.file),
      sha256: start.scenario.sha256,
    },
    architecture: {
      id: start.architecture.model.id,
      file: resolve(start.architecture.file),
      sha256: start.architecture.sha256,
    },
    seed: start.seed,
    ...(start.code ? { code: start.code } : {}),
    ...(start.trainee ? { trainee: start.trainee } : {}),
    ...(start.team ? { team: start.team } : {}),
    ...(start.mode ? { mode: start.mode } : {}),
    view: start.view,
    startedAt: now.toISOString(),
  };
}

/** Opens a new journal: the given file, or a fresh one in the sessions folder. */
export function openJournal(
  start: JournalStart,
  options: { file?: string; dir: string },
  now = new Date(),
): JournalWriter {
  const file = options.file ?? sessionFileName(start.scenario.model.id, now, options.dir);
  return JournalWriter.create(file, journalHeader(start, file, now));
}

/** Sleeps without yielding to the event loop: `--pace` spaces scripted actions in real time. */
export function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Appends one action, stamped with the wall clock for the audit trail only. */
export function journalAction(writer: JournalWriter, entry: ActionLogEntry): void {
  writer.append({ type: 'action', ...entry, wall: new Date().toISOString() });
}

/** What clock checkpoints read of a running drill (a `DrillSession` has it). */
export interface ClockedSession {
  readonly drill: { readonly now: number; readonly isEnded: boolean };
  readonly clock: { readonly mode: 'realtime' | 'turn-based' };
  subscribe(listener: () => void): () => void;
}

/**
 * Appends clock checkpoints while a drill runs, so a resume finds the same simulated time. In
 * realtime a checkpoint a second is enough (a kill loses less than a second of clock). In
 * turn-based mode time jumps with each action, `n` and `w`: the checkpoint is written at once,
 * or a kill right after a jump would resume before it (a step confirmed would be in progress
 * again).
 */
export function clockCheckpoints(writer: () => JournalWriter | undefined) {
  let session: ClockedSession | undefined;
  let unsubscribe: (() => void) | undefined;
  let last = -1;
  const checkpoint = () => {
    const w = writer();
    if (!w || !session || session.drill.isEnded || session.drill.now === last) return;
    last = session.drill.now;
    w.append({ type: 'clock', at: last, wall: new Date().toISOString() });
  };
  const timer = setInterval(checkpoint, 1000);
  timer.unref();
  return {
    /** Follows this drill from now on (a new drill starts its own clock). */
    follow(next: ClockedSession): void {
      unsubscribe?.();
      session = next;
      last = -1;
      unsubscribe = next.subscribe(() => {
        if (next.clock.mode === 'turn-based') checkpoint();
      });
    },
    stop(): void {
      clearInterval(timer);
      unsubscribe?.();
    },
  };
}
