import { runDrill } from '../engine/index.js';
import {
  PLAN_ACTION_PREFIX,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
} from '../model/index.js';
import { bestPolicy } from './bestPolicy.js';
import { DEFENSIVE_KINDS } from '../scoring/explain.js';
import type { Scorer, TestOutcome } from './scenarioTests.js';

/** A way to play a scenario that the score must rank: the model answer wins, every shortcut loses. */
export interface Gate {
  id: string;
  description: string;
  actions: (architecture: Architecture, scenario: Scenario, seed: number) => ActionLogEntry[];
  /** Score bounds, inclusive. */
  min?: number;
  max?: number;
  /** The model answer must also contain the attack (a false positive: close it correctly). */
  contained?: boolean;
}

function lockEverythingDown(_a: Architecture, scenario: Scenario): ActionLogEntry[] {
  return scenario.actions.flatMap((action) => {
    if (!DEFENSIVE_KINDS.has(action.kind ?? action.id)) return [];
    const targets = action.targets.length ? action.targets : [undefined];
    return targets.map((target) => ({ at: 0, do: action.id, ...(target ? { target } : {}) }));
  }) as ActionLogEntry[];
}

/** The gates every scenario must pass, without a test written for it (issue 12). */
export const GATES: readonly Gate[] = [
  {
    id: 'model-answer',
    description: 'the model answer (--autopilot best) scores at least 85 and contains',
    actions: (a, s, seed) => bestPolicy(a, s, seed),
    min: 85,
    contained: true,
  },
  { id: 'no-response', description: 'no response scores at most 25', actions: () => [], max: 25 },
  {
    id: 'end-at-1m',
    description: 'ending the drill at T+1m scores at most 25',
    actions: () => [{ at: 60_000, do: 'end' } as ActionLogEntry],
    max: 25,
  },
  {
    id: 'tick-every-step',
    description: 'ticking every plan step at T+0 scores at most 40',
    actions: (a) =>
      a.emergency_plan.map(
        (s) => ({ at: 0, do: `${PLAN_ACTION_PREFIX}${s.id}` }) as ActionLogEntry,
      ),
    max: 40,
  },
  {
    id: 'lock-everything-down',
    description: 'locking everything down at T+0 scores at most 50',
    actions: lockEverythingDown,
    max: 50,
  },
];

/** Seeds the gates are checked on: a spread, so a gate does not pass by one lucky timing. */
export const GATE_SEEDS = [1, 7, 42];

/**
 * Plays every gate on `scenario` for each seed and reports, per gate, whether it held and, if
 * not, on which seed with what score.
 */
export function runGates(
  architecture: Architecture,
  scenario: Scenario,
  scorer: Scorer,
  file: string,
  seeds: readonly number[] = GATE_SEEDS,
): TestOutcome[] {
  return GATES.map((gate) => {
    const failures: string[] = [];
    for (const seed of seeds) {
      const result = runDrill(
        architecture,
        scenario,
        seed,
        gate.actions(architecture, scenario, seed),
      );
      const total = scorer(scenario, result);
      if (gate.min !== undefined && total < gate.min)
        failures.push(`seed ${seed}: score ${total} is below ${gate.min}`);
      if (gate.max !== undefined && total > gate.max)
        failures.push(`seed ${seed}: score ${total} is above ${gate.max}`);
      if (gate.contained && !result.outcome.contained) failures.push(`seed ${seed}: not contained`);
    }
    return {
      scenario: scenario.id,
      test: `gate:${gate.id}`,
      file,
      passed: failures.length === 0,
      failures: failures.map((f) => `${gate.description}: ${f}`),
      notes: [],
    };
  });
}
