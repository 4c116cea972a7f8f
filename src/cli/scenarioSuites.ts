import { existsSync } from 'node:fs';
import type { LocatedTest } from '../authoring/index.js';
import {
  checkScenarioFile,
  checkScenarioTestsFile,
  type Architecture,
  type Diagnostic,
  type Scenario,
} from '../model/index.js';
import { TESTS_FILE_SUFFIX } from './paths.js';
import { scenarioOfTestsFile, siblingTestsFile } from './scenarioFiles.js';

/** A scenario with every test written for it: its own `tests:` and its tests file, if any. */
export interface ScenarioSuite {
  file: string;
  scenario?: Scenario;
  tests: LocatedTest[];
  /** Problems that keep tests from running (an invalid scenario or tests file). */
  diagnostics: Diagnostic[];
}

/**
 * Loads the suites for scenario files and tests files. `ttx test` and `npm test` both go through
 * here, so what the CLI reports is what the test suite checks.
 */
export function collectSuites(
  files: readonly string[],
  architecture: Architecture,
): ScenarioSuite[] {
  const byScenario = new Map<string, string[]>();
  for (const file of files) {
    const scenarioFile = TESTS_FILE_SUFFIX.test(file) ? scenarioOfTestsFile(file) : file;
    const testsFiles = byScenario.get(scenarioFile) ?? [];
    const extra = TESTS_FILE_SUFFIX.test(file) ? file : siblingTestsFile(file);
    if (extra && !testsFiles.includes(extra)) testsFiles.push(extra);
    byScenario.set(scenarioFile, testsFiles);
  }
  return [...byScenario].map(([file, testsFiles]) => {
    if (!existsSync(file)) {
      return {
        file,
        tests: [],
        diagnostics: testsFiles.map((tf) => ({
          file: tf,
          line: 1,
          column: 1,
          severity: 'error' as const,
          code: 'no-scenario',
          message: `no scenario ${file} beside the tests file`,
          expected: 'a tests file named <scenario id>.tests.yaml next to <scenario id>.yaml',
        })),
      };
    }
    const checked = checkScenarioFile(file, architecture);
    const scenario = checked.loaded?.model;
    if (!scenario) return { file, tests: [], diagnostics: checked.diagnostics };
    const tests: LocatedTest[] = scenario.tests.map((test) => ({ test, file }));
    const diagnostics: Diagnostic[] = [];
    for (const testsFile of testsFiles) {
      const extra = checkScenarioTestsFile(testsFile, architecture, scenario);
      diagnostics.push(...extra.diagnostics);
      for (const test of extra.loaded?.model.tests ?? []) tests.push({ test, file: testsFile });
    }
    return { file, scenario, tests, diagnostics };
  });
}
