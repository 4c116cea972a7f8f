/** The evaluator's ratings (HSEEP), and "not evaluated". */
export const RATINGS = ['P', 'S', 'M', 'U', 'NE'] as const;
export type Rating = (typeof RATINGS)[number];

/** An exercise objective an evaluator can rate. */
export interface RatableObjective {
  id: string;
  description: string;
}

/** A decision point whose inject has fired and that the team has not decided yet. */
export interface OpenDecision {
  id: string;
  question: string;
  options: Array<{ id: string; label: string }>;
}
