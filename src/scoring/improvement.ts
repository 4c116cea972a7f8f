import type { DimensionId, Rubric } from '../model/index.js';
import type { DimensionScore, ImprovementRow, ObjectiveRating } from './types.js';

/** The HSEEP capability element each dimension's shortfalls usually belong to. */
const ELEMENT: Record<DimensionId, ImprovementRow['capabilityElement']> = {
  'time-to-detect': 'Training',
  'time-to-escalate': 'Planning',
  'time-to-contain': 'Training',
  escalation: 'Planning',
  impact: 'Planning',
  plan: 'Planning',
  evidence: 'Equipment',
  severity: 'Training',
  investigation: 'Training',
  recovery: 'Planning',
  notification: 'Planning',
};

/**
 * Strengths are what earned points in dimensions at or above `strength_at`; areas for
 * improvement are what cost points in dimensions below `improve_below`, and each becomes an
 * improvement-plan row (owners and dates left for the review).
 */
export function improvementOf(
  rubric: Rubric,
  dimensions: DimensionScore[],
  objectives: ObjectiveRating[],
): { strengths: string[]; areasForImprovement: string[]; improvementPlan: ImprovementRow[] } {
  const strengths: string[] = [];
  const areasForImprovement: string[] = [];
  const improvementPlan: ImprovementRow[] = [];
  for (const d of dimensions) {
    if (!d.evaluated || d.max === 0) continue;
    if (d.share >= rubric.strength_at) {
      for (const f of d.findings)
        if (f.points > 0 || f.code === 'expected.met') strengths.push(`${d.title}: ${f.text}`);
    } else if (d.share < rubric.improve_below) {
      const objective = objectives
        .filter((o) => o.dimensions.includes(d.id))
        .map((o) => o.id)
        .join(', ');
      for (const f of d.findings) {
        if (!f.recommendation) continue;
        areasForImprovement.push(`${d.title}: ${f.text}`);
        improvementPlan.push({
          objective,
          capability: d.title,
          issue: f.text,
          correctiveAction: f.recommendation,
          capabilityElement: ELEMENT[d.id],
          responsibleOrg: '',
          poc: '',
          start: '',
          completion: '',
        });
      }
    }
  }
  return { strengths, areasForImprovement, improvementPlan };
}
