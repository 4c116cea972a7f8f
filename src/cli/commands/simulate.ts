import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AUTOPILOT_MODES, runGates, type AutopilotMode } from '../../authoring/index.js';
import {
  histogramLines,
  simulateSeeds,
  summarise,
  type SimulatedRun,
  type SimulationInputs,
  type SimulationPolicy,
} from '../../authoring/simulate.js';
import { loadRubricFor, makeScorer, safeJson } from '../../export/index.js';
import { checkActionScriptFile, orThrow, stripControl } from '../../model/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { loadDrillInputs } from '../load.js';
import { scoringDir } from '../paths.js';
import type { Io } from './output.js';

export interface SimulateOptions {
  runs?: string;
  policy?: string;
  seedFrom?: string;
  workers?: string;
  architecture?: string;
  rubric?: string;
  json?: boolean;
}

function integer(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(
      `${name} takes an integer from ${min} to ${max} (got "${text}")`,
      EXIT.usage,
    );
  return n;
}

/** The bundled worker next to this chunk (dist/), if any: from source, runs stay in process. */
function workerFile(): URL | undefined {
  for (const candidate of ['./simulateWorker.js', '../simulateWorker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Splits the seeds into `n` contiguous shares and plays each on a worker thread. */
function onWorkers(
  file: URL,
  inputs: SimulationInputs,
  seeds: number[],
  n: number,
  progress: (done: number) => void,
): Promise<SimulatedRun[]> {
  const size = Math.ceil(seeds.length / n);
  const shares = Array.from({ length: n }, (_, i) => seeds.slice(i * size, (i + 1) * size)).filter(
    (s) => s.length,
  );
  const done = shares.map(() => 0);
  return Promise.all(
    shares.map(
      (share, i) =>
        new Promise<SimulatedRun[]>((resolve, reject) => {
          const worker = new Worker(file, { workerData: { inputs, seeds: share } });
          worker.on('message', (m: { type: string; done?: number; runs?: SimulatedRun[] }) => {
            if (m.type === 'progress') {
              done[i] = m.done!;
              progress(done.reduce((a, b) => a + b, 0));
            } else if (m.type === 'done') {
              resolve(m.runs!);
              void worker.terminate();
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0 && code !== 1) reject(new Error(`a simulation worker exited ${code}`));
          });
        }),
    ),
  ).then((parts) => parts.flat());
}

/**
 * `ttx simulate <scenario>`: plays many seeded drills headless with one policy and prints the
 * score distribution, the outcome shares and the scenario's gates. Exit 1 when a gate fails.
 */
export async function simulateCommand(
  scenarioArg: string | undefined,
  options: SimulateOptions,
  io: Io,
  isTty = Boolean(process.stderr.isTTY),
): Promise<number> {
  const runs = integer(options.runs, '--runs', 1, 1_000_000, 1000);
  const from = integer(options.seedFrom, '--seed-from', 0, 2 ** 31, 1);
  const loaded = loadDrillInputs({
    ...(scenarioArg !== undefined ? { scenario: scenarioArg } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const architecture = loaded.architecture.model;
  const scenario = loaded.scenario.model;
  const policyText = options.policy ?? 'best';
  let policy: SimulationPolicy;
  if (AUTOPILOT_MODES.includes(policyText as AutopilotMode)) {
    policy = { kind: 'autopilot', mode: policyText as AutopilotMode };
  } else if (existsSync(policyText)) {
    const script = orThrow(checkActionScriptFile(policyText, architecture, scenario)).model;
    policy = { kind: 'script', name: policyText, actions: script.actions };
  } else {
    throw new CliError(
      `--policy takes ${AUTOPILOT_MODES.join(', ')} or an action script file (got "${policyText}")`,
      EXIT.usage,
    );
  }
  const rubric = loadRubricFor(scenario, architecture, scoringDir(), options.rubric).model;
  const inputs: SimulationInputs = { architecture, scenario, rubric, policy };
  const seeds = Array.from({ length: runs }, (_, i) => from + i);
  const file = workerFile();
  const cores = availableParallelism();
  const workers = file
    ? integer(options.workers, '--workers', 1, 64, runs >= 200 ? Math.min(cores, 8) : 1)
    : 1;

  const status = io.status ?? io.err;
  const barOn = isTty && !options.json;
  const bar = (done: number) => {
    if (!barOn) return;
    const width = 30;
    const filled = Math.round((done / runs) * width);
    status(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${runs} drills`);
  };
  // The wall clock only measures the shell's throughput; no result depends on it.
  const started = process.hrtime.bigint();
  let results: SimulatedRun[];
  try {
    results =
      file && workers > 1
        ? await onWorkers(file, inputs, seeds, workers, bar)
        : simulateSeeds(inputs, seeds, (done) => done % 25 === 0 && bar(done));
  } finally {
    if (barOn) status('\r\u001b[2K');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = summarise(results);
  const gates = runGates(architecture, scenario, makeScorer(architecture, scoringDir()), '');
  const failed = gates.filter((g) => !g.passed);
  const policyName = policy.kind === 'script' ? policy.name : policy.mode;
  const rate = `${runs} drills in ${seconds.toFixed(2)} s on ${workers} thread(s): ${Math.round(runs / seconds)} drills/s`;

  if (options.json) {
    io.out(
      `${safeJson(
        {
          format: 'ttx-simulate/1',
          scenario: { id: scenario.id, sha256: loaded.scenario.sha256 },
          policy: policyName,
          seeds: { from, to: from + runs - 1 },
          ...summary,
          gates: gates.map((g) => ({ id: g.test, passed: g.passed, failures: g.failures })),
          runs: results,
        },
        2,
      )}\n`,
    );
    io.err(`ttx: ${rate}\n`);
    return failed.length ? EXIT.failure : EXIT.ok;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const s = summary.score;
  const lines = [
    `${stripControl(scenario.title)} (${scenario.id}), policy ${stripControl(policyName)}, seeds ${from}..${from + runs - 1}`,
    rate,
    '',
    'Score distribution:',
    ...histogramLines(summary.histogram),
    `  mean ${s.mean}, median ${s.median}, min ${s.min}, max ${s.max} (10% at or below ${s.p10}, 90% at or below ${s.p90})`,
    `  grades: ${Object.entries(summary.grades)
      .map(([g, n]) => `${stripControl(g)} ${n}`)
      .join(', ')}`,
    '',
    `Outcomes: contained ${pct(summary.outcomes.contained)}, not contained ${pct(summary.outcomes.notContained)}, attacker objective reached ${pct(summary.outcomes.objectiveReached)}, nothing evaluated ${pct(summary.outcomes.notEvaluated)}`,
    '',
    'Gates (seeds 1, 7, 42):',
    ...gates.flatMap((g) => [
      `  ${g.passed ? 'ok  ' : 'FAIL'} ${g.test}`,
      ...g.failures.map((f) => `       - ${stripControl(f)}`),
    ]),
  ];
  io.out(`${lines.join('\n')}\n`);
  return failed.length ? EXIT.failure : EXIT.ok;
}
