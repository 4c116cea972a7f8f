import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalError, JournalWriter, readJournal } from '../../src/session/index.js';
import type { JournalHeader } from '../../src/session/index.js';
import { header } from './journalHeader.js';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'ttx-journal-')), 'session.jsonl');

describe('session journal', () => {
  it('appends one JSON line per event and reads them back', () => {
    const file = tmp();
    const writer = JournalWriter.create(file, header);
    writer.append({ type: 'action', at: 60_000, do: 'plan.confirm', by: 'alice' });
    writer.append({ type: 'clock', at: 90_000 });
    writer.append({ type: 'action', at: 120_000, do: 'isolate-host', target: 'FEServ1' });
    writer.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
    const journal = readJournal(file);
    expect(journal.actions).toEqual([
      { at: 60_000, do: 'plan.confirm', by: 'alice' },
      { at: 120_000, do: 'isolate-host', target: 'FEServ1' },
    ]);
    expect(journal).toMatchObject({ lastAt: 120_000, ended: false, warnings: [] });
  });

  it('drops a torn last line with a warning instead of crashing', () => {
    const file = tmp();
    const writer = JournalWriter.create(file, header);
    writer.append({ type: 'action', at: 60_000, do: 'plan.confirm' });
    writer.close();
    appendFileSync(file, '{"type":"action","at":120000,"do":"isol');
    const journal = readJournal(file);
    expect(journal.actions).toHaveLength(1);
    expect(journal.warnings).toEqual([expect.stringContaining('incomplete')]);
    // Continuing the journal cuts the torn fragment off first: the journal is whole lines again.
    const again = JournalWriter.reopen(file);
    again.append({ type: 'action', at: 130_000, do: 'isolate-host', target: 'FEServ1' });
    again.append({ type: 'end', at: 200_000, results: 'results/x.json' });
    again.close();
    const resumed = readJournal(file);
    expect(resumed.actions.map((a) => a.at)).toEqual([60_000, 130_000]);
    expect(resumed).toMatchObject({ ended: true, resultsFile: 'results/x.json', lastAt: 200_000 });
    expect(resumed.warnings).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toContain('isol"');
  });

  it('refuses a file that is not a journal, naming it', () => {
    const file = tmp();
    writeFileSync(file, '{"hello":"world"}\n');
    expect(() => readJournal(file)).toThrow(JournalError);
    expect(() => readJournal(file)).toThrow(file);
    expect(() => JournalWriter.create(file, header)).toThrow(/already exists/);
  });

  it('stops at a damaged line in the middle with its file:line, losing nothing silently', () => {
    const file = tmp();
    const writer = JournalWriter.create(file, header);
    writer.append({ type: 'action', at: 60_000, do: 'plan.confirm' });
    writer.close();
    appendFileSync(file, '{"type":"action","at":9\n');
    appendFileSync(file, `${JSON.stringify({ type: 'action', at: 120_000, do: 'plan.close' })}\n`);
    expect(() => readJournal(file)).toThrow(`${file}:3: damaged line (not a JSON line)`);
    expect(() => readJournal(file)).toThrow(/resume stops here/);
  });

  it.each([
    ['an unknown line type', { type: 'telemetry', at: 5 }],
    ['an action without an id', { type: 'action', at: 5 }],
    ['a negative time', { type: 'clock', at: -1 }],
    ['an unknown field', { type: 'clock', at: 5, extra: 'x' }],
    ['an over-long text', { type: 'action', at: 5, do: 'note', text: 'x'.repeat(5000) }],
  ])('checks every line against the schema: %s is located', (_what, line) => {
    const file = tmp();
    JournalWriter.create(file, header).close();
    appendFileSync(file, `${JSON.stringify(line)}\n{"type":"clock","at":9}\n`);
    expect(() => readJournal(file)).toThrow(new RegExp(`^${file}:2: damaged line`));
  });

  it('checks the header too', () => {
    const file = tmp();
    writeFileSync(file, `${JSON.stringify({ ...header, seed: 7 })}\n`);
    expect(() => readJournal(file)).toThrow(/not a ttx session journal/);
  });

  it('keeps the trainee and every participant in the header', () => {
    const file = tmp();
    const full: JournalHeader = {
      ...header,
      trainee: 'Ada',
      team: {
        name: 'Blue',
        participants: [
          { name: 'Bo', role: 'lead' },
          { name: 'Cy', role: 'comms' },
        ],
      },
    };
    JournalWriter.create(file, full).close();
    expect(readJournal(file).header).toEqual(full);
  });

  it('reads a 12-hour workshop (43,200 clock lines) in linear time', () => {
    const file = tmp();
    const lines = [JSON.stringify(header)];
    for (let i = 1; i <= 43_200; i++) lines.push(JSON.stringify({ type: 'clock', at: i * 1000 }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Not a timing assertion (benchmarks live in npm run bench): the read finishes and is exact.
    expect(readJournal(file).lastAt).toBe(43_200_000);
  });
});
