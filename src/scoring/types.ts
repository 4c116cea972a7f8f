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
  /** points / max, 0..1 (1 when max is 0; 0 when not evaluated). */
  share: number;
  /** False when the drill never exercised it: it is left out of the total and rated N/E. */
  evaluated: boolean;
  findings: Finding[];
}

/** HSEEP ratings, computed from points; N/E: the drill never exercised the objective. */
export type HseepRating = 'P' | 'S' | 'M' | 'U' | 'N/E';

export const HSEEP_LABELS: Record<HseepRating, string> = {
  P: 'Performed without challenges (computed)',
  S: 'Performed with some challenges (computed)',
  M: 'Performed with major challenges (computed)',
  U: 'Unable to be performed (computed)',
  'N/E': 'Not evaluated: the drill never exercised it',
};

export interface ObjectiveRating {
  id: string;
  description: string;
  rating: HseepRating;
  /** 0..1 over the evaluated dimensions (0 when not evaluated). */
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

/** What the attacker would have reached had a drill that ended early run to its time limit. */
export interface Projection {
  /** When the drill really ended, and why. */
  endedAt: SimMs;
  endReason: string;
  /** Attacker states reached only after the drill ended. */
  attackerWouldReach: string[];
  dataWouldReach: string[];
  /** Whether it is contained at the time limit (defences frozen as they were). */
  contained: boolean;
}

export interface Score {
  rubric: string;
  /** 0..100, one decimal, over the evaluated dimensions (0 when nothing was evaluated). */
  total: number;
  grade: string;
  /** False when no dimension was evaluated: such a drill is not a pass. */
  evaluated: boolean;
  /** Present when the drill ended early: it was scored as if run to its time limit. */
  projection?: Projection;
  dimensions: DimensionScore[];
  objectives: ObjectiveRating[];
  strengths: string[];
  areasForImprovement: string[];
  improvementPlan: ImprovementRow[];
  measures: Measures;
}
