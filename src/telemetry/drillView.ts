import type { DrillContext, TraceEntry } from '../engine/index.js';
import type { Entry } from './entry.js';
import type { HttpConn } from './http.js';

/** The drill as the telemetry needs it: its trace and its context (attacker address, now). */
export interface DrillView {
  trace: readonly TraceEntry[];
  context: DrillContext;
  /**
   * The drill clock, when it is ahead of the last event (`context.now` is the time of the last
   * event): the attack shows in the logs up to here. A finished `runDrill` result has no clock.
   */
  now?: number;
}

/** Rendered events beside the baseline: HTTP connections (every web-tier stream) and host lines. */
export interface AttackEvents {
  conns: HttpConn[];
  /** Host-level lines by `component/source`. */
  lines: Map<string, Entry[]>;
}

/** Where the drill's logs stop: its end, or its clock. */
export function drillEnd(drill: DrillView): number {
  const ctx = drill.context;
  return ctx.ended?.at ?? Math.max(ctx.now, drill.now ?? 0);
}
