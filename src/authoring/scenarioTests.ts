import { checkExpectations, runDrill, type DrillResult } from '../engine/index.js';
import type { Architecture, Scenario, ScenarioTest } from '../model/index.js';

/** A scenario test and the file it was written in (the scenario, or a tests file beside it). */
export interface LocatedTest {
  test: ScenarioTest;
  file: string;
}

export interface TestOutcome {
  scenario: string;
  test: string;
  file: string;
  passed: boolean;
  failures: string[];
  /** Checks that could not be made (e.g. a score range without a scorer). */
  notes: string[];
}

/** Scores a finished drill 0..100; provided by the scoring layer once it exists. */
export type Scorer = (scenario: Scenario, result: DrillResult) => number;

/** Plays one test's action script with its seed and compares the result with its `expect`. */
export function runScenarioTest(
  architecture: Architecture,
  scenario: Scenario,
  located: LocatedTest,
  scorer?: Scorer,
): TestOutcome {
  const { test, file } = located;
  const result = runDrill(architecture, scenario, test.seed ?? 1, test.actions);
  const failures = checkExpectations(test.expect, result);
  const notes: string[] = [];
  const range = test.expect.score;
  if (range) {
    if (scorer) {
      const score = scorer(scenario, result);
      if (score < range.min || score > range.max)
        failures.push(`expected a score in [${range.min}, ${range.max}], got ${score}`);
    } else {
      notes.push(`score range [${range.min}, ${range.max}] not checked: no scorer available`);
    }
  }
  return {
    scenario: scenario.id,
    test: test.id,
    file,
    passed: failures.length === 0,
    failures,
    notes,
  };
}

/** The closing line every runner understands: `N passed, N failed`. */
export function summaryLine(outcomes: readonly TestOutcome[]): string {
  const passed = outcomes.filter((o) => o.passed).length;
  return `${passed} passed, ${outcomes.length - passed} failed`;
}
