import { runDrill } from '../engine/index.js';
import type { Architecture, Loaded, Rubric, Scenario } from '../model/index.js';
import { formatElapsed } from '../model/index.js';
import { describeTraceEntry } from './describeTrace.js';
import { canonicalJson, jsonDifferences, resultsDigest } from './canonicalJson.js';
import { buildResults } from './results.js';
import type { Results } from './resultsSchema.js';
import { plain } from './textSafety.js';

export interface ReplayReport {
  same: boolean;
  /** Input files whose content changed since the drill was saved. */
  changedInputs: string[];
  /** Remarks that are no difference (an old file without a digest). */
  notes: string[];
  /** Human lines: the first trace differences, then every other field that differs, by path. */
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
  const notes: string[] = [];
  if (saved.digest === undefined)
    notes.push(
      'the file has no digest (saved by an older ttx): edits of its participants cannot be seen',
    );
  const result = runDrill(
    inputs.architecture.model,
    inputs.scenario.model,
    saved.seed,
    saved.actions,
  );
  // The whole file as this drill writes it, from the saved inputs: every field the drill
  // determines (trace, outcome, notes, summary, score, ...) must come out the same.
  const rebuilt = buildResults({
    ...inputs,
    seed: saved.seed,
    actions: saved.actions,
    result,
    ...(saved.participants.trainee !== undefined ? { trainee: saved.participants.trainee } : {}),
    ...(saved.participants.team !== undefined ? { team: saved.participants.team } : {}),
    ...(saved.participants.members !== undefined ? { members: saved.participants.members } : {}),
    ...(saved.code !== undefined ? { code: saved.code } : {}),
    ...(saved.savedAt !== undefined ? { savedAt: saved.savedAt } : {}),
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
  // Input references are reported as changed inputs above; the seal is checked below.
  const { trace: _t, scenario: _s, architecture: _a, rubric: _r, digest: _d, ...savedRest } = saved;
  const {
    trace: _t2,
    scenario: _s2,
    architecture: _a2,
    rubric: _r2,
    digest: _d2,
    ...replayRest
  } = rebuilt;
  if (saved.score.total !== rebuilt.score.total)
    differences.push(`score: saved ${saved.score.total}, replay ${rebuilt.score.total}`);
  differences.push(...jsonDifferences(savedRest, replayRest).map((d) => plain(d)));
  if (saved.digest !== undefined && saved.digest !== resultsDigest(saved))
    differences.push(
      'digest: the file was edited after it was saved (its sha256 no longer matches its content)',
    );
  return {
    same: differences.length === 0,
    changedInputs,
    notes,
    differences,
    total: rebuilt.score.total,
  };
}
