import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  listScenarioFiles,
  packageRoot,
  resolveScenarioPath,
  scenarioFilesIn,
  TESTS_FILE_SUFFIX,
} from './paths.js';

/**
 * Scenario paths as authors give them: files, folders (their scenario files), or built-in ids.
 * No paths: every shipped scenario. Tests files (`<id>.tests.yaml`) are kept as they are.
 */
export function expandScenarioPaths(paths: readonly string[]): string[] {
  if (paths.length === 0) return listScenarioFiles();
  return paths.flatMap((path) => {
    if (existsSync(path) && statSync(path).isDirectory()) return scenarioFilesIn(path);
    if (existsSync(path) || TESTS_FILE_SUFFIX.test(path)) return [resolve(path)];
    return [resolveScenarioPath(path)];
  });
}

/** The tests file beside a scenario file, if there is one. */
export function siblingTestsFile(scenarioFile: string): string | undefined {
  const base = scenarioFile.replace(/\.ya?ml$/, '');
  return [`${base}.tests.yaml`, `${base}.tests.yml`].find((f) => existsSync(f));
}

/** The scenario a tests file belongs to: `<id>.yaml` beside it. */
export function scenarioOfTestsFile(testsFile: string): string {
  return testsFile.replace(TESTS_FILE_SUFFIX, '.yaml');
}

/** The `$schema` path an editor needs in a new file written to `outFile` (or in the cwd). */
export function schemaPathFor(outFile: string | undefined, schema = 'scenario'): string {
  const from = outFile ? dirname(resolve(outFile)) : process.cwd();
  const path = relative(from, join(packageRoot(), 'schemas', `${schema}.schema.json`));
  return path.startsWith('.') ? path : `./${path}`;
}
