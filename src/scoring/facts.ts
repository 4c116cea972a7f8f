import {
  contactUnavailability,
  type CompiledScenario,
  type DrillResult,
  type TraceEntry,
} from '../engine/index.js';
import { PLAN_ACTION_PREFIX, type SimMs } from '../model/index.js';
import type { EventRef } from './types.js';

/** A completed action, with the trace events of its start and its completion. */
export interface DoneAction {
  do: string;
  target?: string;
  contact?: string;
  channel?: string;
  startedAt: SimMs;
  doneAt: SimMs;
  events: EventRef[];
  /** For an escalation its backup answered: the contact that was off duty or away. */
  standsInFor?: string;
}

/** What an escalation that reached nobody (channel down, contact away) counts as: not telling. */
export const UNANSWERED_ESCALATION = 'escalate.unanswered';

/**
 * What scoring needs to know about a drill, read once from its trace: every finding can then
 * point at the trace entries it rests on.
 */
export interface DrillFacts {
  compiled: CompiledScenario;
  result: DrillResult;
  firstMalicious?: { t: SimMs; event: EventRef };
  /**
   * What the trainee could see of the incident, in firing order: each malicious inject fired once
   * the attack had begun, and each inject an expected response is anchored to (`after`), with the
   * (true) severity in force when it fired. Clocks start here, never at a hidden attacker move.
   */
  evidence: Array<{ inject: string; t: SimMs; event: EventRef; severity: string }>;
  /** The first evidence, or in a drill with no malicious activity the first alert. */
  firstEvidence?: { t: SimMs; event: EventRef };
  /** The severity each level became observable at (running maximum over the evidence). */
  observed: Array<{ id: string; t: SimMs; event: EventRef }>;
  /** The highest severity the evidence showed (the scenario's initial one if none). */
  observedSeverity: string;
  /** Severity declarations, in order. */
  declared: Array<{ id: string; t: SimMs; event: EventRef }>;
  /** Fired injects by id: when the trainee saw each. */
  firedAt: Map<string, { t: SimMs; event: EventRef }>;
  /** The first alert (any inject of type alert), malicious or not. */
  firstAlert?: { t: SimMs; event: EventRef };
  /** Severities in the order they were reached, with when (the initial one at T+0). */
  severities: Array<{ id: string; t: SimMs; event: EventRef }>;
  /** The highest severity reached. */
  severity: string;
  done: DoneAction[];
  /** Hosts the attacker compromised, with when. */
  compromised: Array<{ component: string; t: SimMs; event: EventRef }>;
  evidenceLost: Array<{ component: string; event: EventRef }>;
  /** The containment that held to the end of the drill (a lost one does not count). */
  contained?: EventRef;
  traffic: Array<{ to: string; from: string; event: EventRef }>;
  dataReached: Array<{ data: string; event: EventRef }>;
}

export function ref(trace: readonly TraceEntry[], index: number): EventRef {
  const entry = trace[index]!;
  return { index, t: entry.t, type: entry.type };
}

export function severityRank(facts: DrillFacts, id: string): number {
  return facts.compiled.severityRank.get(id) ?? -1;
}

/** The severity in force at `t` (the last one reached at or before it). */
export function severityAt(facts: DrillFacts, t: SimMs): string {
  let current = facts.severities[0]!.id;
  for (const s of facts.severities) if (s.t <= t) current = s.id;
  return current;
}

export function planStepDone(facts: DrillFacts, step: string): DoneAction | undefined {
  return facts.done.find((a) => a.do === `${PLAN_ACTION_PREFIX}${step}`);
}

/** The first `step` ticked once evidence was observable (a tick before any evidence earns nothing). */
export function planStepAfterEvidence(facts: DrillFacts, step: string): DoneAction | undefined {
  const from = facts.firstEvidence?.t;
  if (from === undefined) return undefined;
  return facts.done.find((a) => a.do === `${PLAN_ACTION_PREFIX}${step}` && a.startedAt >= from);
}

/**
 * The severity the trainee had to work with at `t`: the highest of what the evidence had shown
 * and what they had declared. The matrix the screen shows is this one, and scoring uses it.
 */
export function workingSeverityAt(facts: DrillFacts, t: SimMs): string {
  let best = facts.compiled.scenario.severity;
  const raise = (id: string) => {
    if (severityRank(facts, id) > severityRank(facts, best)) best = id;
  };
  for (const o of facts.observed) if (o.t <= t) raise(o.id);
  for (const d of facts.declared) if (d.t <= t) raise(d.id);
  return best;
}

/**
 * The contacts an escalation to `request.contact` stands in for: those whose backup it is and who
 * were unavailable then by their published on-call hours or absence (what the team could know).
 */
function standsIn(
  compiled: CompiledScenario,
  request: { do: string; contact?: string },
  t: SimMs,
): string[] {
  if (request.do !== 'escalate' || request.contact === undefined) return [];
  const epoch = Date.parse(compiled.scenario.start_time) + t;
  return compiled.architecture.contacts
    .filter((c) => c.backup === request.contact && contactUnavailability(c, epoch) !== undefined)
    .map((c) => c.id);
}

export function readFacts(compiled: CompiledScenario, result: DrillResult): DrillFacts {
  const trace = result.trace;
  const facts: DrillFacts = {
    compiled,
    result,
    severities: [],
    severity: compiled.scenario.severity,
    evidence: [],
    observed: [],
    observedSeverity: compiled.scenario.severity,
    declared: [],
    firedAt: new Map(),
    done: [],
    compromised: [],
    evidenceLost: [],
    traffic: [],
    dataReached: [],
  };
  const started = new Map<number, { t: SimMs; index: number }>();
  // Escalations that reached nobody: over a channel that was down, or to a contact away.
  const unanswered = new Set(
    trace.flatMap((e) =>
      e.type === 'escalation.undelivered' || e.type === 'contact.unavailable' ? [e.seq] : [],
    ),
  );
  const anchors = new Set(
    compiled.scenario.expected.flatMap((e) => (e.after !== undefined ? [e.after] : [])),
  );
  trace.forEach((entry, index) => {
    const here = ref(trace, index);
    switch (entry.type) {
      case 'drill.started':
        facts.severities.push({ id: entry.severity, t: entry.t, event: here });
        break;
      case 'severity.changed':
        facts.severities.push({ id: entry.to, t: entry.t, event: here });
        break;
      case 'attacker.entered': {
        const state = compiled.states.get(entry.state);
        if (state?.malicious && !facts.firstMalicious)
          facts.firstMalicious = { t: entry.t, event: here };
        for (const component of entry.compromises)
          if (!facts.compromised.some((c) => c.component === component))
            facts.compromised.push({ component, t: entry.t, event: here });
        for (const data of entry.data)
          if (!facts.dataReached.some((d) => d.data === data))
            facts.dataReached.push({ data, event: here });
        break;
      }
      case 'inject.fired':
        if (entry.kind === 'alert' && !facts.firstAlert)
          facts.firstAlert = { t: entry.t, event: here };
        if (!facts.firedAt.has(entry.inject))
          facts.firedAt.set(entry.inject, { t: entry.t, event: here });
        if ((entry.malicious && facts.firstMalicious !== undefined) || anchors.has(entry.inject)) {
          facts.evidence.push({
            inject: entry.inject,
            t: entry.t,
            event: here,
            severity: facts.severities.at(-1)?.id ?? compiled.scenario.severity,
          });
        }
        break;
      case 'action.started':
        started.set(entry.seq, { t: entry.t, index });
        break;
      case 'action.done': {
        const start = started.get(entry.seq);
        if (entry.request.do === 'declare-severity' && entry.request.severity)
          facts.declared.push({ id: entry.request.severity, t: entry.t, event: here });
        facts.done.push({
          ...entry.request,
          ...(unanswered.has(entry.seq) ? { do: UNANSWERED_ESCALATION } : {}),
          startedAt: start?.t ?? entry.t,
          doneAt: entry.t,
          events: start ? [ref(trace, start.index), here] : [here],
        });
        for (const standIn of standsIn(compiled, entry.request, entry.t))
          facts.done.push({ ...facts.done.at(-1)!, contact: standIn, standsInFor: standIn });
        break;
      }
      case 'evidence.lost':
        facts.evidenceLost.push({ component: entry.component, event: here });
        break;
      case 'contained':
        facts.contained = here;
        break;
      case 'containment.lost':
        facts.contained = undefined;
        break;
      case 'traffic.changed':
        facts.traffic.push({ from: entry.from, to: entry.to, event: here });
        break;
      default:
        break;
    }
  });
  if (facts.severities.length === 0) {
    facts.severities.push({
      id: compiled.scenario.severity,
      t: 0,
      event: { index: 0, t: 0, type: 'drill.started' },
    });
  }
  facts.severity = facts.severities.reduce((best, s) =>
    severityRank(facts, s.id) > severityRank(facts, best.id) ? s : best,
  ).id;
  const first = facts.evidence[0] ?? facts.firstAlert;
  if (first) facts.firstEvidence = { t: first.t, event: first.event };
  let shown = compiled.scenario.severity;
  for (const e of facts.evidence) {
    if (severityRank(facts, e.severity) > severityRank(facts, shown)) {
      shown = e.severity;
      facts.observed.push({ id: shown, t: e.t, event: e.event });
    }
  }
  facts.observedSeverity = shown;
  return facts;
}
