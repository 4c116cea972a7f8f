import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { ActionLogEntry, SimMs } from '../model/index.js';

/** The first line of a session journal: what drill this is. */
export interface JournalHeader {
  type: 'session';
  format: 'ttx-journal/1';
  /** Unique per session (chosen by the shell). */
  session: string;
  scenario: { id: string; file: string; sha256: string };
  architecture: { id: string; file: string; sha256: string };
  seed: string;
  code?: string;
  team?: { name: string; participants: Array<{ name: string; role: string }> };
  mode?: 'realtime' | 'turn-based';
  /** Which shell wrote it: `ttx play`, `ttx workshop` or a headless `ttx run`. */
  view?: 'play' | 'workshop' | 'run';
  /** Wall-clock start, for the audit trail only; replay never reads it. */
  startedAt?: string;
}

/** Every later line: an action (trainee or facilitator), a clock checkpoint, or the end. */
export type JournalLine =
  | JournalHeader
  | ({ type: 'action'; wall?: string } & ActionLogEntry)
  | { type: 'clock'; at: SimMs; wall?: string }
  /** The trainee acknowledged an alert: view state, kept so a resumed screen shows it again. */
  | { type: 'ack'; inject: string; at: SimMs; wall?: string }
  /** A room control this team has applied (by its sequence number in the room's journal). */
  | { type: 'room-control'; seq: number; wall?: string }
  | { type: 'end'; at: SimMs; wall?: string; results?: string };

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
}

export class JournalError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
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

  /** Re-opens an existing journal to continue it (after `resume`). */
  static reopen(file: string): JournalWriter {
    const text = readFileSync(file, 'utf8');
    const fd = openSync(file, 'a');
    // A torn last line is cut off by starting the continuation on a new line.
    if (text.length > 0 && !text.endsWith('\n')) writeSync(fd, '\n');
    return new JournalWriter(file, fd);
  }

  append(line: JournalLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Reads a journal; a torn or unreadable last line is dropped with a warning, never a crash. */
export function readJournal(file: string): JournalContents {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new JournalError(
      file,
      `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const lines = text.split('\n');
  const warnings: string[] = [];
  const parsed: JournalLine[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
    try {
      parsed.push(JSON.parse(line) as JournalLine);
    } catch {
      if (isLast)
        warnings.push(
          `line ${index + 1} is incomplete (the drill was interrupted); it was dropped`,
        );
      else warnings.push(`line ${index + 1} is damaged; it was skipped`);
    }
  });
  const header = parsed[0];
  if (!header || header.type !== 'session' || header.format !== 'ttx-journal/1') {
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
  for (const line of parsed.slice(1)) {
    if (line.type === 'action') {
      const { type: _type, wall: _wall, ...entry } = line;
      actions.push(entry);
      lastAt = Math.max(lastAt, entry.at);
    } else if (line.type === 'room-control') {
      roomControlsApplied = Math.max(roomControlsApplied, line.seq);
    } else if (line.type === 'ack') {
      acknowledged.push({ inject: line.inject, at: line.at });
    } else if (line.type === 'clock') {
      lastAt = Math.max(lastAt, line.at);
    } else if (line.type === 'end') {
      lastAt = Math.max(lastAt, line.at);
      ended = true;
      resultsFile = line.results;
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
  };
}
