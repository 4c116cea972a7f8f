import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JournalError,
  JournalWriter,
  readJournal,
  type JournalHeader,
} from '../../src/session/index.js';

const header: JournalHeader = {
  type: 'session',
  format: 'ttx-journal/1',
  session: 's1',
  scenario: { id: 'fe-bash-rce', file: 'scenarios/fe-bash-rce.yaml', sha256: 'a'.repeat(64) },
  architecture: { id: 'acme-ecommerce', file: 'architecture.yaml', sha256: 'b'.repeat(64) },
  seed: '7',
};
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
    // Continuing the journal starts on a fresh line, so the torn fragment stays isolated.
    const again = JournalWriter.reopen(file);
    again.append({ type: 'action', at: 130_000, do: 'isolate-host', target: 'FEServ1' });
    again.append({ type: 'end', at: 200_000, results: 'results/x.json' });
    again.close();
    const resumed = readJournal(file);
    expect(resumed.actions.map((a) => a.at)).toEqual([60_000, 130_000]);
    expect(resumed).toMatchObject({ ended: true, resultsFile: 'results/x.json', lastAt: 200_000 });
    expect(resumed.warnings).toEqual([expect.stringContaining('damaged')]);
  });

  it('refuses a file that is not a journal, naming it', () => {
    const file = tmp();
    writeFileSync(file, '{"hello":"world"}\n');
    expect(() => readJournal(file)).toThrow(JournalError);
    expect(() => readJournal(file)).toThrow(file);
    expect(() => JournalWriter.create(file, header)).toThrow(/already exists/);
  });
});
