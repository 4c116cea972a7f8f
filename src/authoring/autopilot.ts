import { RngStreams, type Seed } from '../engine/index.js';
import { bestPolicy } from './bestPolicy.js';
import {
  PLAN_ACTION_PREFIX,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
} from '../model/index.js';

export type AutopilotMode = 'best' | 'none' | 'random';
export const AUTOPILOT_MODES: readonly AutopilotMode[] = ['best', 'none', 'random'];

/**
 * A timed action script played without a person, so an author can see what a scenario does
 * before a workshop. Pure: (architecture, scenario, seed, mode) -> action log.
 *
 * - `none`: nobody reacts.
 * - `best`: the model answer, a reactive policy that sees only what a trainee sees (bestPolicy).
 * - `random`: 6 to 15 random actions at random times, from a named seeded stream.
 */
export function autopilotActions(
  architecture: Architecture,
  scenario: Scenario,
  seed: Seed,
  mode: AutopilotMode,
): ActionLogEntry[] {
  switch (mode) {
    case 'none':
      return [];
    case 'best':
      return bestPolicy(architecture, scenario, seed);
    case 'random':
      return randomResponse(architecture, scenario, seed);
  }
}

function randomResponse(
  architecture: Architecture,
  scenario: Scenario,
  seed: Seed,
): ActionLogEntry[] {
  const next = new RngStreams(seed).stream('autopilot-random');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const choices: Array<() => Omit<ActionLogEntry, 'at'>> = [
    ...architecture.emergency_plan.map((step) => () => ({ do: `${PLAN_ACTION_PREFIX}${step.id}` })),
    () => ({
      do: 'escalate',
      contact: pick(architecture.contacts).id,
      channel: pick(architecture.channels).id,
    }),
    () => ({ do: 'declare-severity', severity: pick(architecture.severities).id }),
    ...scenario.actions.map(
      (action) => () =>
        action.targets.length ? { do: action.id, target: pick(action.targets) } : { do: action.id },
    ),
  ];
  const count = 6 + Math.floor(next() * 10);
  const limitSeconds = Math.floor(scenario.end.time_limit / 1000);
  const entries: ActionLogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * limitSeconds) * 1000;
    entries.push({ at, ...pick(choices)() } as ActionLogEntry);
  }
  return entries.sort((a, b) => a.at - b.at);
}
