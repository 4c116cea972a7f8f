import { readFileSync, statSync } from 'node:fs';
import { encodeDrillCode, MAX_CODE_SEED, type DrillResult } from '../engine/index.js';
import {
  stripControl,
  type ActionLogEntry,
  type Architecture,
  type Loaded,
  type Rubric,
  type Scenario,
} from '../model/index.js';
import { scoreDrill } from '../scoring/index.js';
import { resultsDigest } from './canonicalJson.js';
import { decisionLog, evaluatorRatings } from './decisions.js';
import { RESULTS_FORMAT, resultsSchema, type Results } from './resultsSchema.js';

export interface ResultsInputs {
  architecture: Loaded<Architecture>;
  scenario: Loaded<Scenario>;
  rubric: Loaded<Rubric>;
  seed: string;
  actions: readonly ActionLogEntry[];
  result: DrillResult;
  trainee?: string;
  team?: string;
  /** The team's members and roles. */
  members?: ReadonlyArray<{ name: string; role: string }>;
  /** The drill code; derived from the scenario and seed when the seed is a code's seed. */
  code?: string;
  /** Wall-clock ISO time, given by the shell (the core has no clock). */
  savedAt?: string;
}

const ref = <T extends { id: string; title?: string }>(loaded: Loaded<T>) => ({
  id: loaded.model.id,
  ...(loaded.model.title !== undefined ? { title: loaded.model.title } : {}),
  sha256: loaded.sha256,
});

/** The drill code of (scenario, seed) when the seed is one a code can hold (an integer 0..MAX). */
export function drillCodeFor(scenarioId: string, seed: string): string | undefined {
  if (!/^(0|[1-9][0-9]{0,6})$/.test(seed) || Number(seed) > MAX_CODE_SEED) return undefined;
  try {
    return encodeDrillCode(scenarioId, Number(seed));
  } catch {
    return undefined;
  }
}

/** The results document of a finished drill, scored with the rubric. Deterministic without `savedAt`. */
export function buildResults(inputs: ResultsInputs): Results {
  const { result } = inputs;
  const score = scoreDrill({
    architecture: inputs.architecture.model,
    scenario: inputs.scenario.model,
    rubric: inputs.rubric.model,
    result,
  });
  const name = (value: string | undefined) =>
    value === undefined ? undefined : stripControl(value).trim().slice(0, 200) || undefined;
  const trainee = name(inputs.trainee);
  const team = name(inputs.team);
  const members = (inputs.members ?? []).map((m) => ({
    name: name(m.name) ?? '?',
    role: name(m.role) ?? '-',
  }));
  const code = inputs.code ?? drillCodeFor(inputs.scenario.model.id, result.seed);
  const byText = (kind: string) =>
    inputs.actions
      .filter((a) => a.do === kind && a.text !== undefined)
      .map((a) => ({ at: a.at, text: a.text!, ...(a.by !== undefined ? { by: a.by } : {}) }));
  const observations = byText('facilitator.observe');
  const decisions = decisionLog(inputs.scenario.model, result.trace);
  const evaluations = evaluatorRatings(result.trace);
  const doc: Results = {
    format: RESULTS_FORMAT,
    ...(inputs.savedAt !== undefined ? { savedAt: inputs.savedAt } : {}),
    scenario: ref(inputs.scenario),
    architecture: ref(inputs.architecture),
    rubric: ref(inputs.rubric),
    seed: result.seed,
    ...(code ? { code } : {}),
    participants: {
      ...(trainee ? { trainee } : {}),
      ...(team ? { team } : {}),
      ...(members.length ? { members } : {}),
    },
    actions: inputs.actions.map((a) => ({ ...a })),
    notes: byText('note'),
    ...(observations.length ? { observations } : {}),
    ...(decisions.length ? { decisions } : {}),
    ...(evaluations.length ? { evaluations } : {}),
    summary: {
      entries: result.trace.length,
      injectsFired: result.trace.filter((e) => e.type === 'inject.fired').length,
      actionsDone: result.trace.filter((e) => e.type === 'action.done').length,
      actionsRejected: result.trace.filter((e) => e.type === 'action.rejected').length,
      startTime: inputs.scenario.model.start_time,
    },
    trace: [...result.trace],
    outcome: result.outcome,
    score,
  };
  return { ...doc, digest: resultsDigest(doc) };
}

/** A results file that cannot be used; the message names the file and the problem. */
export class ResultsFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${stripControl(file)}: ${problem}`);
    this.name = 'ResultsFileError';
  }
}

/** Results files are small; anything far larger is not one of ours. */
export const MAX_RESULTS_BYTES = 32 * 1024 * 1024;

/** Reads and validates a results file, or throws a ResultsFileError that says what is wrong. */
export function readResultsFile(file: string): Results {
  let text: string;
  try {
    if (file.includes('\u0000')) throw new ResultsFileError(file, 'the path contains a NUL byte');
    const stats = statSync(file);
    if (!stats.isFile()) throw new ResultsFileError(file, 'not a regular file');
    if (stats.size > MAX_RESULTS_BYTES)
      throw new ResultsFileError(file, `${stats.size} bytes is too large for a results file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ResultsFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ResultsFileError(
      file,
      code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'unknown error'})`,
    );
  }
  return parseResultsText(file, text);
}

export function parseResultsText(file: string, text: string): Results {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? stripControl(error.message) : 'invalid JSON';
    throw new ResultsFileError(
      file,
      `not valid JSON (${detail}); the file is damaged or not a ttx results file`,
    );
  }
  const format =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>).format
      : undefined;
  if (format !== RESULTS_FORMAT) {
    const got =
      typeof format === 'string'
        ? `format "${stripControl(format).slice(0, 60)}"`
        : 'no "format" field';
    throw new ResultsFileError(
      file,
      `not a ttx results file: ${got} (expected "${RESULTS_FORMAT}")${
        typeof format === 'string' && format.startsWith('ttx-results/')
          ? '; it was written by another version of ttx'
          : ''
      }`,
    );
  }
  const parsed = resultsSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => {
      const at = issue.path.length ? issue.path.join('.') : '(top level)';
      return `${stripControl(at)}: ${stripControl(issue.message)}`;
    });
    const more =
      parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    throw new ResultsFileError(file, `damaged results file: ${issues.join('; ')}${more}`);
  }
  return parsed.data;
}
