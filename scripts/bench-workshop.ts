// Workshop benchmarks: journal appends (one write + fsync per line) and resume (read + replay).
// Run from scripts/bench.ts (npm run bench).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { replayDrill } from '../src/engine/index.js';
import {
  checkArchitectureFile,
  checkScenarioFile,
  orThrow,
  type ActionLogEntry,
} from '../src/model/index.js';
import { JournalWriter, readJournal, type JournalHeader } from '../src/session/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arch = orThrow(checkArchitectureFile(join(root, 'architecture.yaml')));
const scenario = orThrow(checkScenarioFile(join(root, 'scenarios/fe-bash-rce.yaml'), arch.model));
const header: JournalHeader = {
  type: 'session',
  format: 'ttx-journal/1',
  session: 'bench',
  scenario: { id: scenario.model.id, file: scenario.file, sha256: scenario.sha256 },
  architecture: { id: arch.model.id, file: arch.file, sha256: arch.sha256 },
  seed: '7',
};
const report = (name: string, value: string, target?: string) =>
  console.log(`${name.padEnd(52)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}`);

const dir = mkdtempSync(join(tmpdir(), 'ttx-bench-journal-'));
try {
  for (const count of [100, 2000]) {
    // A long workshop: observations and notes every few simulated seconds.
    const actions: ActionLogEntry[] = Array.from({ length: count }, (_, i) => ({
      at: i * 3_000,
      do: i % 2 ? 'note' : 'facilitator.observe',
      text: `entry ${i}: the team discussed the next step`,
      by: 'facilitator',
    }));
    const file = join(dir, `j${count}.jsonl`);
    const writer = JournalWriter.create(file, header);
    const t0 = performance.now();
    for (const a of actions) writer.append({ type: 'action', ...a });
    const appendMs = (performance.now() - t0) / count;
    writer.close();
    const t1 = performance.now();
    const journal = readJournal(file);
    const drill = replayDrill(arch.model, scenario.model, '7', journal.actions, journal.lastAt);
    const resumeMs = performance.now() - t1;
    if (drill.now !== journal.lastAt) throw new Error('resume did not reach the journal clock');
    report(
      `journal append (fsync), ${count}-line journal`,
      `${appendMs.toFixed(2)} ms/line`,
      '< 10 ms',
    );
    report(`resume: read + replay ${count} actions`, `${resumeMs.toFixed(0)} ms`, '< 1 s');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
