import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../model/index.js';
import { CliError } from './exitCodes.js';

export { packageRoot };

export const DEFAULT_SCENARIO_ID = 'fe-bash-rce';

export function defaultArchitecturePath(): string {
  return join(packageRoot(), 'architecture.yaml');
}

/** The shipped rubrics (scoring/*.yaml). */
export function scoringDir(): string {
  return join(packageRoot(), 'scoring');
}

export function builtInScenarioDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** A scenario argument is a path, or the id of a scenario under scenarios/. */
export function resolveScenarioPath(arg: string | undefined): string {
  const given = arg ?? DEFAULT_SCENARIO_ID;
  if (given.includes('\u0000')) throw new CliError('the scenario path contains a NUL byte');
  if (existsSync(given)) return resolve(given);
  refuseLinkLoop(given);
  const builtIn = join(builtInScenarioDir(), `${given}.yaml`);
  if (/^[A-Za-z0-9_.-]+$/.test(given) && existsSync(builtIn)) return builtIn;
  const known = listScenarioFiles().map((file) => file.replace(/^.*\//, '').replace(/\.yaml$/, ''));
  throw new CliError(
    `no scenario "${given}": not a file, and not one of the built-in scenarios (${known.join(', ')})`,
  );
}

/** A path that exists as a link but whose target never resolves: say so, not "no such file". */
export function refuseLinkLoop(path: string): void {
  try {
    lstatSync(path);
  } catch {
    return; // not there at all
  }
  try {
    statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ELOOP'
        ? `${path}: a symbolic link loop (the link leads back to itself); point it at a real file`
        : `${path}: a symbolic link to nothing (${code ?? 'unknown error'}); point it at a real file`,
    );
  }
}

/** The scenario files of a folder the user named; a folder without any is an error. */
export function scenarioFilesIn(dir: string): string[] {
  const files = listScenarioFiles(dir);
  if (files.length === 0)
    throw new CliError(`${dir}: no scenario files (*.yaml) in this folder; nothing to check`);
  return files;
}

/** Tests kept beside a scenario: `<id>.tests.yaml`. */
export const TESTS_FILE_SUFFIX = /\.tests\.ya?ml$/;

/**
 * Scenario files shipped in scenarios/ (top level only; scripts live in subfolders, tests files
 * beside their scenario are not scenarios).
 */
export function listScenarioFiles(dir = builtInScenarioDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !TESTS_FILE_SUFFIX.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export function builtInRuleDir(): string {
  return join(packageRoot(), 'rules');
}

/** Detection rule files shipped in rules/ (one rule per file). */
export function listRuleFiles(dir = builtInRuleDir()): string[] {
  return listScenarioFiles(dir);
}
