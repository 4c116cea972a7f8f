import type { DimensionId, SimMs } from '../model/index.js';
import type { TraceType } from '../engine/index.js';

/** A trace entry a finding rests on: its index in the drill's trace and its simulated time. */
export interface EventRef {
  index: number;
  t: SimMs;
  type: TraceType;
}

/** One reason a dimension earned or lost points. */
export interface Finding {
  /** Stable machine-readable code, e.g. `escalation.missing`. */
  code: string;
  /** Signed points this finding moved the dimension by (0 for a plain observation). */
  points: number;
  text: string;
  /** Simulated time the finding is about (the trace events' time, or a deadline). */
  t?: SimMs;
  events: EventRef[];
  /** What to do about it (only on findings that cost points). */
  recommendation?: string;
}

export interface DimensionScore {
  id: DimensionId;
  title: string;
  /** Points available in the total (weights normalised to 100). */
  max: number;
  points: number;
  /** points / max, 0..1 (1 when max is 0). */
  share: number;
  findings: Finding[];
}

export type HseepRating = 'P' | 'S' | 'M' | 'U';

export const HSEEP_LABELS: Record<HseepRating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

export interface ObjectiveRating {
  id: string;
  description: string;
  rating: HseepRating;
  share: number;
  /** The dimensions the rating was taken from (empty: rated on the total). */
  dimensions: DimensionId[];
}

/** One row of an HSEEP improvement plan; owners and dates are left for the review to fill in. */
export interface ImprovementRow {
  objective: string;
  capability: string;
  issue: string;
  correctiveAction: string;
  capabilityElement: 'Planning' | 'Organization' | 'Equipment' | 'Training' | 'Exercise';
  responsibleOrg: string;
  poc: string;
  start: string;
  completion: string;
}

/** The raw measures reports aggregate across drills. */
export interface Measures {
  /** First malicious event -> confirm step done. */
  timeToDetect?: SimMs;
  /** First malicious event -> first escalation the matrix required. */
  timeToEscalate?: SimMs;
  /** First malicious event -> contained. */
  timeToContain?: SimMs;
  /** Required escalations made on time through an accepted channel / (required + needless). */
  escalationAccuracy?: number;
  revenueLost: number;
  /** Plan steps that were expected at the severity reached and not done. */
  missedSteps: string[];
  /** The highest incident severity reached (the targets were taken at it). */
  severity: string;
}

export interface Score {
  rubric: string;
  /** 0..100, one decimal. */
  total: number;
  grade: string;
  dimensions: DimensionScore[];
  objectives: ObjectiveRating[];
  strengths: string[];
  areasForImprovement: string[];
  improvementPlan: ImprovementRow[];
  measures: Measures;
}
