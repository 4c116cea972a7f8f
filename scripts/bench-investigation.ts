// Investigation benchmarks: a SIEM search over a whole 4-hour drill, one host-console command.
// Run from scripts/bench.ts (npm run bench).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Drill } from '../src/engine/index.js';
import { hostConsole, indexLines, runShell, searchDocs } from '../src/investigation/index.js';
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
report('SIEM index: parse them into fields', `${(performance.now() - index0).toFixed(0)} ms`);
const queries = [
  'source.ip:198.51.100.23',
  'url.path:*PHP%0A* AND http.response.status_code:>=500',
  'component:FEServ1 AND NOT status:200',
  'php',
];
for (const q of queries)
  report(`search "${q}"`, `${timed(7, () => searchDocs(docs, q, END)).toFixed(1)} ms`, '<= 100 ms');

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
