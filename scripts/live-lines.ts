// The lines a live session pulls, minute by minute, as the TUI does (a Drill advanced frame by
// frame, telemetryLogSource called after every frame as DrillSession.pullLogs does), hashed per
// drill: the equality check of the telemetry's per-trace cache (decision 1000). Not a test (the
// uncached reference is quadratic in drill time): run it before and after a telemetry change.
//   npx tsx scripts/live-lines.ts [scenario-id ...] > digests.txt
import { createHash } from 'node:crypto';
import { listRuleFiles, listScenarioFiles } from '../src/cli/paths.js';
import { collectSuites } from '../src/cli/scenarioSuites.js';
import { Drill } from '../src/engine/index.js';
import { checkArchitectureFile, checkRuleFile, orThrow } from '../src/model/index.js';
import { telemetryLogSource } from '../src/play/logSource.js';
import { createTelemetry, type LogLine } from '../src/telemetry/index.js';
import type { ActionLogEntry, Architecture, Scenario } from '../src/model/index.js';

/** Simulated ms between frames: about 1 s (60x at 60 fps), uneven, now and then on a minute. */
const frameStep = (k: number) => (k % 11 === 0 ? 0 : 1_000 + ((k * 389) % 700));

export function liveLines(
  arch: Architecture,
  scenario: Scenario,
  seed: string,
  actions: readonly ActionLogEntry[],
  limit: number,
  rules = listRuleFiles().map((f) => orThrow(checkRuleFile(f, arch)).model),
): { lines: LogLine[]; drill: Drill } {
  const drill = new Drill(arch, scenario, seed);
  const source = telemetryLogSource(createTelemetry(drill.compiled, drill.seed, { rules }));
  const lines: LogLine[] = [];
  let cursor = -1;
  const pull = () => {
    if (drill.now <= cursor) return;
    lines.push(...source({ from: cursor, to: drill.now }, drill));
    cursor = drill.now;
  };
  pull();
  let next = 0;
  for (let k = 1; !drill.isEnded && drill.now < limit; k++) {
    let target = drill.now + frameStep(k);
    // Every 11th frame lands exactly on the next minute (a turn-based jump does).
    if (frameStep(k) === 0) target = (Math.floor(drill.now / 60_000) + 1) * 60_000;
    while (next < actions.length && actions[next]!.at <= target && !drill.isEnded) {
      const a = actions[next++]!;
      drill.advanceTo(Math.max(a.at, drill.now));
      pull();
      const { at: _at, ...request } = a;
      drill.act(request as Parameters<Drill['act']>[0]);
      pull();
    }
    if (drill.isEnded) break;
    drill.advanceTo(Math.max(target, drill.now));
    pull();
  }
  return { lines, drill };
}

export const digestLines = (lines: readonly LogLine[]): string => {
  const h = createHash('sha256');
  for (const l of lines)
    h.update(`${l.t}\t${l.component}\t${l.source}\t${l.malicious ? 1 : 0}\t${l.text}\n`);
  return h.digest('hex');
};

if (process.argv[1]?.endsWith('live-lines.ts')) {
  const arch = orThrow(
    checkArchitectureFile(new URL('../architecture.yaml', import.meta.url).pathname),
  ).model;
  const only = process.argv.slice(2);
  const limit = Number(process.env.TTX_LIVE_LIMIT_MS ?? 2 * 3_600_000);
  for (const suite of collectSuites(listScenarioFiles(), arch)) {
    const scenario = suite.scenario!;
    if (only.length && !only.includes(scenario.id)) continue;
    const good = suite.tests.find((t) => t.test.id === 'good-response')?.test;
    const runs: Array<[string, string, readonly ActionLogEntry[]]> = [
      ['none', '7', []],
      ['none', '42', []],
      ...(good
        ? ([
            ['good', String(good.seed ?? 7), good.actions],
            ['good', '42', good.actions],
          ] as Array<[string, string, readonly ActionLogEntry[]]>)
        : []),
    ];
    for (const [name, seed, actions] of runs) {
      if (process.env.TTX_LIVE_RUNS && !process.env.TTX_LIVE_RUNS.split(',').includes(name))
        continue;
      const t0 = process.cpuUsage();
      const { lines, drill } = liveLines(arch, scenario, seed, actions, limit);
      const cpu = process.cpuUsage(t0);
      console.log(
        `${scenario.id} ${name} seed=${seed} to=${drill.now} ended=${drill.isEnded} lines=${lines.length} ${digestLines(lines)}`,
      );
      console.error(`  ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s`);
    }
  }
}
