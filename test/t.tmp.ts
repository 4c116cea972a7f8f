import { openSync, writeSync, closeSync } from 'node:fs';
import { compileScenarioData } from '../src/engine/index.js';
import { createTelemetry } from '../src/telemetry/index.js';
import { architecture, defaultScenario } from './helpers.js';
const sc = { ...defaultScenario(), telemetry: { volume: 50, red_herrings: [], rules: [] } };
const tel = createTelemetry(compileScenarioData(architecture(), sc), 7);
const spec = tel.streams.find((s) => s.component === 'FEServ1' && s.source === 'nginx-access')!;
for (let rep = 0; rep < 3; rep++) {
  const fd = openSync('/tmp/bench-nginx.log', 'w');
  const t0 = performance.now();
  const n = tel.writeStream(spec, rep * 4 * 3600e3, (rep + 1) * 4 * 3600e3, undefined, (c) =>
    writeSync(fd, c),
  );
  closeSync(fd);
  const dt = (performance.now() - t0) / 1000;
  console.log(n, (n / dt / 1e6).toFixed(2), 'M/s', (process.memoryUsage().rss / 1e6) | 0, 'MB');
}
