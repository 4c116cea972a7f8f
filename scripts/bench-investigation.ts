// Investigation benchmarks: a SIEM search over a whole 4-hour drill, one host-console command.
// Run from scripts/bench.ts (npm run bench).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Drill } from '../src/engine/index.js';
import {
  hostConsole,
  indexLines,
  runShell,
  SearchIndex,
  searchDocs,
} from '../src/investigation/index.js';
import { checkArchitectureFile, checkScenarioFile, orThrow } from '../src/model/index.js';
import { createTelemetry } from '../src/telemetry/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arch = orThrow(checkArchitectureFile(join(root, 'architecture.yaml'))).model;
const scenario = orThrow(checkScenarioFile(join(root, 'scenarios/fe-bash-rce.yaml'), arch)).model;
const report = (name: string, value: string, target?: string) =>
  console.log(`${name.padEnd(52)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const timed = (runs: number, body: () => void) =>
  median(
    Array.from({ length: runs }, () => {
      const t0 = performance.now();
      body();
      return performance.now() - t0;
    }),
  );

const END = 4 * 3_600_000;
const drill = new Drill(arch, scenario, 7);
drill.advanceTo(END);
const telemetry = createTelemetry(drill.compiled, 7);
const lines = telemetry.window(0, END, {}, drill);
const index0 = performance.now();
const docs = indexLines(lines);
report('SIEM index: lines of a 4 h drill', `${docs.length}`);
report('SIEM: parse them into fields', `${(performance.now() - index0).toFixed(0)} ms`);
// The drill's index, built as a session builds it: once, in slices, as the lines arrive.
const index = new SearchIndex();
const build0 = performance.now();
for (let from = 0; from < lines.length; from += 5000) index.add(lines.slice(from, from + 5000));
report(
  'SIEM index: build it (parse + postings, once/drill)',
  `${(performance.now() - build0).toFixed(0)} ms`,
);
const last = lines.slice(-1000);
const grow = new SearchIndex();
grow.add(lines.slice(0, -1000));
report('SIEM index: add the newest 1,000 lines', `${timed(1, () => grow.add(last)).toFixed(1)} ms`);
// The issue's figure is a drill of about 200,000 lines: two drills' logs (seeds 7 and 8) merged.
const other = new Drill(arch, scenario, 8);
other.advanceTo(END);
const both = [...lines, ...createTelemetry(other.compiled, 8).window(0, END, {}, other)].sort(
  (a, b) => a.t - b.t,
);
const big = new SearchIndex();
const big0 = performance.now();
for (let from = 0; from < both.length; from += 5000) big.add(both.slice(from, from + 5000));
report(
  'SIEM index: build 2 drills merged',
  `${big.size} lines, ${(performance.now() - big0).toFixed(0)} ms`,
);
const queries = [
  'source.ip:198.51.100.23',
  'url.path:*PHP%0A* AND http.response.status_code:>=500',
  'component:FEServ1 AND NOT status:200',
  'source.ip:198.51.100.23 AND NOT status:200',
  'php',
];
for (const q of [...queries, 'url.path:*PHP%0A*', 'method:POST AND NOT component:LB1']) {
  report(
    `search "${q}"`,
    `${timed(7, () => searchDocs(index, q, END)).toFixed(1)} ms`,
    '<= 100 ms',
  );
  report(
    '  the same over ~200,000 lines (2 drills)',
    `${timed(7, () => searchDocs(big, q, END)).toFixed(1)} ms`,
    '<= 100 ms',
  );
  report(
    '  the same, scanning every line (no index)',
    `${timed(3, () => searchDocs(docs, q, END)).toFixed(1)} ms`,
  );
}

for (const command of [
  'ps aux',
  'ss -tanp',
  'find / -mmin -60 -type f',
  'tail -n 20 /var/log/secure',
]) {
  const ms = timed(9, () => {
    const ctx = hostConsole(drill.compiled, telemetry, drill, 'FEServ1')!;
    runShell(ctx, command);
  });
  report(`console "${command}" at T+4h`, `${ms.toFixed(1)} ms`, '<= 20 ms');
}

// A trainee's first search late in a drill: opening the search tab starts indexing, a slice per
// frame, so by the time the query is typed the search parses only what the last frames brought.
{
  const { DrillSession, INDEX_LINES_PER_FRAME } = await import('../src/play/session.js');
  const { telemetryLogSource } = await import('../src/play/logSource.js');
  const session = new DrillSession(arch, scenario, {
    seed: '7',
    wall: () => 0,
    mode: 'turn-based',
    logSourceFor: (d) => telemetryLogSource(createTelemetry(d.compiled, d.seed)),
  });
  session.wait(END);
  session.prepareSearch(); // the search tab opened at T+4h
  const frames: number[] = [];
  while (session.indexedLines < session.archive.length) {
    const t0 = performance.now();
    session.tick();
    frames.push(performance.now() - t0);
  }
  report(
    `session: search tab opened at T+4h, ${session.archive.length} lines`,
    `${frames.length} frames`,
  );
  report(
    `  a frame indexing ${INDEX_LINES_PER_FRAME} lines (median / max)`,
    `${median(frames).toFixed(1)} / ${Math.max(...frames).toFixed(1)} ms`,
    '<= 50 ms',
  );
  const t0 = performance.now();
  session.search('source.ip:198.51.100.23');
  report('  then the first search', `${(performance.now() - t0).toFixed(1)} ms`, '<= 100 ms');
}
