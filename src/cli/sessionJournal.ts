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
