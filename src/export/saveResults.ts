import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DrillResult } from '../engine/index.js';
import {
  checkRubricFile,
  orThrow,
  type ActionLogEntry,
  type Architecture,
  type Loaded,
  type Rubric,
  type Scenario,
} from '../model/index.js';
import { AtomicFile } from './atomicWrite.js';
import { FileWriteError } from './fileWriteError.js';
import { buildResults } from './results.js';
import { safeJson } from './textSafety.js';
import type { Results } from './resultsSchema.js';

export const DEFAULT_RUBRIC_ID = 'default';

/**
 * The rubric a drill is scored with: `override` (an id in `scoringDir` or a file path), else the
 * scenario's `rubric:` id, else `default`. Throws InputError with located diagnostics if invalid.
 */
export function loadRubricFor(
  scenario: Scenario,
  architecture: Architecture,
  scoringDir: string,
  override?: string,
): Loaded<Rubric> {
  const given = override ?? scenario.rubric ?? DEFAULT_RUBRIC_ID;
  const byId = join(scoringDir, `${given}.yaml`);
  const file = /^[A-Za-z0-9_.-]+$/.test(given) && existsSync(byId) ? byId : given;
  return orThrow(checkRubricFile(file, architecture));
}

export interface SaveDrillResultsOptions {
  architecture: Loaded<Architecture>;
  scenario: Loaded<Scenario>;
  /** The rubric; loaded with `loadRubricFor(scenario, architecture, scoringDir)` when absent. */
  rubric?: Loaded<Rubric>;
  /** Folder of rubrics (the package's scoring/); needed when `rubric` is absent. */
  scoringDir?: string;
  seed: string;
  /** The timed action log the drill was played with (`at` in simulated ms). */
  actions: readonly ActionLogEntry[];
  result: DrillResult;
  trainee?: string;
  team?: string;
  members?: ReadonlyArray<{ name: string; role: string }>;
  code?: string;
  /** Folder for results files (created if missing); default `./results`. */
  resultsDir?: string;
  /**
   * Wall-clock time of saving, given by the shell that saves (the export layer reads no clock).
   * Only the file records it, never the score.
   */
  savedAt: Date;
}

function fileStem(results: Results, savedAt: string): string {
  const stamp = savedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40);
  return `${stamp}-${safe(results.scenario.id)}-seed-${safe(results.seed)}`;
}

function* candidateNames(dir: string, stem: string): Generator<string> {
  yield join(dir, `${stem}.json`);
  for (let n = 2; n < 100_000; n++) yield join(dir, `${stem}-${n}.json`);
}

/**
 * Scores a finished drill and writes its results file atomically into the results folder.
 * Returns the file's path and the document written. Never overwrites an existing file.
 */
export function saveDrillResults(options: SaveDrillResultsOptions): {
  file: string;
  results: Results;
} {
  const rubric =
    options.rubric ??
    loadRubricFor(
      options.scenario.model,
      options.architecture.model,
      options.scoringDir ?? resolve('scoring'),
    );
  const savedAt = options.savedAt.toISOString();
  const results = buildResults({
    architecture: options.architecture,
    scenario: options.scenario,
    rubric,
    seed: options.seed,
    actions: options.actions,
    result: options.result,
    ...(options.trainee !== undefined ? { trainee: options.trainee } : {}),
    ...(options.team !== undefined ? { team: options.team } : {}),
    ...(options.members !== undefined ? { members: options.members } : {}),
    ...(options.code !== undefined ? { code: options.code } : {}),
    savedAt,
  });
  const dir = resolve(options.resultsDir ?? 'results');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new FileWriteError(dir, undefined, (error as NodeJS.ErrnoException).code);
  }
  const stem = fileStem(results, savedAt);
  // The name is claimed by link(), which fails if it exists: two drills saving at the same
  // second both keep their file (no check-then-rename window).
  const out = new AtomicFile(join(dir, `${stem}.json`));
  out.write(`${safeJson(results, 2)}\n`);
  const file = out.commitUnderFreeName(candidateNames(dir, stem));
  return { file, results };
}
