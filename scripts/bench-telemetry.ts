// Telemetry benchmarks (not tests): lines per second per format written to a file on one core,
// memory while writing, and random access into a long drill. Run: npm run bench
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compileScenarioData, runDrill } from '../src/engine/index.js';
import {
  checkArchitectureFile,
  checkRuleFile,
  checkScenarioFile,
  orThrow,
} from '../src/model/index.js';
import { createTelemetry } from '../src/telemetry/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOUR = 3_600_000;
const arch = orThrow(checkArchitectureFile(`${root}architecture.yaml`)).model;
const base = orThrow(checkScenarioFile(`${root}scenarios/fe-bash-rce.yaml`, arch)).model;
const dir = mkdtempSync(join(tmpdir(), 'ttx-bench-'));
// Every way out removes the written logs (a filtered run used to exit early and leave them).
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function report(name: string, value: string, target?: string): void {
  console.log(`${name.padEnd(52)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}`);
}

/**
 * Writes one stream for `hours` to a file, three times; returns the best run's lines/s by wall
 * time and by this process's CPU time (the machine may be shared), and the peak RSS growth.
 */
function measure(volume: number, component: string, source: string, hours: number) {
  const scenario = { ...base, telemetry: { volume, red_herrings: [], rules: [] } };
  const telemetry = createTelemetry(compileScenarioData(arch, scenario), 7);
  const spec = telemetry.streams.find((s) => s.component === component && s.source === source)!;
  const file = join(dir, `${component}-${source}.log`);
  // Warm up the JIT on an hour that is not measured.
  telemetry.writeStream(spec, 100 * HOUR, 101 * HOUR, undefined, () => undefined);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let best = { lines: 0, perSecond: 0, perCpuSecond: 0 };
  for (let run = 0; run < 3; run++) {
    const fd = openSync(file, 'w');
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    let lines = 0;
    for (let h = 0; h < hours; h++) {
      lines += telemetry.writeStream(spec, h * HOUR, (h + 1) * HOUR, undefined, (chunk) =>
        writeSync(fd, chunk),
      );
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    closeSync(fd);
    const perSecond = lines / seconds;
    if (perSecond > best.perSecond)
      best = { lines, perSecond, perCpuSecond: lines / ((cpu.user + cpu.system) / 1e6) };
  }
  return { ...best, growthMb: (peak - rss0) / 1e6 };
}

console.log(`\nttx telemetry benchmarks (one core, written to ${dir})\n`);

/**
 * Every stream of a whole fe-bash-rce drill (4 simulated hours, the attack unanswered) written to
 * its file, as `ttx logs` does; three runs, each on a fresh telemetry (no warm caches).
 */
function allStreams(withSiem: boolean) {
  const drill = runDrill(arch, base, 7, []);
  const end = drill.outcome.endedAt ?? base.end.time_limit;
  const runs: Array<{ lines: number; perSecond: number; perCpuSecond: number }> = [];
  for (let run = 0; run < 4; run++) {
    const telemetry = createTelemetry(compileScenarioData(arch, base), 7, {
      rules: withSiem ? shippedRules : [],
    });
    // A fresh folder per run, as `ttx logs --out` usually writes: reopening the last run's files
    // would time the file system truncating them.
    const out = mkdtempSync(join(dir, 'run-'));
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    // Every file open at once, as `ttx logs` keeps them, written slice by slice.
    const fds = new Map(
      telemetry.streams.map((s) => [s, openSync(join(out, s.file.replace(/\//g, '_')), 'w')]),
    );
    const lines = telemetry.writeStreams(telemetry.streams, 0, end, drill, (spec, chunk) =>
      writeSync(fds.get(spec)!, chunk),
    );
    for (const fd of fds.values()) closeSync(fd);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // The first run warms the JIT up: not counted.
    if (run > 0)
      runs.push({
        lines,
        perSecond: lines / seconds,
        perCpuSecond: lines / ((cpu.user + cpu.system) / 1e6),
      });
  }
  const by = (k: 'perSecond' | 'perCpuSecond') => runs.map((r) => r[k]).sort((a, b) => a - b);
  const fmt = (n: number) => `${(n / 1000).toFixed(0)}k`;
  report(
    `all streams${withSiem ? ' + SIEM alerts' : ''}, ${(end / 3_600_000).toFixed(1)} h fe-bash-rce (best/median)`,
    `${fmt(by('perSecond').at(-1)!)} / ${fmt(by('perSecond')[1]!)} lines/s`,
    '>= 500,000 lines/s per core',
  );
  report(
    `  per CPU second (best / median)`,
    `${fmt(by('perCpuSecond').at(-1)!)} / ${fmt(by('perCpuSecond')[1]!)} lines/s`,
  );
  report(`  lines written`, `${runs[0]!.lines}`);
}
// `tsx scripts/bench-telemetry.ts all` runs only the whole-drill case.
const shippedRules = readdirSync(`${root}rules`)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => orThrow(checkRuleFile(`${root}rules/${f}`, arch)).model);
if (!process.argv[2] || process.argv[2] === 'all') {
  // Without the SIEM (no rules: its stream is empty), then as `ttx logs` writes it.
  allStreams(false);
  allStreams(true);
}
if (process.argv[2] === 'all') process.exit(0);
const cases: Array<[string, number, string, string, string?]> = [
  // volume = multiplier of the modeled shop's traffic, so each case writes enough lines to time.
  ['nginx combined (FEServ1 access.log)', 60, 'FEServ1', 'nginx-access', '>= 1,000,000 lines/s'],
  ['HAProxy HTTP log (LB1)', 60, 'LB1', 'haproxy'],
  ['Suricata EVE JSON (IPS1)', 30, 'IPS1', 'eve'],
  ['RFC 5424 firewall (FW1)', 60, 'FW1', 'firewall'],
  ['nginx error log (FEServ1)', 200, 'FEServ1', 'nginx-error'],
  ['ModSecurity JSON audit (WAF1)', 200, 'WAF1', 'modsec-audit'],
  ['auditd (FEServ1)', 200, 'FEServ1', 'auditd'],
  ['auth.log/secure (FEServ1)', 200, 'FEServ1', 'auth'],
  ['PHP-FPM (FEServ1)', 200, 'FEServ1', 'php-fpm'],
  ['slapd (LDAP1)', 100, 'LDAP1', 'slapd'],
  ['MySQL general log (DB1)', 100, 'DB1', 'mysql-general'],
  ['Kong access log (EBUS1)', 100, 'EBUS1', 'kong-access'],
];
// `tsx scripts/bench-telemetry.ts nginx` runs the cases whose name contains "nginx".
const only = process.argv[2]?.toLowerCase();
for (const [name, volume, component, source, target] of cases) {
  if (only && !name.toLowerCase().includes(only)) continue;
  const hours = source === 'nginx-access' || source === 'haproxy' ? 6 : 3;
  const m = measure(volume, component, source, hours);
  report(`${name}, x${volume} volume`, `${(m.perSecond / 1000).toFixed(0)}k lines/s`, target);
  report(
    `  per CPU second (user + system of this process)`,
    `${(m.perCpuSecond / 1000).toFixed(0)}k lines/s`,
  );
  report(`  ${m.lines} lines; peak RSS growth`, `${m.growthMb.toFixed(0)} MB`);
}

if (only) process.exit(0);

// Random access: an hour in the middle of a 24-hour drill costs what the first hour costs.
const day = { ...base, end: { ...base.end, time_limit: 24 * HOUR } };
const drill = runDrill(arch, day, 7, []);
const telemetry = createTelemetry(compileScenarioData(arch, day), 7);
const hourOf = (h: number) => {
  const start = performance.now();
  const lines = telemetry.window(h * HOUR, (h + 1) * HOUR, {}, drill).length;
  return { ms: performance.now() - start, lines };
};
hourOf(1);
const first = hourOf(0);
const middle = hourOf(13);
report('all streams, hour 0 of a 24 h drill', `${first.ms.toFixed(0)} ms`);
report(
  'all streams, hour 13 of a 24 h drill (alone)',
  `${middle.ms.toFixed(0)} ms`,
  'no cost for hours 0-12',
);
report('  lines in hour 0 / hour 13', `${first.lines} / ${middle.lines}`);
