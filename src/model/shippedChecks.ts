import { readFileSync } from 'node:fs';

/*
 * The shipped files, checked when the bundle was built (decision 1030): scripts/build.mjs has the
 * bundle check architecture.yaml, the evidence templates, the detection rules and the scenarios,
 * and writes each clean model to dist/shipped-checks.json. Before it, the picker's first frame
 * waited on parsing and checking architecture.yaml and the rules (a third of its CPU), and the
 * list of scenarios on checking every template and scenario again.
 *
 * A model is found only by the exact bytes it was made from (and those of what it was checked
 * against, and its file name): an edited file, another architecture, a scenario checked against
 * overrides, or a run from src/ (no such file beside the module) is checked as always. Only
 * checks that said nothing at all are kept, so no warning is ever lost.
 */

/** The key of a check: its kind, the file's name and bytes, and what it was checked against. */
export function shippedCheckKey(
  kind: 'architecture' | 'evidence' | 'rule' | 'scenario',
  file: string,
  sha256: string,
  against: readonly string[] = [],
): string {
  // Stryker disable next-line Regex: a greedy .* from the start either way
  const name = file.replace(/^.*[\\/]/, '');
  return [kind, name, sha256, ...against].join(':');
}

export const SHIPPED_CHECKS_FILE = 'shipped-checks.json';
const FORMAT = 'ttx-shipped-checks/1';

export interface ShippedChecksTable {
  format: typeof FORMAT;
  models: Record<string, unknown>;
}

let table: ReadonlyMap<string, unknown> | null | undefined;

/** The model the build made from these bytes, if it made one. */
export function shippedModel(key: string): unknown {
  // Beside the bundle's chunks in dist/; under src/ there is none, and every file is checked.
  if (table === undefined)
    table = readShippedChecks(new URL(`./${SHIPPED_CHECKS_FILE}`, import.meta.url));
  return table?.get(key);
}

/** A table of shipped checks from `file`: null when there is none, or it is not one. */
export function readShippedChecks(file: URL | string): ReadonlyMap<string, unknown> | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShippedChecksTable>;
    if (parsed.format !== FORMAT || typeof parsed.models !== 'object' || !parsed.models)
      return null;
    return new Map(Object.entries(parsed.models));
  } catch {
    return null;
  }
}

let recorder: ((key: string, model: unknown) => void) | undefined;

/** While `record` runs, every clean check made (not found) is handed to `keep`: the build's writer. */
export function recordShippedChecks(
  keep: (key: string, model: unknown) => void,
  record: () => void,
) {
  const before = recorder;
  recorder = keep;
  try {
    record();
  } finally {
    recorder = before;
  }
}

/** Hands a clean check to the recorder, if one listens. */
export function offerShippedCheck(key: string, model: unknown): void {
  recorder?.(key, model);
}

/** Tests: forget the table read, or use this one instead (null: none). */
export function useShippedChecksTable(models: Record<string, unknown> | null | undefined): void {
  table =
    models === undefined ? undefined : models === null ? null : new Map(Object.entries(models));
}
