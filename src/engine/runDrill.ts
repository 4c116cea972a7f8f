import type { ActionLogEntry, Architecture, Scenario } from '../model/index.js';
import { Drill } from './drill.js';
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
  const drill = new Drill(architecture, scenario, seed);
  const ordered = actions
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index);
  for (const { entry } of ordered) {
    if (drill.isEnded) break;
    drill.advanceTo(entry.at);
    const { at: _at, ...request } = entry;
    drill.act(request);
  }
  drill.runToEnd();
  return { seed: drill.seed, trace: drill.trace, outcome: drill.outcome, context: drill.context };
}
