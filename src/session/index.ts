export { JournalError, JournalWriter, readJournal } from './journal.js';
export type { JournalContents, JournalHeader, JournalLine } from './journal.js';
