import { closeSync, mkdtempSync, openSync, readdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileScenarioData, runDrill } from '/work/wt/evidence/src/engine/index.js';
import { checkArchitectureFile, checkRuleFile, checkScenarioFile, orThrow } from '/work/wt/evidence/src/model/index.js';
import { createTelemetry } from '/work/wt/evidence/src/telemetry/index.js';
const root = '/work/wt/evidence/';
const arch = orThrow(checkArchitectureFile(`${root}architecture.yaml`)).model;
const base = orThrow(checkScenarioFile(`${root}scenarios/${process.env.SC ?? 'fe-bash-rce'}.yaml`, arch)).model;
const dir = mkdtempSync(join(tmpdir(), 'ttx-prof-'));
const withSiem = process.env.SIEM === '1';
const shippedRules = readdirSync(`${root}rules`).filter((f) => f.endsWith('.yaml')).map((f) => orThrow(checkRuleFile(`${root}rules/${f}`, arch)).model);
const drill = runDrill(arch, base, 7, []);
const end = drill.outcome.endedAt ?? base.end.time_limit;
for (let run = 0; run < Number(process.env.RUNS ?? 4); run++) {
  const telemetry = createTelemetry(compileScenarioData(arch, base), 7, { rules: withSiem ? shippedRules : [] });
  const t0 = performance.now(); let lines = 0;
  const per: Array<[string, number, number]> = [];
  for (const spec of telemetry.streams) {
    const s0 = performance.now();
    const fd = openSync(join(dir, spec.file.replace(/\//g, '_')), 'w');
    const n = telemetry.writeStream(spec, 0, end, drill, (chunk) => writeSync(fd, chunk));
    lines += n;
    closeSync(fd);
    per.push([spec.file, n, performance.now() - s0]);
  }
  const ms = performance.now() - t0;
  console.log(run, lines, ms.toFixed(0), 'ms', (lines / ms * 1000 / 1000).toFixed(0), 'k/s');
  if (process.env.PER && run === 3) for (const p of per.sort((a,b)=>b[2]-a[2]).slice(0,15)) console.log(p[0].padEnd(40), p[1], p[2].toFixed(1));
}
