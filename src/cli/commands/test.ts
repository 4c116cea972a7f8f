import { runGates, runScenarioTest, summaryLine, type TestOutcome } from '../../authoring/index.js';
import {
  checkArchitectureFile,
  formatDiagnostic,
  orThrow,
  stripControl,
  type Diagnostic,
} from '../../model/index.js';
import { makeScorer, safeJson } from '../../export/index.js';
import { defaultArchitecturePath, scoringDir } from '../paths.js';
import { expandScenarioPaths } from '../scenarioFiles.js';
import { collectSuites } from '../scenarioSuites.js';

export interface TestOptions {
  architecture?: string;
  json?: boolean;
  /** false with --no-gates: only the scenarios' own tests. */
  gates?: boolean;
}

/** `ttx test`: plays every scenario test and ends with `N passed, N failed`. Exit 1 on a failure. */
export function testCommand(
  paths: string[],
  options: TestOptions,
  out: (s: string) => void,
): number {
  const architecture = orThrow(
    checkArchitectureFile(options.architecture ?? defaultArchitecturePath()),
  ).model;
  const suites = collectSuites(expandScenarioPaths(paths), architecture);
  const scorer = makeScorer(architecture, scoringDir());
  const outcomes: TestOutcome[] = [];
  const broken: Diagnostic[] = [];
  const lines: string[] = [];
  for (const suite of suites) {
    const errors = suite.diagnostics.filter((d) => d.severity === 'error');
    for (const d of suite.diagnostics) lines.push(formatDiagnostic(d));
    if (!suite.scenario || errors.length) {
      broken.push(...errors);
      // A suite that cannot load counts as one failure, so a broken file never passes silently.
      outcomes.push({
        scenario: suite.file,
        test: '(load)',
        file: suite.file,
        passed: false,
        failures: ['the scenario or its tests file has errors'],
        notes: [],
      });
      lines.push(`FAIL ${suite.file}: cannot run its tests`);
      continue;
    }
    if (suite.tests.length === 0)
      lines.push(`--   ${suite.scenario.id}: no tests (add some under tests:)`);
    for (const located of suite.tests) {
      const outcome = runScenarioTest(architecture, suite.scenario, located, scorer);
      outcomes.push(outcome);
      lines.push(`${outcome.passed ? 'ok  ' : 'FAIL'} ${outcome.scenario}/${outcome.test}`);
      for (const failure of outcome.failures) lines.push(`       - ${stripControl(failure)}`);
      for (const note of outcome.notes) lines.push(`       note: ${note}`);
    }
    if (options.gates === false) continue;
    // The scoring gates hold for every scenario without a test written for it.
    for (const outcome of runGates(architecture, suite.scenario, scorer, suite.file)) {
      outcomes.push(outcome);
      lines.push(`${outcome.passed ? 'ok  ' : 'FAIL'} ${outcome.scenario}/${outcome.test}`);
      for (const failure of outcome.failures) lines.push(`       - ${stripControl(failure)}`);
    }
  }
  const summary = summaryLine(outcomes);
  if (options.json) {
    out(`${safeJson({ outcomes, diagnostics: broken, summary }, 2)}\n`);
  } else {
    out(`${lines.join('\n')}\n${summary}\n`);
  }
  return outcomes.every((o) => o.passed) ? 0 : 1;
}
