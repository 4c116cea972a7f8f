export { DIMENSION_TITLES, scoreDrill } from './scoreDrill.js';
export type { ScoreInputs } from './scoreDrill.js';
export { HSEEP_LABELS } from './types.js';
export type {
  DimensionScore,
  EventRef,
  Finding,
  HseepRating,
  ImprovementRow,
  Measures,
  ObjectiveRating,
  Score,
} from './types.js';
