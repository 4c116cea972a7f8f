import type { TraceEntry } from '../engine/index.js';
import { formatDuration, formatElapsed, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import type { DrillFacts } from './facts.js';
import type { EventRef } from './types.js';

type NotificationRubric = NonNullable<Rubric['dimensions']['notification']>;

const refOf = (trace: readonly TraceEntry[], index: number): EventRef => ({
  index,
  t: trace[index]!.t,
  type: trace[index]!.type,
});

/**
 * Notify and communicate (decision 0950): each obligation whose clock the engine started (the team
 * was aware of what starts it) earns an equal share, in full when a notification met it before
 * its deadline, `late_credit` when after, nothing when none was sent by the end of the drill (what
 * would have happened: nothing more is done after the end). A notification no obligation asked
 * for by then (a regulator told of a breach nobody could know of) costs `needless_penalty` per
 * contact. Nothing started and nobody notified: not evaluated.
 */
export function notificationDimension(
  facts: DrillFacts,
  rubric: NotificationRubric,
): DraftFinding[] {
  const trace = facts.result.trace;
  const titles = new Map(facts.compiled.obligations.map((o) => [o.id, o]));
  const started: Array<{ id: string; dueAt: number; event: EventRef; cause: string }> = [];
  const met = new Map<string, { late: boolean; contact: string; event: EventRef }>();
  const overdue = new Map<string, EventRef>();
  trace.forEach((entry, index) => {
    if (entry.type === 'obligation.started')
      started.push({
        id: entry.obligation,
        dueAt: entry.dueAt,
        event: refOf(trace, index),
        cause: entry.cause,
      });
    if (entry.type === 'obligation.met' && !met.has(entry.obligation))
      met.set(entry.obligation, {
        late: entry.late,
        contact: entry.contact,
        event: refOf(trace, index),
      });
    if (entry.type === 'obligation.overdue') overdue.set(entry.obligation, refOf(trace, index));
  });
  const notified = facts.done.filter((a) => a.do === 'notify');
  const findings: DraftFinding[] = [];
  if (started.length === 0) {
    if (notified.length === 0)
      return [
        {
          code: 'notification.not-evaluated',
          delta: 0,
          text: 'no obligation to notify applied to what the team could know (not evaluated)',
          events: [],
        },
      ];
    findings.push({
      code: 'notification.none-required',
      delta: 1,
      text: 'no obligation to notify applied to what the team could know',
      events: [],
    });
  }
  const share = started.length ? 1 / started.length : 0;
  for (const clock of started) {
    const obligation = titles.get(clock.id);
    const what = obligation
      ? `${obligation.title} (${obligation.regime}, ${obligation.recipient}, within ${formatDuration(obligation.within)})`
      : clock.id;
    const deadline = `aware at ${formatElapsed(clock.event.t)}: ${clock.cause}; due ${formatElapsed(clock.dueAt)}`;
    const done = met.get(clock.id);
    if (!done) {
      const passed = overdue.get(clock.id);
      findings.push({
        code: passed ? 'notification.overdue' : 'notification.missing',
        delta: 0,
        text: passed
          ? `${what}: nobody was notified by the deadline (${deadline})`
          : `${what}: nobody was notified by the end of the drill (${deadline})`,
        t: clock.dueAt,
        events: [clock.event, ...(passed ? [passed] : [])],
        recommendation: `Notify ${obligation?.contact ?? 'the recipient'} (${obligation?.recipient ?? 'as the obligation says'}) once you know; a first notification may be completed later.`,
      });
      continue;
    }
    findings.push({
      code: done.late ? 'notification.late' : 'notification.on-time',
      delta: share * (done.late ? rubric.late_credit : 1),
      text: `${what}: ${done.contact} notified at ${formatElapsed(done.event.t)}${done.late ? ' (late)' : ''} (${deadline})`,
      t: done.event.t,
      events: [clock.event, done.event],
      ...(done.late
        ? {
            recommendation:
              'Start the notification when you become aware, not when the clock runs out.',
          }
        : {}),
    });
  }
  // A notification an obligation could ask for, but none the team knew of did by then. A report
  // no obligation ever asks for (law enforcement, here) is the organisation's choice: not judged.
  const recipientOf = (contact: string) => facts.compiled.contacts.get(contact)?.recipient;
  const owedBy = (id: string, contact: string) => {
    const o = titles.get(id);
    return o !== undefined && (o.contact === contact || o.recipient === recipientOf(contact));
  };
  const needless = new Set<string>();
  for (const n of notified) {
    const contact = n.contact ?? '';
    const regulated = facts.compiled.obligations.some((o) => owedBy(o.id, contact));
    const owed = started.some((c) => c.event.t <= n.doneAt && owedBy(c.id, contact));
    if (!regulated || owed || needless.has(contact)) continue;
    needless.add(contact);
    findings.push({
      code: 'notification.needless',
      delta: -rubric.needless_penalty,
      text: `${contact} notified at ${formatElapsed(n.doneAt)} although no obligation the team could know of asked for it`,
      t: n.doneAt,
      events: n.events,
      recommendation:
        'Notify when an obligation applies to what you know (the data reached, the severity); check with Legal/DPO first.',
    });
  }
  return findings;
}
