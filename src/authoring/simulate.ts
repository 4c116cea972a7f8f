import { runDrill } from '../engine/index.js';
import type { ActionLogEntry, Architecture, Rubric, Scenario } from '../model/index.js';
import { scoreDrill } from '../scoring/index.js';
import { autopilotActions, type AutopilotMode } from './autopilot.js';

/** How a simulated drill is played: an autopilot mode, or one fixed action script for every seed. */
export type SimulationPolicy =
  | { kind: 'autopilot'; mode: AutopilotMode }
  | { kind: 'script'; name: string; actions: readonly ActionLogEntry[] };

/** One simulated drill, reduced to what the distribution needs. */
export interface SimulatedRun {
  seed: number;
  total: number;
  grade: string;
  evaluated: boolean;
  contained: boolean;
  objectiveReached: boolean;
}

export interface SimulationInputs {
  architecture: Architecture;
  scenario: Scenario;
  rubric: Rubric;
  policy: SimulationPolicy;
}

/** Plays one seeded drill headless with the policy and scores it. Pure. */
export function simulateOne(inputs: SimulationInputs, seed: number): SimulatedRun {
  const { architecture, scenario, rubric, policy } = inputs;
  const actions =
    policy.kind === 'script'
      ? policy.actions
      : autopilotActions(architecture, scenario, seed, policy.mode);
  const result = runDrill(architecture, scenario, seed, actions);
  const score = scoreDrill({ architecture, scenario, rubric, result });
  return {
    seed,
    total: score.total,
    grade: score.grade,
    evaluated: score.evaluated,
    contained: result.outcome.contained,
    objectiveReached: result.outcome.objectiveReached,
  };
}

/** Plays the seeds in order; `progress` hears the count done after each. */
export function simulateSeeds(
  inputs: SimulationInputs,
  seeds: readonly number[],
  progress: (done: number) => void = () => {},
): SimulatedRun[] {
  return seeds.map((seed, i) => {
    const run = simulateOne(inputs, seed);
    progress(i + 1);
    return run;
  });
}

export interface HistogramBin {
  /** Inclusive lower bound; the last bin also includes its upper bound (100). */
  from: number;
  to: number;
  count: number;
}

export interface SimulationSummary {
  runs: number;
  histogram: HistogramBin[];
  score: { mean: number; median: number; min: number; max: number; p10: number; p90: number };
  /** Shares 0..1 over all runs. */
  outcomes: {
    contained: number;
    notContained: number;
    objectiveReached: number;
    notEvaluated: number;
  };
  grades: Record<string, number>;
}

const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;

/** The distribution of a set of runs: ten bins of 10 points, order statistics, outcome shares. */
export function summarise(runs: readonly SimulatedRun[]): SimulationSummary {
  const totals = runs.map((r) => r.total).sort((a, b) => a - b);
  const n = totals.length;
  const at = (q: number) => (n ? totals[Math.min(n - 1, Math.floor(q * n))]! : 0);
  const histogram: HistogramBin[] = Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i * 10 + 10,
    count: 0,
  }));
  for (const t of totals) histogram[Math.min(9, Math.floor(t / 10))]!.count += 1;
  const share = (pred: (r: SimulatedRun) => boolean) =>
    n ? round(runs.filter(pred).length / n, 4) : 0;
  const grades: Record<string, number> = {};
  for (const r of runs) grades[r.grade] = (grades[r.grade] ?? 0) + 1;
  return {
    runs: n,
    histogram,
    score: {
      mean: n ? round(totals.reduce((s, t) => s + t, 0) / n) : 0,
      median: at(0.5),
      min: n ? totals[0]! : 0,
      max: n ? totals[n - 1]! : 0,
      p10: at(0.1),
      p90: at(0.9),
    },
    outcomes: {
      contained: share((r) => r.contained),
      notContained: share((r) => !r.contained),
      objectiveReached: share((r) => r.objectiveReached),
      notEvaluated: share((r) => !r.evaluated),
    },
    grades: Object.fromEntries(Object.entries(grades).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The histogram as text bars, `width` characters for the fullest bin. */
export function histogramLines(histogram: readonly HistogramBin[], width = 40): string[] {
  const most = Math.max(1, ...histogram.map((b) => b.count));
  return histogram.map((b, i) => {
    const label = `${String(b.from).padStart(3)}–${i === histogram.length - 1 ? '100' : String(b.to - 1).padEnd(3)}`;
    const bar = '█'.repeat(Math.round((b.count / most) * width));
    return `  ${label} │${bar}${b.count ? ` ${b.count}` : ''}`;
  });
}
