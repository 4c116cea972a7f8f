import { runDrill, type DrillResult } from '../engine/index.js';
import type { ActionLogEntry, Architecture, Scenario } from '../model/index.js';

/**
 * The action log a trace records, in trace order: every action started, at its time, and every
 * instant one (declare-severity, note: done without a start). Rejected requests change nothing
 * and are left out, and so is `end`: the projection is the drill as if nobody had stopped it.
 */
export function actionLogOf(result: DrillResult): ActionLogEntry[] {
  const started = new Set<number>();
  const log: ActionLogEntry[] = [];
  for (const e of result.trace) {
    if (e.type === 'action.started') started.add(e.seq);
    const instant = e.type === 'action.done' && !started.has(e.seq);
    if ((e.type === 'action.started' || instant) && e.request.do !== 'end')
      log.push({ at: e.t, ...e.request } as ActionLogEntry);
  }
  return log;
}

/**
 * What would have happened: a drill that ended before its time limit (`end`, the last plan step,
 * quitting) is replayed headless to the limit with the same actions and nothing more, so the
 * defences stay frozen as they were and the attacker goes on. The engine is deterministic: the
 * replay is the drill up to its end, then its future. A drill that ran to its limit is itself.
 */
export function projectToTimeLimit(
  architecture: Architecture,
  scenario: Scenario,
  result: DrillResult,
): DrillResult {
  if (result.outcome.endReason === 'time-limit') return result;
  return runDrill(architecture, runToTheLimit(scenario), result.seed, actionLogOf(result));
}

const toTheLimit = new WeakMap<Scenario, Scenario>();

/**
 * The scenario ending only at its time limit: one object per scenario, so the engine's compiled
 * machine for it is built once (a simulation projects thousands of drills).
 */
export function runToTheLimit(scenario: Scenario): Scenario {
  let projected = toTheLimit.get(scenario);
  if (!projected) {
    const limit = scenario.end.time_limit;
    projected = { ...scenario, end: { ...scenario.end, when: { after: limit } } };
    toTheLimit.set(scenario, projected);
  }
  return projected;
}
