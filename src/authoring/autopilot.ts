import { Drill, RngStreams, type Seed } from '../engine/index.js';
import {
  PLAN_ACTION_PREFIX,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
  type SimMs,
} from '../model/index.js';

export type AutopilotMode = 'best' | 'none' | 'random';
export const AUTOPILOT_MODES: readonly AutopilotMode[] = ['best', 'none', 'random'];

/**
 * A timed action script played without a person, so an author can see what a scenario does
 * before a workshop. Pure: (architecture, scenario, seed, mode) -> action log.
 *
 * - `none`: nobody reacts.
 * - `best`: every expected response, started so that it completes at its due time (first
 *   malicious event + `within`), never before the first malicious event.
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
      return bestResponse(architecture, scenario, seed);
    case 'random':
      return randomResponse(architecture, scenario, seed);
  }
}

function bestResponse(
  architecture: Architecture,
  scenario: Scenario,
  seed: Seed,
): ActionLogEntry[] {
  // Actions cannot make the attack start earlier, so the idle drill tells when it starts.
  const drill = new Drill(architecture, scenario, seed);
  while (drill.context.firstMaliciousAt === undefined && drill.advanceToNext()) {
    /* one timer per step */
  }
  const start = drill.context.firstMaliciousAt;
  if (start === undefined) return [];
  // The address the attacker was seen from when the attack began: what a block names.
  const seenAddress = drill.context.attackerIp;
  const blocks = (action: string) =>
    scenario.actions.some((a) => a.id === action && (a.kind ?? a.id) === 'block-ip');
  const entries = scenario.expected.map((response, index) => {
    const request = {
      do: response.action,
      ...(response.target !== undefined ? { target: response.target } : {}),
      ...(blocks(response.action) ? { value: seenAddress } : {}),
      ...(response.contact !== undefined ? { contact: response.contact } : {}),
      ...(response.channel !== undefined ? { channel: response.channel } : {}),
    };
    const verdict = drill.check(request);
    const duration: SimMs = 'duration' in verdict ? verdict.duration : 0;
    const at = Math.max(start, start + response.within - duration);
    return { index, entry: { at: Math.round(at / 1000) * 1000, ...request } as ActionLogEntry };
  });
  return entries.sort((a, b) => a.entry.at - b.entry.at || a.index - b.index).map((e) => e.entry);
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
