import type { Finding } from './types.js';

/** A finding while its dimension is scored: `delta` is a share (-1..1) of the dimension. */
export type DraftFinding = Omit<Finding, 'points'> & { delta: number };

/** Full credit at or under the target, none at or over the limit, linear in between. */
export function timeCredit(elapsed: number, target: { target: number; limit: number }): number {
  if (elapsed <= target.target) return 1;
  if (elapsed >= target.limit) return 0;
  return (target.limit - elapsed) / (target.limit - target.target);
}
