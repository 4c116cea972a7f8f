import {
  formatElapsed,
  scenarioSchema,
  type Architecture,
  type ChannelDown,
  type Contact,
  type Inject,
  type Reply,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import { holds } from './conditions.js';
import type { StepSink } from './obligations.js';
import { RngStreams } from './rng.js';
import type { ActionRecord, ActionRequest, DrillContext } from './types.js';

/*
 * Contacts who answer (decision 0950): an escalation is delivered unless its channel is down; a
 * contact reached while off duty or out of office auto-replies and names its backup; otherwise
 * it answers after its reply delay (seeded jitter) with the scenario's first reply that fits.
 * Every answer is an inject in the team's feed, so what the engine decided is what they see.
 */

/** How long a contact takes to answer when nothing says otherwise. */
export const DEFAULT_REPLY_AFTER: SimMs = 10 * 60_000;

/** A reply with its inject id settled. */
export type CompiledReply = Reply & { id: string };

export const contactInjectIds = {
  outOfOffice: (contact: string) => `auto-reply-${contact}`,
  offDuty: (contact: string) => `off-duty-${contact}`,
  undelivered: (index: number) => `undelivered-${index + 1}`,
};

/**
 * The scenario's replies, each with its id (`reply-<contact>-<n>` unless the author named it),
 * then each contact's own acknowledgement (`answers:` in the architecture, `reply-<contact>-ack`),
 * which comes only when none of the scenario's fits.
 */
export function compileReplies(architecture: Architecture, scenario: Scenario): CompiledReply[] {
  const counts = new Map<string, number>();
  const own = scenario.replies.map((reply) => {
    const n = (counts.get(reply.contact) ?? 0) + 1;
    counts.set(reply.contact, n);
    return { ...reply, id: reply.id ?? `reply-${reply.contact}-${n}` };
  });
  const acks = architecture.contacts.flatMap((c): CompiledReply[] =>
    c.answers === undefined
      ? []
      : [{ id: `reply-${c.id}-ack`, contact: c.id, type: 'call', text: c.answers, sets: [] }],
  );
  return [...own, ...acks];
}

// Through the scenario schema, so every field an inject gains later gets its default here too.
const asInject = (inject: Pick<Inject, 'id' | 'type' | 'title' | 'body' | 'from' | 'severity'>) =>
  scenarioSchema.shape.injects.parse([{ ...inject, malicious: false, manual: true }])[0]!;

const who = (contact: Contact) => `${contact.name} (${contact.role})`;

function backupLine(contacts: readonly Contact[], contact: Contact): string {
  const backup = contacts.find((c) => c.id === contact.backup);
  return backup
    ? `For urgent matters contact ${who(backup)}: ${backup.phone}, ${backup.email}.`
    : 'No backup is named.';
}

const onCallText = (c: Contact) =>
  c.on_call
    ? `${c.on_call.days.join(', ')} ${c.on_call.start}-${c.on_call.end} ${c.on_call.timezone}`
    : '';

/**
 * The injects contacts add to the scenario: each reply, the auto-replies of contacts that can be
 * unavailable, and a non-delivery notice per channel outage. All fire only when the engine says.
 */
export function contactInjects(
  architecture: Architecture,
  scenario: Scenario,
  replies: readonly CompiledReply[],
): Inject[] {
  const contacts = architecture.contacts;
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const injects: Inject[] = replies.map((reply) => {
    const contact = byId.get(reply.contact);
    const name = contact ? who(contact) : reply.contact;
    return asInject({
      id: reply.id,
      type: reply.type,
      title: reply.title ?? `${name} answers`,
      body: reply.asks ? `${reply.text}\nQuestion: ${reply.asks}` : reply.text,
      from: reply.contact,
      severity: reply.asks ? 'medium' : 'info',
    });
  });
  for (const contact of contacts) {
    if (contact.out_of_office)
      injects.push(
        asInject({
          id: contactInjectIds.outOfOffice(contact.id),
          type: 'email',
          title: `Auto-reply from ${contact.name}: out of office until ${contact.out_of_office.until}`,
          body: `I am out of office until ${contact.out_of_office.until}. ${backupLine(contacts, contact)}`,
          from: contact.id,
          severity: 'low',
        }),
      );
    if (contact.on_call)
      injects.push(
        asInject({
          id: contactInjectIds.offDuty(contact.id),
          type: 'call',
          title: `${contact.name} is off duty: voicemail`,
          body: `${who(contact)} is on call ${onCallText(contact)} only. ${backupLine(contacts, contact)}`,
          from: contact.id,
          severity: 'low',
        }),
      );
  }
  scenario.channels_down.forEach((down, index) =>
    injects.push(
      asInject({
        id: contactInjectIds.undelivered(index),
        type: 'ticket',
        title: `Not delivered: ${down.channel} is down`,
        body: `Your message could not be delivered: ${down.reason} Use another channel.`,
        severity: 'medium',
      }),
    ),
  );
  return injects;
}

/** The weekday and minute of the day at `epochMs` in `timeZone` (Intl: no wall clock involved). */
function localTime(epochMs: number, timeZone: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    day: part('weekday').toLowerCase().slice(0, 3),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Why the contact cannot answer at `epochMs` (the drill's wall time), with the auto-reply it
 * sends, or undefined when it can. A shift that ends before it starts runs overnight (its day
 * is the day it starts).
 */
export function unavailability(
  contact: Contact,
  epochMs: number,
): { reason: string; inject: string } | undefined {
  const away = contact.out_of_office;
  if (away && epochMs >= Date.parse(away.from) && epochMs < Date.parse(away.until))
    return {
      reason: `out of office until ${away.until}`,
      inject: contactInjectIds.outOfOffice(contact.id),
    };
  const shift = contact.on_call;
  if (!shift) return undefined;
  const { day, minutes } = localTime(epochMs, shift.timezone);
  const start = minutesOf(shift.start);
  const end = minutesOf(shift.end);
  const days = shift.days as readonly string[];
  const onDuty =
    start <= end
      ? days.includes(day) && minutes >= start && minutes < end
      : (days.includes(day) && minutes >= start) ||
        (days.includes(previousDay(day)) && minutes < end);
  return onDuty
    ? undefined
    : {
        reason: `off duty (on call ${onCallText(contact)})`,
        inject: contactInjectIds.offDuty(contact.id),
      };
}

const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const previousDay = (day: string) => WEEK[(WEEK.indexOf(day) + 6) % 7]!;

/** The outage of `channel` in force at `t`, if any (with its index, for its notice). */
export function channelDownAt(
  scenario: Scenario,
  channel: string,
  t: SimMs,
): { down: ChannelDown; index: number } | undefined {
  const index = scenario.channels_down.findIndex(
    (d) => d.channel === channel && t >= d.from && (d.until === undefined || t < d.until),
  );
  return index >= 0 ? { down: scenario.channels_down[index]!, index } : undefined;
}

/** Whether the escalation reached a person who will answer, and which injects show now. */
export interface EscalationResult {
  delivered: boolean;
  /** Injects to fire now (a non-delivery notice, an auto-reply). */
  fire: string[];
}

/**
 * An escalation has been sent: was it delivered, is the contact there, and what do they answer?
 * The reply is the contact's first reply not given yet whose `when` holds now; it arrives after
 * its delay plus up to a third more, drawn from the seed by (contact, action seq).
 */
export function deliverEscalation(
  sink: StepSink,
  compiled: CompiledScenario,
  record: ActionRecord,
): EscalationResult {
  const contactId = record.contact!;
  const channel = record.channel!;
  const outage = channelDownAt(compiled.scenario, channel, sink.t);
  if (outage) {
    sink.record({
      type: 'escalation.undelivered',
      seq: record.seq,
      contact: contactId,
      channel,
      reason: outage.down.reason,
    });
    return { delivered: false, fire: [contactInjectIds.undelivered(outage.index)] };
  }
  const contact = compiled.contacts.get(contactId);
  if (!contact) return { delivered: true, fire: [] };
  const away = unavailability(contact, Date.parse(compiled.scenario.start_time) + sink.t);
  if (away) {
    sink.record({
      type: 'contact.unavailable',
      seq: record.seq,
      contact: contactId,
      ...(contact.backup ? { backup: contact.backup } : {}),
      reason: away.reason,
    });
    return { delivered: false, fire: [away.inject] };
  }
  const given = new Set(sink.ctx.fired.map((f) => f.id));
  const reply = (compiled.repliesByContact.get(contactId) ?? []).find(
    (r) => !given.has(r.id) && (!r.when || holds(r.when, sink.ctx, compiled)),
  );
  if (reply) {
    const base = reply.after ?? contact.reply_after ?? DEFAULT_REPLY_AFTER;
    const u = new RngStreams(sink.ctx.seed).draw('contact-reply', contactId, record.seq);
    // Whole seconds, never sooner than stated: people are slower than promised, not faster.
    const delay = Math.max(1000, Math.round((base + (u * base) / 3) / 1000) * 1000);
    sink.timers.push({
      id: `reply:${record.seq}`,
      delay,
      event: { type: 'inject.fire', t: sink.t, inject: reply.id },
    });
  }
  return { delivered: true, fire: [] };
}

/** Flags a reply sets when it arrives (a decision taken by the contact). */
export function replyFlags(compiled: CompiledScenario, injectId: string): readonly string[] {
  return compiled.replies.get(injectId)?.sets ?? [];
}

/*
 * One call at a time (decision 1020): a phone call occupies the caller for its length, so a
 * responder on a call cannot start another on a one-at-a-time channel until it ends. The call is
 * the escalation in progress (its duration: the contact's `call_minutes`, else the channel's
 * `typical_minutes`); e-mail, chat and tickets are not limited. A pure function of the drill's
 * context, which is a pure function of its action log: a replay refuses the same call.
 */

/** How long an escalation takes: a call lasts the contact's `call_minutes` when it has one. */
export function escalationDuration(
  compiled: CompiledScenario,
  request: Pick<ActionRequest, 'contact' | 'channel'>,
  channelMinutes: number,
): SimMs {
  const own = compiled.oneAtATime.has(request.channel ?? '')
    ? compiled.contacts.get(request.contact ?? '')?.call_minutes
    : undefined;
  return (own ?? channelMinutes) * 60_000;
}

/**
 * The call the responder making `request` is on now, if `request` is a call too: an escalation on
 * a one-at-a-time channel in progress by the same responder (`by`; the team when unset).
 */
export function callInProgress(
  compiled: CompiledScenario,
  ctx: Pick<DrillContext, 'inProgress'>,
  request: Pick<ActionRequest, 'channel' | 'by'>,
): ActionRecord | undefined {
  if (!compiled.oneAtATime.has(request.channel ?? '')) return undefined;
  return ctx.inProgress.find(
    (a) =>
      a.do === 'escalate' &&
      compiled.oneAtATime.has(a.channel ?? '') &&
      (a.by ?? '') === (request.by ?? ''),
  );
}

/** Why a second call is refused: who the caller is on the line with, and until when. */
export function busyReason(compiled: CompiledScenario, call: ActionRecord): string {
  const contact = compiled.contacts.get(call.contact ?? '');
  const others = compiled.architecture.channels
    .filter((c) => !c.one_at_a_time)
    .map((c) => c.id)
    .slice(0, 2);
  return (
    `already on a call with ${contact?.name ?? call.contact} until ${formatElapsed(call.doneAt)}: ` +
    `one call at a time${others.length ? ` (${others.join(' or ')} can go out meanwhile)` : ''}`
  );
}
