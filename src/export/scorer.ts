import type { DrillResult } from '../engine/index.js';
import type { Architecture, Rubric, Scenario } from '../model/index.js';
import { scoreDrill } from '../scoring/index.js';
import { loadRubricFor } from './saveResults.js';

/**
 * Scores drills of any scenario with its own rubric (or the default), loading each rubric once.
 * Used by `ttx test` and the playthrough tests to check `expect.score` ranges.
 */
export function makeScorer(
  architecture: Architecture,
  scoringDir: string,
): (scenario: Scenario, result: DrillResult) => number {
  const rubrics = new Map<string, Rubric>();
  return (scenario, result) => {
    const key = scenario.rubric ?? 'default';
    let rubric = rubrics.get(key);
    if (!rubric) {
      rubric = loadRubricFor(scenario, architecture, scoringDir).model;
      rubrics.set(key, rubric);
    }
    return scoreDrill({ architecture, scenario, rubric, result }).total;
  };
}
