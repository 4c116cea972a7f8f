import {
  type Architecture,
  type Condition,
  type Scenario,
  type SimMs,
  type TechnicalActionKind,
  type TrafficMode,
} from '../model/index.js';

/**
 * What a scenario makes possible at all, read from its data without playing it: which attacker
 * states can be reached, what the responders' actions can change, which actions can ever be
 * offered. Every answer errs on the side of "possible", so a lint finding built on it is a real
 * impossibility, never a guess.
 */
export interface ScenarioFacts {
  architecture: Architecture;
  scenario: Scenario;
  /** Attacker states the attacker can enter (through transitions that can happen). */
  reachable: Set<string>;
  /** Earliest entry into each reachable state, at the nominal `after` delays (no jitter). */
  earliest: Map<string, SimMs>;
  /** Technical action ids that can ever be offered (their `available_when` can hold). */
  available: Set<string>;
  /** Components each action kind can act on, among the actions that can be offered. */
  targets: Map<TechnicalActionKind, Set<string>>;
  /** Kinds offered at all (some take no target). */
  kinds: Set<TechnicalActionKind>;
  wafRules: Set<string>;
  flags: Set<string>;
  /** Components some reachable state compromises. */
  compromisable: Set<string>;
}

type Edge = { from: string; to: string; index: number; after: SimMs; when?: Condition };

function edges(scenario: Scenario): Edge[] {
  return scenario.attacker.states.flatMap((state) =>
    state.next.map((tr, index) => ({
      from: state.id,
      to: tr.to,
      index,
      after: tr.after,
      ...(tr.when ? { when: tr.when } : {}),
    })),
  );
}

/** Shortest entry times from the initial state (Dijkstra; scenarios are small). */
function earliestTimes(initial: string, usable: Edge[]): Map<string, SimMs> {
  const best = new Map<string, SimMs>([[initial, 0]]);
  const done = new Set<string>();
  for (;;) {
    let current: string | undefined;
    for (const [id, t] of best) {
      if (!done.has(id) && (current === undefined || t < best.get(current)!)) current = id;
    }
    if (current === undefined) return best;
    done.add(current);
    for (const edge of usable) {
      if (edge.from !== current) continue;
      const t = best.get(current)! + Math.max(edge.after, 1000);
      if (t < (best.get(edge.to) ?? Infinity)) best.set(edge.to, t);
    }
  }
}

function build(
  architecture: Architecture,
  scenario: Scenario,
  reachable: Set<string>,
  earliest: Map<string, SimMs>,
  previous?: ScenarioFacts,
): ScenarioFacts {
  const facts: ScenarioFacts = {
    architecture,
    scenario,
    reachable,
    earliest,
    available: new Set(),
    targets: new Map(),
    kinds: new Set(),
    wafRules: new Set(),
    flags: new Set(),
    compromisable: new Set(
      scenario.attacker.states.filter((s) => reachable.has(s.id)).flatMap((s) => s.compromises),
    ),
  };
  for (const action of scenario.actions) {
    // The first pass has no facts yet: every action counts as offered.
    if (action.available_when && previous && !canHold(action.available_when, previous)) continue;
    const kind = action.kind ?? (action.id as TechnicalActionKind);
    facts.available.add(action.id);
    facts.kinds.add(kind);
    const set = facts.targets.get(kind) ?? new Set<string>();
    for (const target of action.targets) set.add(target);
    facts.targets.set(kind, set);
    if (kind === 'enable-waf-rule') facts.wafRules.add(action.rule ?? action.id);
    for (const flag of action.sets) facts.flags.add(flag);
  }
  return facts;
}

/** Facts for a scenario: refined twice, because availability and reachability feed each other. */
export function scenarioFacts(architecture: Architecture, scenario: Scenario): ScenarioFacts {
  const all = edges(scenario);
  const initial = scenario.attacker.initial;
  let facts: ScenarioFacts | undefined;
  for (let pass = 0; pass < 3; pass++) {
    const usable = facts ? all.filter((e) => !e.when || canHold(e.when, facts!)) : all;
    const earliest = earliestTimes(initial, usable);
    facts = build(architecture, scenario, new Set(earliest.keys()), earliest, facts);
  }
  return facts!;
}

/** The same facts restricted to the attacker's harmless opening (states before any malicious one). */
export function preAttackFacts(facts: ScenarioFacts): ScenarioFacts {
  const { scenario } = facts;
  const harmless = new Set<string>();
  const initial = scenario.attacker.states.find((s) => s.id === scenario.attacker.initial);
  const queue = initial && !initial.malicious ? [initial.id] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (harmless.has(id)) continue;
    harmless.add(id);
    for (const tr of scenario.attacker.states.find((s) => s.id === id)?.next ?? []) {
      const next = scenario.attacker.states.find((s) => s.id === tr.to);
      if (next && !next.malicious && facts.reachable.has(next.id)) queue.push(next.id);
    }
  }
  return {
    ...facts,
    reachable: harmless,
    compromisable: new Set(
      scenario.attacker.states.filter((s) => harmless.has(s.id)).flatMap((s) => s.compromises),
    ),
  };
}

const TRAFFIC_KIND: Record<TrafficMode, TechnicalActionKind | undefined> = {
  normal: undefined,
  degraded: 'degrade-traffic',
  lockdown: 'lockdown',
};

function canTarget(facts: ScenarioFacts, kind: TechnicalActionKind, component: string): boolean {
  return facts.targets.get(kind)?.has(component) ?? false;
}

/**
 * Whether a condition can hold at some moment of some drill. Conservative: `false` only when it
 * is impossible (nothing in the scenario can make it true); `not` is always treated as possible.
 */
export function canHold(condition: Condition, facts: ScenarioFacts): boolean {
  const c = condition;
  const { scenario, architecture } = facts;
  if (c.all) return c.all.every((child) => canHold(child, facts));
  if (c.any) return c.any.some((child) => canHold(child, facts));
  if (c.not) return true;
  if (c.done !== undefined) {
    const technical = scenario.actions.find((a) => a.id === c.done);
    if (!technical) return true; // plan steps and built-in actions are always offered
    if (!facts.available.has(technical.id)) return false;
    return c.target === undefined || technical.targets.includes(c.target);
  }
  if (c.isolated !== undefined) {
    if (c.isolated === 'compromised') {
      return [...facts.compromisable].some((id) => canTarget(facts, 'isolate-host', id));
    }
    return canTarget(facts, 'isolate-host', c.isolated);
  }
  if (c.patched !== undefined) return canTarget(facts, 'patch', c.patched);
  if (c.snapshot !== undefined) return canTarget(facts, 'forensic-snapshot', c.snapshot);
  if (c.restored !== undefined) return canTarget(facts, 'restore-backup', c.restored);
  if (c.credentials_reset !== undefined)
    return canTarget(facts, 'reset-credentials', c.credentials_reset);
  if (c.compromised !== undefined) return facts.compromisable.has(c.compromised);
  if (c.traffic !== undefined) {
    const kind = TRAFFIC_KIND[c.traffic];
    return kind === undefined || facts.kinds.has(kind);
  }
  if (c.ip_blocked !== undefined) return c.ip_blocked === false || facts.kinds.has('block-ip');
  if (c.waf_rule !== undefined) return facts.wafRules.has(c.waf_rule);
  if (c.flag !== undefined) return facts.flags.has(c.flag);
  if (c.attacker_in !== undefined) return c.attacker_in.some((s) => facts.reachable.has(s));
  if (c.attacker_reached !== undefined) return facts.reachable.has(c.attacker_reached);
  if (c.after !== undefined) return c.after < scenario.end.time_limit;
  if (c.severity_at_least !== undefined)
    return architecture.severities.some((s) => s.id === c.severity_at_least);
  // Access can be cut only where the attacker holds some (a state with `access:` it can reach).
  if (c.access_cut !== undefined)
    return (
      c.access_cut === false ||
      scenario.attacker.states.some((s) => s.access.length > 0 && facts.reachable.has(s.id))
    );
  // plan_step, escalated, contained: a responder can always bring them about.
  return true;
}
