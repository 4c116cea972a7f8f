import { type CompiledScenario, type DrillResult, type TraceEntry } from '../engine/index.js';
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
}

/**
 * What scoring needs to know about a drill, read once from its trace: every finding can then
 * point at the trace entries it rests on.
 */
export interface DrillFacts {
  compiled: CompiledScenario;
  result: DrillResult;
  firstMalicious?: { t: SimMs; event: EventRef };
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

export function readFacts(compiled: CompiledScenario, result: DrillResult): DrillFacts {
  const trace = result.trace;
  const facts: DrillFacts = {
    compiled,
    result,
    severities: [],
    severity: compiled.scenario.severity,
    done: [],
    compromised: [],
    evidenceLost: [],
    traffic: [],
    dataReached: [],
  };
  const started = new Map<number, { t: SimMs; index: number }>();
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
        break;
      case 'action.started':
        started.set(entry.seq, { t: entry.t, index });
        break;
      case 'action.done': {
        const start = started.get(entry.seq);
        facts.done.push({
          ...entry.request,
          startedAt: start?.t ?? entry.t,
          doneAt: entry.t,
          events: start ? [ref(trace, start.index), here] : [here],
        });
        break;
      }
      case 'evidence.lost':
        facts.evidenceLost.push({ component: entry.component, event: here });
        break;
      case 'contained':
        facts.contained ??= here;
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
  return facts;
}
