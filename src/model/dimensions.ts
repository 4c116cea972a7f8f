/** The scoring dimensions, in the order reports show them (each has a rubric section). */
export const DIMENSION_IDS = [
  'time-to-detect',
  'time-to-escalate',
  'time-to-contain',
  'escalation',
  'impact',
  'plan',
  'evidence',
  'severity',
  'investigation',
  'recovery',
  'notification',
] as const;

export type DimensionIdName = (typeof DIMENSION_IDS)[number];
