import { runDrill } from '../engine/index.js';
import type { Architecture, Loaded, Rubric, Scenario } from '../model/index.js';
import { formatElapsed } from '../model/index.js';
import { scoreDrill } from '../scoring/index.js';
import { describeTraceEntry } from './describeTrace.js';
import type { Results } from './resultsSchema.js';
import { plain } from './textSafety.js';

/** JSON with object keys sorted, so key order (the schema's or the engine's) does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface ReplayReport {
  same: boolean;
  /** Input files whose content changed since the drill was saved. */
  changedInputs: string[];
  /** Human lines: the first trace differences and the score differences. */
  differences: string[];
  total: number;
}

/**
 * Re-runs a saved drill from its seed and action log and compares the trace and the score with
 * the saved ones. Differences are described, never thrown.
 */
export function replayResults(
  saved: Results,
  inputs: {
    architecture: Loaded<Architecture>;
    scenario: Loaded<Scenario>;
    rubric: Loaded<Rubric>;
  },
): ReplayReport {
  const changedInputs: string[] = [];
  for (const [name, loaded, ref] of [
    ['scenario', inputs.scenario, saved.scenario],
    ['architecture', inputs.architecture, saved.architecture],
    ['rubric', inputs.rubric, saved.rubric],
  ] as const) {
    if (loaded.sha256 !== ref.sha256 || loaded.model.id !== ref.id)
      changedInputs.push(
        `${name} ${plain(ref.id)} changed: saved sha256 ${ref.sha256.slice(0, 12)}, now ${plain(loaded.model.id)} ${loaded.sha256.slice(0, 12)} (${plain(loaded.file)})`,
      );
  }
  const result = runDrill(
    inputs.architecture.model,
    inputs.scenario.model,
    saved.seed,
    saved.actions,
  );
  const score = scoreDrill({
    architecture: inputs.architecture.model,
    scenario: inputs.scenario.model,
    rubric: inputs.rubric.model,
    result,
  });
  const differences: string[] = [];
  const line = (e: (typeof result.trace)[number] | undefined) =>
    e ? `${formatElapsed(e.t)} ${describeTraceEntry(e).text}` : '(nothing)';
  const length = Math.max(saved.trace.length, result.trace.length);
  for (let i = 0; i < length && differences.length < 6; i++) {
    const a = saved.trace[i];
    const b = result.trace[i];
    if (canonicalJson(a) !== canonicalJson(b)) {
      differences.push(`trace entry ${i}:\n  - saved:  ${line(a)}\n  + replay: ${line(b)}`);
    }
  }
  if (saved.trace.length !== result.trace.length)
    differences.push(`trace length: saved ${saved.trace.length}, replay ${result.trace.length}`);
  if (saved.score.total !== score.total)
    differences.push(`score: saved ${saved.score.total}, replay ${score.total}`);
  for (const d of score.dimensions) {
    const before = saved.score.dimensions.find((x) => x.id === d.id);
    if (!before || before.points !== d.points)
      differences.push(`${d.id}: saved ${before?.points ?? 'absent'}, replay ${d.points}`);
  }
  if (canonicalJson(saved.score) !== canonicalJson(score) && differences.length === 0)
    differences.push('the score explanation differs (findings or ratings)');
  return { same: differences.length === 0, changedInputs, differences, total: score.total };
}
