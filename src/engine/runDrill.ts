import type { ActionLogEntry, Architecture, Scenario } from '../model/index.js';
import { replayDrill } from './replay.js';
import type { Seed } from './rng.js';
import type { DrillContext, DrillOutcome, TraceEntry } from './types.js';

export interface DrillResult {
  seed: string;
  trace: readonly TraceEntry[];
  outcome: DrillOutcome;
  context: DrillContext;
}

/**
 * The engine as a pure function: (architecture, scenario, seed, timed action log) -> result.
 * Actions are taken in `at` order (stable for equal times); timers due at or before an action's
 * time fire first. The drill then runs to its end.
 */
export function runDrill(
  architecture: Architecture,
  scenario: Scenario,
  seed: Seed,
  actions: readonly ActionLogEntry[],
): DrillResult {
  const drill = replayDrill(architecture, scenario, seed, actions);
  drill.runToEnd();
  return { seed: drill.seed, trace: drill.trace, outcome: drill.outcome, context: drill.context };
}
