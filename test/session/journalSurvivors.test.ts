import { appendFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalError, JournalWriter, readJournal } from '../../src/session/index.js';
import { journalLineSchema } from '../../src/session/journalSchema.js';
import { header } from './journalHeader.js';

/*
 * Lines of src/session that mutation testing (npm run mutate) found no test pinning: the damage
 * message says which field is wrong, blank lines are not damage, a closed writer stays closed.
 */
const tmp = () => join(mkdtempSync(join(tmpdir(), 'ttx-journal-')), 'session.jsonl');

describe('a journal line that is JSON but not a journal line', () => {
  it('is reported with the field at fault and what the schema expected', () => {
    const file = tmp();
    JournalWriter.create(file, header).close();
    appendFileSync(file, `${JSON.stringify({ type: 'ack', inject: 7, at: 5 })}\n`);
    let error: unknown;
    try {
      readJournal(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).name).toBe('JournalError');
    expect((error as JournalError).line).toBe(2);
    expect((error as Error).message).toMatch(
      new RegExp(`^${file}:2: damaged line \\(inject: Invalid input: expected string`),
    );
  });

  it('names no field when the whole line is wrong', () => {
    const file = tmp();
    JournalWriter.create(file, header).close();
    appendFileSync(file, '[1,2]\n');
    expect(() => readJournal(file)).toThrow(`${file}:2: damaged line (Invalid input`);
  });

  it('is told apart from a file that is no journal at all (its first line)', () => {
    const file = tmp();
    writeFileSync(file, 'hello\n{"type":"clock","at":5}\n');
    expect(() => readJournal(file)).toThrow(
      `${file}:1: not a ttx session journal (the first line is no ttx-journal/1 header)`,
    );
  });
});

describe('reading a journal', () => {
  it('passes over lines of spaces (an editor left them) without calling them damage', () => {
    const file = tmp();
    JournalWriter.create(file, header).close();
    appendFileSync(file, '   \n{"type":"clock","at":5000}\n\t\n');
    expect(readJournal(file)).toMatchObject({ lastAt: 5000, warnings: [] });
  });

  it('ends only at an end line: acknowledgements, room controls and clock lines do not end it', () => {
    const file = tmp();
    const writer = JournalWriter.create(file, header);
    writer.append({ type: 'ack', inject: 'ips-scan', at: 1000 });
    writer.append({ type: 'room-control', seq: 3 });
    writer.append({ type: 'clock', at: 2000 });
    writer.close();
    const journal = readJournal(file);
    expect(journal.ended).toBe(false);
    expect(journal).toMatchObject({ roomControlsApplied: 3, lastAt: 2000 });
    expect(journal.acknowledged).toEqual([{ inject: 'ips-scan', at: 1000 }]);
  });

  it('keeps a drill code in the header', () => {
    const file = tmp();
    JournalWriter.create(file, { ...header, code: 'TTX-7Q2F' }).close();
    expect(readJournal(file).header.code).toBe('TTX-7Q2F');
    expect(journalLineSchema.safeParse({ ...header, code: 'x'.repeat(121) }).success).toBe(false);
  });
});

describe('a closed journal writer', () => {
  it('writes nothing more, and closing it again is harmless', () => {
    const file = tmp();
    const writer = JournalWriter.create(file, header);
    writer.close();
    expect(() => writer.append({ type: 'clock', at: 5 })).toThrow();
    expect(() => writer.close()).not.toThrow();
    expect(readJournal(file).lastAt).toBe(0);
  });
});

describe('the journal writer and reader', () => {
  it('leave no file descriptor open behind them', () => {
    const open = () => readdirSync('/proc/self/fd').length;
    const file = tmp();
    JournalWriter.create(file, header).close();
    const before = open();
    for (let i = 0; i < 20; i++) {
      appendFileSync(file, '{"type":"clock","at":5}'); // no newline: reopen reads the last byte
      JournalWriter.reopen(file).close();
      readJournal(file);
    }
    expect(open()).toBe(before);
  });
});

describe('a second session header in one file', () => {
  it('stops the read at its line: two sessions pasted together are not one', () => {
    const file = tmp();
    JournalWriter.create(file, header).close();
    appendFileSync(file, `${JSON.stringify({ type: 'end', at: 5 })}\n${JSON.stringify(header)}\n`);
    expect(() => readJournal(file)).toThrow(`${file}:3: a second session header`);
  });

  it('names the nested field at fault, as a dotted path', () => {
    const file = tmp();
    JournalWriter.create(file, header).close();
    const bad = { ...header, scenario: { ...header.scenario, id: 5 } };
    appendFileSync(file, `${JSON.stringify(bad)}\n`);
    expect(() => readJournal(file)).toThrow(`${file}:2: damaged line (scenario.id: Invalid input`);
  });
});
