import { DIMENSION_IDS, type Rubric, type Scenario } from '../model/index.js';
import type { DimensionScore, HseepRating, ObjectiveRating } from './types.js';

/** The grade of the best band whose minimum the total reaches (the last band otherwise). */
export function gradeOf(rubric: Rubric, total: number): string {
  const bands = [...rubric.grades].sort((a, b) => b.min - a.min);
  return (bands.find((b) => total >= b.min) ?? bands[bands.length - 1]!).grade;
}

export function ratingOf(rubric: Rubric, share: number): HseepRating {
  if (share >= rubric.ratings.P) return 'P';
  if (share >= rubric.ratings.S) return 'S';
  if (share >= rubric.ratings.M) return 'M';
  return 'U';
}

/**
 * HSEEP P/S/M/U per learning objective of the scenario, computed from the share of points earned
 * in the evaluated dimensions that measure it: the objective's own `dimensions`, else the rubric's
 * mapping (`objectives:` on a dimension). An objective no evaluated dimension measures is N/E
 * (`ttx lint` reports objectives no dimension measures at all).
 */
export function rateObjectives(
  scenario: Scenario,
  rubric: Rubric,
  dimensions: DimensionScore[],
): ObjectiveRating[] {
  return scenario.objectives.map((objective) => {
    const mapped = dimensions.filter(
      (d) =>
        d.evaluated &&
        (objective.dimensions
          ? objective.dimensions.includes(d.id)
          : (rubric.dimensions[d.id]?.objectives ?? []).includes(objective.id)),
    );
    const max = mapped.reduce((sum, d) => sum + d.max, 0);
    const share = max > 0 ? mapped.reduce((sum, d) => sum + d.points, 0) / max : 0;
    return {
      id: objective.id,
      description: objective.description,
      rating: max > 0 ? ratingOf(rubric, share) : 'N/E',
      share: Math.round(share * 10000) / 10000,
      dimensions: DIMENSION_IDS.filter((id) => mapped.some((d) => d.id === id)),
    };
  });
}
