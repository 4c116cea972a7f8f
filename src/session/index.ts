export { JournalError, JournalWriter, readJournal } from './journal.js';
export type { JournalContents, JournalHeader, JournalLine } from './journal.js';
export {
  DEFAULT_SESSIONS_DIR,
  listSessions,
  sessionFileName,
  unfinishedSessions,
} from './sessions.js';
export type { SessionEntry } from './sessions.js';
