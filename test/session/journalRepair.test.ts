import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JournalError,
  JournalWriter,
  readJournal,
  type JournalLine,
} from '../../src/session/index.js';
import { header } from './journalHeader.js';

/*
 * The byte-level promises of the journal (issue 16, found by mutation testing): what reopen keeps,
 * cuts and adds, and what every kind of line contributes when read back.
 */
const json = (line: JournalLine) => JSON.stringify(line);
const HEAD = json(header);
const NOTE = json({ type: 'action', at: 60_000, do: 'note', text: 'café ☕' }); // multi-byte
const CLOCK = json({ type: 'clock', at: 90_000 });
const LATER = { type: 'action', at: 120_000, do: 'plan.confirm' } as const;
const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ttx-repair-')), 'session.jsonl');
  writeFileSync(path, text);
  return path;
};
const reopenAndAppend = (path: string) => {
  const writer = JournalWriter.reopen(path);
  writer.append(LATER);
  writer.close();
  return readFileSync(path, 'utf8');
};

describe('reopening a journal to continue it', () => {
  it('leaves an intact journal byte for byte and appends after it (no blank line)', () => {
    const path = file(`${HEAD}\n${NOTE}\n`);
    expect(reopenAndAppend(path)).toBe(`${HEAD}\n${NOTE}\n${json(LATER)}\n`);
  });

  it('cuts a torn last line off at its first byte, multi-byte text before it included', () => {
    const path = file(`${HEAD}\n${NOTE}\n{"type":"action","at":9`);
    expect(reopenAndAppend(path)).toBe(`${HEAD}\n${NOTE}\n${json(LATER)}\n`);
    expect(readJournal(path).actions.map((a) => a.do)).toEqual(['note', 'plan.confirm']);
  });

  it('keeps a whole last line that only lost its newline, and adds the newline', () => {
    const path = file(`${HEAD}\n${NOTE}\n${CLOCK}`);
    expect(readJournal(path).completeBytes).toBe(Buffer.byteLength(`${HEAD}\n${NOTE}\n${CLOCK}`));
    expect(reopenAndAppend(path)).toBe(`${HEAD}\n${NOTE}\n${CLOCK}\n${json(LATER)}\n`);
  });

  it('cuts at the byte count it is given (the resume read the journal already)', () => {
    const whole = `${HEAD}\n${NOTE}\n`;
    const path = file(`${whole}garbage`);
    const writer = JournalWriter.reopen(path, Buffer.byteLength(whole));
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe(whole);
  });
});

describe('reading a journal back', () => {
  it('takes acknowledgements in order, the highest room control, checkpoints and the end', () => {
    const path = file(
      [
        HEAD,
        json({ type: 'ack', inject: 'ips-scan', at: 30_000 }),
        json({ type: 'room-control', seq: 3 }),
        '',
        json({ type: 'room-control', seq: 1 }),
        json({ type: 'ack', inject: 'siem-bash-exec', at: 45_000 }),
        NOTE,
        CLOCK,
        json({ type: 'end', at: 100_000, results: 'results/x.json' }),
        '',
      ].join('\n'),
    );
    const journal = readJournal(path);
    expect(journal.acknowledged).toEqual([
      { inject: 'ips-scan', at: 30_000 },
      { inject: 'siem-bash-exec', at: 45_000 },
    ]);
    expect(journal.roomControlsApplied).toBe(3);
    expect(journal.lastAt).toBe(100_000);
    expect(journal).toMatchObject({ ended: true, resultsFile: 'results/x.json', warnings: [] });
  });

  it('vouches for the latest time any line gives, whatever their order', () => {
    const path = file(`${HEAD}\n${CLOCK}\n${NOTE}\n`);
    expect(readJournal(path)).toMatchObject({ lastAt: 90_000, ended: false });
    expect(readJournal(path).resultsFile).toBeUndefined();
  });

  it('says why it cannot read the file, with the system code', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ttx-repair-')), 'a-folder');
    mkdirSync(dir);
    expect(() => readJournal(dir)).toThrow(JournalError);
    expect(() => readJournal(dir)).toThrow(/a-folder: cannot read \(EISDIR\)/);
  });

  it('refuses a file whose first line is not a session header', () => {
    const path = file(`${CLOCK}\n${NOTE}\n`);
    expect(() => readJournal(path)).toThrow(/not a ttx session journal/);
  });
});
