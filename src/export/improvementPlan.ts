import type { Results } from './resultsSchema.js';

/** The HSEEP improvement-plan columns, in the order every report shows them. */
export const IMPROVEMENT_PLAN_COLUMNS = [
  'Objective',
  'Capability',
  'Issue / area for improvement',
  'Corrective action',
  'Capability element',
  'Responsible org',
  'POC',
  'Start',
  'Completion',
];

/** The improvement plan as rows of raw cells; each writer escapes them for its format. */
export function improvementPlanCells(score: Results['score']): string[][] {
  return score.improvementPlan.map((r) => [
    r.objective,
    r.capability,
    r.issue,
    r.correctiveAction,
    r.capabilityElement,
    r.responsibleOrg,
    r.poc,
    r.start,
    r.completion,
  ]);
}
