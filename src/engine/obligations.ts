import type { Architecture, Obligation, Scenario, SimMs } from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import type { Timer } from './drillReducers.js';
import type { ActionRecord, DrillContext, ObligationClock, TraceEntry } from './types.js';

/*
 * Obligations with clocks (decision 0950). The engine starts an obligation's clock at awareness,
 * marks it met when a `notify` reaches its contact (or a contact of its recipient kind) and
 * overdue when its deadline passes first. Scoring judges the trace entries this writes; it never
 * recomputes awareness on its own.
 */

/** What a reducer step lets this module do: read and change the draft context, record, schedule. */
export interface StepSink {
  ctx: DrillContext;
  readonly t: SimMs;
  record(entry: DistributiveOmit<TraceEntry, 't'>): void;
  readonly timers: Timer[];
  readonly cancel: string[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const obligationTimerId = (id: string) => `obligation:${id}`;

/**
 * The architecture's obligations as this scenario has them: a jurisdiction or a story may switch
 * one on or off, or give it another deadline (`architecture_overrides.obligations`).
 */
export function effectiveObligations(architecture: Architecture, scenario: Scenario): Obligation[] {
  const overrides = new Map(
    (scenario.architecture_overrides?.obligations ?? []).map((o) => [o.id, o]),
  );
  return architecture.obligations.map((o) => {
    const change = overrides.get(o.id);
    if (!change) return o;
    return {
      ...o,
      ...(change.applies !== undefined ? { applies: change.applies } : {}),
      ...(change.within !== undefined ? { within: change.within } : {}),
    };
  });
}

const rankOf = (compiled: CompiledScenario, id: string | undefined) =>
  id === undefined ? -1 : (compiled.severityRank.get(id) ?? -1);

/** The severities the team declared, strongest last (their own assessment counts as knowing). */
function declaredRank(compiled: CompiledScenario, ctx: DrillContext): number {
  return Math.max(
    -1,
    ...ctx.completed
      .filter((a) => a.do === 'declare-severity')
      .map((a) => rankOf(compiled, a.severity)),
  );
}

/**
 * Awareness: why the team could know now that `dataClass` was reached, or undefined. It takes
 * the data class truly reached (nothing to be aware of otherwise) and one of:
 * - a fired inject that reveals it (`reveals_data`: a leak sample, the customer table read);
 * - evidence of the attack shown while the incident stood at a severity whose `data_classes`
 *   name it (or above): what the escalation matrix's clocks also start from;
 * - the team's own declaration of such a severity (its criteria say the data was reached).
 * Hidden attacker moves alone never make anyone aware. Pure; decision 0950.
 */
export function awarenessOf(
  compiled: CompiledScenario,
  ctx: DrillContext,
  dataClass: string,
): string | undefined {
  if (!ctx.dataReached.includes(dataClass)) return undefined;
  const revealing = ctx.fired.find((f) =>
    compiled.injects.get(f.id)?.reveals_data.includes(dataClass),
  );
  if (revealing) return `inject ${revealing.id} shows ${dataClass}`;
  const naming = compiled.architecture.severities
    .filter((s) => s.data_classes.includes(dataClass))
    .map((s) => rankOf(compiled, s.id));
  if (naming.length === 0) return undefined;
  const lowest = Math.min(...naming);
  const severity = (rank: number) => compiled.architecture.severities[rank]?.id ?? String(rank);
  if (rankOf(compiled, ctx.shownSeverity) >= lowest)
    return `evidence at severity ${ctx.shownSeverity} (its criteria name ${dataClass})`;
  const declared = declaredRank(compiled, ctx);
  if (declared >= lowest) return `declared ${severity(declared)} (its criteria name ${dataClass})`;
  return undefined;
}

/** Why the obligation's clock starts now, or undefined while nothing the team knows starts it. */
function triggerOf(
  compiled: CompiledScenario,
  ctx: DrillContext,
  obligation: Obligation,
): string | undefined {
  if (!obligation.applies) return undefined;
  for (const dataClass of obligation.data_classes) {
    // Art. 34 style: only a breach likely to be a high risk to the people (critical data).
    if (obligation.when === 'high-risk' && compiled.dataSensitivity.get(dataClass) !== 'critical')
      continue;
    const cause = awarenessOf(compiled, ctx, dataClass);
    if (cause) return cause;
  }
  if (obligation.severity !== undefined) {
    const at = rankOf(compiled, obligation.severity);
    if (rankOf(compiled, ctx.shownSeverity) >= at)
      return `evidence at severity ${ctx.shownSeverity}`;
    if (declaredRank(compiled, ctx) >= at)
      return `declared severity at or above ${obligation.severity}`;
  }
  return undefined;
}

/** After every change: start the clock of each obligation the team has just become aware of. */
export function startObligations(sink: StepSink, compiled: CompiledScenario): void {
  for (const obligation of compiled.obligations) {
    if (sink.ctx.obligations[obligation.id]) continue;
    const cause = triggerOf(compiled, sink.ctx, obligation);
    if (!cause) continue;
    const clock: ObligationClock = { awareAt: sink.t, cause, dueAt: sink.t + obligation.within };
    sink.ctx.obligations = { ...sink.ctx.obligations, [obligation.id]: clock };
    sink.record({
      type: 'obligation.started',
      obligation: obligation.id,
      dueAt: clock.dueAt,
      cause,
    });
    sink.timers.push({
      id: obligationTimerId(obligation.id),
      delay: obligation.within,
      event: { type: 'obligation.due', t: sink.t, obligation: obligation.id },
    });
  }
}

/** Whether a notification to `contact` satisfies `obligation` (its contact, or one of its recipient kind). */
export function reaches(
  compiled: CompiledScenario,
  obligation: Obligation,
  contact: string,
): boolean {
  if (obligation.contact === contact) return true;
  return compiled.contacts.get(contact)?.recipient === obligation.recipient;
}

/** Why `notify` cannot be sent to this contact, or undefined. */
export function notifyProblem(
  compiled: CompiledScenario,
  contact: string | undefined,
): string | undefined {
  const known = contact === undefined ? undefined : compiled.contacts.get(contact);
  if (!known) return 'notify needs a known contact';
  if (known.recipient === undefined && !compiled.obligations.some((o) => o.contact === contact))
    return `${contact} is not a notification recipient (escalate instead)`;
  return undefined;
}

/** A notification is sent: every started, unmet obligation it satisfies is met (late if overdue). */
export function applyNotification(
  sink: StepSink,
  compiled: CompiledScenario,
  record: ActionRecord,
): void {
  const contact = record.contact!;
  const recipient = compiled.contacts.get(contact)?.recipient;
  sink.ctx.notifications = [
    ...sink.ctx.notifications,
    { contact, ...(recipient ? { recipient } : {}), at: sink.t },
  ];
  for (const obligation of compiled.obligations) {
    const clock = sink.ctx.obligations[obligation.id];
    // A notification before the team could know is a guess: it meets nothing (decision 0950).
    if (!clock || clock.metAt !== undefined || !reaches(compiled, obligation, contact)) continue;
    const late = clock.overdueAt !== undefined;
    sink.ctx.obligations = {
      ...sink.ctx.obligations,
      [obligation.id]: { ...clock, metAt: sink.t },
    };
    sink.record({ type: 'obligation.met', obligation: obligation.id, contact, late });
    if (!late) sink.cancel.push(obligationTimerId(obligation.id));
  }
}

/** The deadline of a started obligation has come. */
export function applyObligationDue(sink: StepSink, id: string): void {
  const clock = sink.ctx.obligations[id];
  if (!clock || clock.metAt !== undefined || clock.overdueAt !== undefined) return;
  sink.ctx.obligations = { ...sink.ctx.obligations, [id]: { ...clock, overdueAt: sink.t } };
  sink.record({ type: 'obligation.overdue', obligation: id });
}

/** `notified: X`: a notification reached contact X, or a contact whose recipient kind is X. */
export function wasNotified(ctx: DrillContext, who: string): boolean {
  return ctx.notifications.some((n) => n.contact === who || n.recipient === who);
}

/** `obligation_overdue: X`: its deadline passed before any notification met it. */
export function isOverdue(ctx: DrillContext, id: string): boolean {
  // Once passed, it stays passed: a late notification does not turn the clock back.
  return ctx.obligations[id]?.overdueAt !== undefined;
}
