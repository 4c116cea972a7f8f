import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { ActionLogEntry, SimMs } from '../model/index.js';
import { journalLineSchema, type JournalHeader, type JournalLine } from './journalSchema.js';

export type { JournalHeader, JournalLine } from './journalSchema.js';

export interface JournalContents {
  header: JournalHeader;
  actions: ActionLogEntry[];
  /** Alerts acknowledged, in order (not drill actions: they change nothing in the drill). */
  acknowledged: Array<{ inject: string; at: SimMs }>;
  /** The highest room control applied (0 outside a room): a resumed team does not apply it again. */
  roomControlsApplied: number;
  /** The last simulated time the journal vouches for (action, checkpoint or end). */
  lastAt: SimMs;
  ended: boolean;
  resultsFile?: string;
  /** Problems that were tolerated, e.g. a torn last line after a crash. */
  warnings: string[];
  /**
   * Byte length of the journal's whole lines: past it is a torn last line (a crash in the
   * middle of a write), which `JournalWriter.reopen` cuts off before appending.
   */
  completeBytes?: number;
}

export class JournalError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** The 1-based line at fault, when one is. */
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
    this.name = 'JournalError';
  }
}

/**
 * An append-only JSONL journal. Each line is written with one write and flushed to disk (fsync)
 * before the call returns, so after a crash or `kill -9` the file holds every line but possibly a
 * torn last one, which the reader drops.
 */
export class JournalWriter {
  private fd: number;

  private constructor(
    readonly file: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  static create(file: string, header: JournalHeader): JournalWriter {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) throw new JournalError(file, 'a journal already exists here');
    const writer = new JournalWriter(file, openSync(file, 'a'));
    writer.append(header);
    return writer;
  }

  /**
   * Re-opens an existing journal to continue it (after `resume`). A torn last line (see
   * JournalContents.completeBytes) is cut off first, so the journal is whole lines again.
   */
  static reopen(file: string, completeBytes?: number): JournalWriter {
    const size = statSync(file).size;
    const keep = completeBytes ?? readJournal(file).completeBytes ?? statSync(file).size;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: cutting a file to its own size changes nothing
    if (keep < size) truncateSync(file, keep);
    const fd = openSync(file, 'a');
    // Stryker disable next-line ConditionalExpression,EqualityOperator: keep is 0 only when no header survived, and such a file is refused before it is reopened
    if (keep > 0 && !endsWithNewline(file, keep)) writeSync(fd, '\n');
    fsyncSync(fd);
    return new JournalWriter(file, fd);
  }

  append(line: JournalLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    // Stryker disable next-line EqualityOperator: descriptor 0 is the process's stdin, never a journal's
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function endsWithNewline(file: string, length: number): boolean {
  const fd = openSync(file, 'r');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, length - 1);
    return byte[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** Why a line is not a journal line: JSON or schema, in a few words. */
function lineProblem(text: string): { line?: JournalLine; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not a JSON line' };
  }
  const parsed = journalLineSchema.safeParse(value);
  if (parsed.success) return { line: parsed.data };
  const issue = parsed.error.issues[0]!;
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { problem: `${path}${issue.message}` };
}

/**
 * Reads a journal in one pass, every line checked against the journal schema. A torn last line
 * (no newline: the process died while writing it) is dropped with a warning; any other damaged
 * line stops the read with its file:line, so no action is ever silently lost.
 */
export function readJournal(file: string): JournalContents {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new JournalError(
      file,
      // Stryker disable next-line StringLiteral: every error readFileSync throws carries a code
      `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const warnings: string[] = [];
  const parsed: JournalLine[] = [];
  let completeBytes = 0;
  let start = 0;
  // Stryker disable next-line EqualityOperator: at the end, the one more pass reads an empty line and skips it
  for (let number = 1; start < text.length; number++) {
    const newline = text.indexOf('\n', start);
    const isTorn = newline === -1;
    const end = isTorn ? text.length : newline;
    const raw = text.slice(start, end);
    if (raw.trim() !== '') {
      const { line, problem } = lineProblem(raw);
      if (line?.type === 'session' && parsed.length > 0)
        throw new JournalError(
          file,
          'a second session header: this file holds more than one session; resume stops here so that no action is lost',
          number,
        );
      if (line && !isTorn) parsed.push(line);
      else if (line) {
        // A whole line that only lost its newline: keep it (reopen adds the newline).
        parsed.push(line);
        // Stryker disable next-line StringLiteral: an empty encoding name is UTF-8 to Buffer too
        completeBytes += Buffer.byteLength(raw, 'utf8');
      } else if (isTorn) {
        warnings.push(`line ${number} is incomplete (the drill was interrupted); it was dropped`);
        break;
      } else if (number === 1) {
        throw new JournalError(
          file,
          'not a ttx session journal (the first line is no ttx-journal/1 header)',
          1,
        );
      } else {
        throw new JournalError(
          file,
          `damaged line (${problem}); resume stops here so that no action is lost: restore the line from a backup, or delete it and every line after it to continue from before it`,
          number,
        );
      }
    }
    // Stryker disable next-line StringLiteral: an empty encoding name is UTF-8 to Buffer too
    if (!isTorn) completeBytes += Buffer.byteLength(raw, 'utf8') + 1;
    start = end + 1;
  }
  const header = parsed[0];
  if (!header || header.type !== 'session') {
    throw new JournalError(
      file,
      'not a ttx session journal (the first line is no ttx-journal/1 header)',
    );
  }
  const actions: ActionLogEntry[] = [];
  const acknowledged: Array<{ inject: string; at: SimMs }> = [];
  let roomControlsApplied = 0;
  let lastAt = 0;
  let ended = false;
  let resultsFile: string | undefined;
  // Stryker disable next-line MethodExpression: the header's case does nothing
  for (const line of parsed.slice(1)) {
    switch (line.type) {
      case 'action': {
        const { type: _type, wall: _wall, ...entry } = line;
        actions.push(entry);
        lastAt = Math.max(lastAt, entry.at);
        break;
      }
      case 'room-control':
        roomControlsApplied = Math.max(roomControlsApplied, line.seq);
        break;
      case 'ack':
        acknowledged.push({ inject: line.inject, at: line.at });
        break;
      case 'clock':
        lastAt = Math.max(lastAt, line.at);
        break;
      case 'end':
        lastAt = Math.max(lastAt, line.at);
        ended = true;
        resultsFile = line.results;
        break;
      case 'session':
        // Refused while reading (a second header): two sessions pasted into one file.
        break;
    }
  }
  return {
    header,
    actions,
    acknowledged,
    roomControlsApplied,
    lastAt,
    ended,
    ...(resultsFile ? { resultsFile } : {}),
    warnings,
    completeBytes,
  };
}
