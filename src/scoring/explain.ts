import { runDrill, type DrillResult } from '../engine/index.js';
import {
  formatElapsed,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import { actionLogOf, runToTheLimit } from './projection.js';

/** Defensive action kinds a counterfactual may try (the ones that stop an attacker's move). */
export const DEFENSIVE_KINDS: ReadonlySet<string> = new Set([
  'isolate-host',
  'block-ip',
  'enable-waf-rule',
  'lockdown',
  'patch',
  'reset-credentials',
  'custom',
  'degrade-traffic',
]);

/** An action a replay adds, as the debrief names it. */
export interface CounterAction {
  do: string;
  target?: string;
  value?: string;
}

/**
 * Why an attacker move happened or did not, found by headless replays of the drill:
 * - `prevented-by`: a move that happened, and the defensive action that, started by `latest`
 *   at the latest (on top of what the team did), would have kept the attacker out of it;
 * - `unpreventable`: a move no single defensive action of the scenario would have stopped;
 * - `blocked-by`: a move that was blocked, and the team's action without which it would have
 *   happened.
 */
export interface Explanation {
  kind: 'prevented-by' | 'unpreventable' | 'blocked-by';
  /** The attacker state moved into (or that it was kept out of). */
  state: string;
  /** When the move happened, or was first blocked. */
  t: SimMs;
  action?: CounterAction;
  /** prevented-by: the latest start of `action` that still prevents the move (minute steps). */
  latest?: SimMs;
  text: string;
}

const MINUTE = 60_000;

function label(scenario: Scenario, action: CounterAction): string {
  const title = scenario.actions.find((a) => a.id === action.do)?.title ?? action.do;
  return [title, action.target, action.value].filter(Boolean).join(' ');
}

function stateTitle(scenario: Scenario, id: string): string {
  const state = scenario.attacker.states.find((s) => s.id === id);
  return state?.title ?? id;
}

/** Every defensive action of the scenario at every target, blocks aimed at the attacker's address. */
function candidates(scenario: Scenario, attackerIp: string): CounterAction[] {
  return scenario.actions.flatMap((action) => {
    const kind = action.kind ?? action.id;
    if (!DEFENSIVE_KINDS.has(kind)) return [];
    const value = kind === 'block-ip' ? { value: attackerIp } : {};
    return action.targets.length
      ? action.targets.map((target) => ({ do: action.id, target, ...value }))
      : [{ do: action.id, ...value }];
  });
}

/**
 * The debrief's reasons, computed by replaying the drill headless from its seed and action log:
 * deterministic, and a pure function of its inputs. For each malicious move that happened (first
 * entry of each state), the defensive action with the latest start that would still have
 * prevented it, searched by bisection to the minute; for each move that was blocked, the team's
 * action whose removal lets it through (the latest such one).
 */
export function explainDrill(
  architecture: Architecture,
  scenario: Scenario,
  result: DrillResult,
): Explanation[] {
  const base = actionLogOf(result);
  const toTheLimit = runToTheLimit(scenario);
  const replay = (actions: ActionLogEntry[]) =>
    runDrill(architecture, toTheLimit, result.seed, actions).outcome.attackerReached;
  const started = result.trace.find((e) => e.type === 'drill.started');
  const attackerIp = started?.type === 'drill.started' ? started.attackerIp : '';
  const malicious = new Set(scenario.attacker.states.filter((s) => s.malicious).map((s) => s.id));
  const out: Explanation[] = [];

  const moves: Array<{ state: string; t: SimMs }> = [];
  for (const e of result.trace)
    if (
      e.type === 'attacker.entered' &&
      !e.again &&
      malicious.has(e.state) &&
      e.state !== scenario.attacker.initial
    )
      moves.push({ state: e.state, t: e.t });

  const tried = candidates(scenario, attackerIp);
  const memo = new Map<string, readonly string[]>();
  const reachedWith = (c: CounterAction, at: SimMs) => {
    const key = `${c.do}|${c.target ?? ''}|${at}`;
    let reached = memo.get(key);
    if (!reached) {
      reached = replay([...base, { at, ...c } as ActionLogEntry]);
      memo.set(key, reached);
    }
    return reached;
  };
  for (const move of moves) {
    let best: { action: CounterAction; latest: SimMs } | undefined;
    for (const c of tried) {
      if (reachedWith(c, 0).includes(move.state)) continue;
      // The latest whole minute before the move at which starting `c` still keeps it out.
      let lo = 0;
      let hi = Math.max(0, Math.floor((move.t - 1) / MINUTE));
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (reachedWith(c, mid * MINUTE).includes(move.state)) hi = mid - 1;
        else lo = mid;
      }
      if (!best || lo * MINUTE > best.latest) best = { action: c, latest: lo * MINUTE };
    }
    const title = stateTitle(scenario, move.state);
    out.push(
      best
        ? {
            kind: 'prevented-by',
            state: move.state,
            t: move.t,
            action: best.action,
            latest: best.latest,
            text: `had ${label(scenario, best.action)} been started by ${formatElapsed(best.latest)}, "${title}" (${formatElapsed(move.t)}) would not have happened`,
          }
        : {
            kind: 'unpreventable',
            state: move.state,
            t: move.t,
            text: `no single defensive action would have prevented "${title}" (${formatElapsed(move.t)})`,
          },
    );
  }

  // Blocked moves that never happened: which of the team's actions held them off.
  const reached = new Set(result.outcome.attackerReached);
  const blocked = new Map<string, SimMs>();
  for (const e of result.trace)
    if (e.type === 'attacker.blocked' && !reached.has(e.to) && !blocked.has(e.to))
      blocked.set(e.to, e.t);
  for (const [state, t] of blocked) {
    for (let i = base.length - 1; i >= 0; i--) {
      const entry = base[i]!;
      const kind = scenario.actions.find((a) => a.id === entry.do)?.kind ?? entry.do;
      if (!DEFENSIVE_KINDS.has(kind)) continue;
      if (!replay(base.filter((_, j) => j !== i)).includes(state)) continue;
      const action: CounterAction = {
        do: entry.do,
        ...(entry.target !== undefined ? { target: entry.target } : {}),
        ...(entry.value !== undefined ? { value: entry.value } : {}),
      };
      out.push({
        kind: 'blocked-by',
        state,
        t,
        action,
        text: `${label(scenario, action)} (${formatElapsed(entry.at)}) kept the attacker from "${stateTitle(scenario, state)}"`,
      });
      break;
    }
  }
  return out;
}
