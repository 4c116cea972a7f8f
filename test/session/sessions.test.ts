import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSessions, sessionFileName, unfinishedSessions } from '../../src/session/index.js';
import { header } from './journalHeader.js';
import { journalLineSchema } from '../../src/session/journalSchema.js';

const dir = () => mkdtempSync(join(tmpdir(), 'ttx-sessions-'));

describe('the sessions folder', () => {
  it('lists journals oldest name first, damaged ones with their error, nothing else', () => {
    const d = dir();
    const head = `${JSON.stringify(header)}\n`;
    writeFileSync(join(d, '20260312T224000Z-b.jsonl'), head);
    writeFileSync(join(d, '20260312T223000Z-a.jsonl'), `${head}{"type":"end","at":5}\n`);
    writeFileSync(join(d, '20260312T225000Z-c.jsonl'), 'not json\n');
    writeFileSync(join(d, '.20260312T220000Z-hidden.jsonl'), head);
    writeFileSync(join(d, 'notes.txt'), head);
    const listed = listSessions(d);
    expect(listed.map((s) => s.file.slice(d.length + 1))).toEqual([
      '20260312T223000Z-a.jsonl',
      '20260312T224000Z-b.jsonl',
      '20260312T225000Z-c.jsonl',
    ]);
    expect(listed[2]!.error).toMatch(/not a ttx session journal/);
    expect(listed[2]!.journal).toBeUndefined();
    // Unfinished: readable and without an end line.
    expect(unfinishedSessions(d).map((s) => s.file.slice(d.length + 1))).toEqual([
      '20260312T224000Z-b.jsonl',
    ]);
  });

  it('is empty when the folder does not exist', () => {
    expect(listSessions(join(dir(), 'none'))).toEqual([]);
  });

  it('names a session by its UTC second and a file-safe scenario id, never reusing a name', () => {
    const d = dir();
    const at = new Date('2026-03-12T22:40:05.123Z');
    const first = sessionFileName('fe-bash-rce', at, d);
    expect(first).toBe(join(d, '20260312T224005Z-fe-bash-rce.jsonl'));
    writeFileSync(first, '');
    expect(sessionFileName('fe-bash-rce', at, d)).toBe(
      join(d, '20260312T224005Z-fe-bash-rce-2.jsonl'),
    );
    writeFileSync(join(d, '20260312T224005Z-fe-bash-rce-2.jsonl'), '');
    expect(sessionFileName('fe-bash-rce', at, d)).toBe(
      join(d, '20260312T224005Z-fe-bash-rce-3.jsonl'),
    );
    const hostile = sessionFileName(`../x y/${'z'.repeat(60)}`, at, d);
    expect(hostile).toBe(join(d, `20260312T224005Z-.._x_y_${'z'.repeat(33)}.jsonl`));
  });
});

describe('journal lines (schema)', () => {
  const ok = (line: unknown) => journalLineSchema.safeParse(line).success;
  it('accepts each kind of line, with the fields it needs', () => {
    expect(ok({ ...header, mode: 'realtime', view: 'play' })).toBe(true);
    expect(ok({ ...header, mode: 'turn-based', view: 'workshop' })).toBe(true);
    expect(ok({ ...header, view: 'run' })).toBe(true);
    expect(ok({ type: 'action', at: 0, do: 'plan.confirm' })).toBe(true);
    expect(ok({ type: 'clock', at: 5 })).toBe(true);
    expect(ok({ type: 'ack', inject: 'ips-scan', at: 5 })).toBe(true);
    expect(ok({ type: 'room-control', seq: 4 })).toBe(true);
    expect(ok({ type: 'end', at: 5, results: 'r.json' })).toBe(true);
  });

  it('refuses lines that are not quite one', () => {
    expect(ok({ ...header, mode: 'fast' })).toBe(false);
    expect(ok({ ...header, view: 'tui' })).toBe(false);
    expect(ok({ ...header, format: 'ttx-journal/2' })).toBe(false);
    expect(ok({ type: 'action', do: 'plan.confirm' })).toBe(false); // no time
    expect(ok({ type: 'clock', at: -1 })).toBe(false);
    expect(ok({ type: 'clock' })).toBe(false);
    expect(ok({ type: 'clock', at: 5, extra: 1 })).toBe(false);
    expect(ok({ type: 'ack', at: 5 })).toBe(false);
    expect(ok({ type: 'ack', inject: 'x'.repeat(201), at: 5 })).toBe(false);
    expect(ok({ type: 'room-control', seq: -1 })).toBe(false);
    expect(ok({ type: 'room-control' })).toBe(false);
    expect(ok({ type: 'end' })).toBe(false);
    expect(ok({ type: 'end', at: 5, results: 7 })).toBe(false);
    expect(ok({ type: 'resume', at: 5 })).toBe(false);
    expect(ok({ at: 5 })).toBe(false);
  });
});
