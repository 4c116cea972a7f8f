import {
  PLAN_ACTION_PREFIX,
  type Contact,
  type IndicatorKind,
  type SimMs,
} from '../../model/index.js';
import {
  aimedIndicator,
  callInProgress,
  contactUnavailability,
  type PlanStatus,
} from '../../engine/index.js';
import { clean } from '../text.js';
import type { DrillView } from './drillView.js';

/** An action in progress: how far it is (0..1) and when it completes. */
export interface Progress {
  fraction: number;
  doneAt: SimMs;
}

function progressOf(
  drill: DrillView,
  match: (a: { do: string; target?: string; contact?: string }) => boolean,
): Progress | undefined {
  const record = drill.context.inProgress.find(match);
  if (!record) return undefined;
  const span = record.doneAt - record.startedAt;
  return {
    fraction: span > 0 ? (drill.now - record.startedAt) / span : 1,
    doneAt: record.doneAt,
  };
}

export interface PlanRow {
  id: string;
  action: string;
  order: number;
  title: string;
  duration: SimMs;
  status: PlanStatus;
  progress?: Progress;
  /** SP 800-61r3 / CSF 2.0: where the step sits (respond) and what it carries out (RS.MA, ...). */
  csf: string;
}

/** The emergency plan as a checklist in plan order. */
export function projectPlan(drill: DrillView): PlanRow[] {
  return [...drill.compiled.architecture.emergency_plan]
    .sort((a, b) => a.order - b.order)
    .map((step) => {
      const action = `${PLAN_ACTION_PREFIX}${step.id}`;
      const progress = progressOf(drill, (a) => a.do === action);
      return {
        id: step.id,
        action,
        order: step.order,
        title: clean(step.title),
        duration: step.duration,
        status: drill.context.plan[step.id]?.status ?? 'todo',
        ...(progress ? { progress } : {}),
        csf: [step.function, ...step.csf].filter(Boolean).join(' '),
      };
    });
}

export interface TechnicalActionRow {
  id: string;
  title: string;
  description: string;
  /** Undefined for actions that take no target. */
  target?: string;
  duration: SimMs;
  /** Why the engine would refuse it now, if it would. */
  unavailable?: string;
  progress?: Progress;
  timesDone: number;
  /** The indicator the action is aimed at (asked for, or taken from the notebook). */
  aims?: { indicator: IndicatorKind; required: boolean };
}

/**
 * The scenario's technical actions that apply to the selected component (those listing it as a
 * target), then those that take no target. Availability is the engine's `check`, not ours.
 */
export function projectTechnicalActions(
  drill: DrillView,
  target: string | undefined,
): TechnicalActionRow[] {
  const rows: TechnicalActionRow[] = [];
  for (const action of drill.compiled.actions.values()) {
    const aimed = action.targets.length > 0;
    if (aimed && (target === undefined || !action.targets.includes(target))) continue;
    const request = aimed ? { do: action.id, target: target! } : { do: action.id };
    const aims = aimedIndicator(action.kind);
    const verdict = drill.check(request, { valuePending: aims !== undefined });
    const progress = progressOf(
      drill,
      (a) => a.do === action.id && (!aimed || a.target === target),
    );
    rows.push({
      id: action.id,
      title: clean(action.title ?? action.id),
      description: clean(action.description),
      ...(aimed ? { target } : {}),
      duration: action.duration,
      ...('reason' in verdict && !progress ? { unavailable: clean(verdict.reason) } : {}),
      ...(progress ? { progress } : {}),
      ...(aims ? { aims } : {}),
      timesDone: drill.context.completed.filter(
        (a) => a.do === action.id && (!aimed || a.target === target),
      ).length,
    });
  }
  return rows.sort((a, b) => Number(a.target === undefined) - Number(b.target === undefined));
}

export interface ContactRow {
  id: string;
  name: string;
  role: string;
  speciality: string;
  /** Escalations completed to this contact (channel, when). */
  done: Array<{ channel: string; at: SimMs }>;
  progress?: Progress & { channel: string };
  /** Why the contact cannot answer now (its published hours or absence), and who stands in. */
  away?: string;
  /** The party it is for a formal notification (supervisory-authority, ...), if any. */
  recipient?: string;
}

/** The pseudo-channel of the escalate form that files a formal notification (`notify`). */
export const NOTIFY_CHANNEL = 'notify';

/** One obligation whose clock runs: what the team knows it owes, by when. */
export interface ObligationRow {
  id: string;
  title: string;
  contact: string;
  dueAt: SimMs;
  state: 'open' | 'met' | 'late' | 'overdue';
}

export interface EscalationView {
  contacts: ContactRow[];
  /**
   * The architecture's channels, then the formal notification (NOTIFY_CHANNEL); `busy` on a
   * one-at-a-time channel (the phone) while the responder is on a call (decision 1020).
   */
  channels: Array<{ id: string; title: string; duration: SimMs; oneAtATime?: true; busy?: true }>;
  /** The call the responder is on now: a second call is refused until it ends (decision 1020). */
  call?: { contact: string; name: string; channel: string; until: SimMs };
  obligations: ObligationRow[];
  /** The escalation matrix row for the severity the trainee declared (their own notes). */
  matrix: { severity: string; rules: Array<{ contact: string; channel: string; within: SimMs }> };
}

/** The contact's unavailability now, from its on-call hours and absence (what the team can read). */
function awayText(drill: DrillView, contact: Contact): { away?: string } {
  const epoch = Date.parse(drill.compiled.scenario.start_time) + drill.now;
  const away = contactUnavailability(contact, epoch);
  if (!away) return {};
  const backup = drill.compiled.contacts.get(contact.backup ?? '');
  return { away: clean(`${away.reason}${backup ? `; backup ${backup.name}` : ''}`) };
}

export function projectEscalation(
  drill: DrillView,
  visibleSeverity: string,
  /** Who is at the keyboard (the session's actor): their call is the one that blocks. */
  by?: string,
): EscalationView {
  const { architecture } = drill.compiled;
  const severity = drill.context.declaredSeverity ?? visibleSeverity;
  const phone = architecture.channels.find((c) => c.one_at_a_time);
  const record = phone
    ? callInProgress(drill.compiled, drill.context, { channel: phone.id, ...(by ? { by } : {}) })
    : undefined;
  const call = record && {
    contact: record.contact ?? '',
    name: clean(drill.compiled.contacts.get(record.contact ?? '')?.name ?? record.contact ?? ''),
    channel: record.channel ?? '',
    until: record.doneAt,
  };
  return {
    ...(call ? { call } : {}),
    contacts: architecture.contacts.map((c) => {
      const record = drill.context.inProgress.find(
        (a) => a.do === 'escalate' && a.contact === c.id,
      );
      const progress = progressOf(drill, (a) => a.do === 'escalate' && a.contact === c.id);
      return {
        id: c.id,
        name: clean(c.name),
        role: clean(c.role),
        speciality: clean(c.speciality),
        ...awayText(drill, c),
        ...(c.recipient ? { recipient: c.recipient } : {}),
        done: drill.context.escalations
          .filter((e) => e.contact === c.id)
          .map((e) => ({ channel: e.channel, at: e.at })),
        ...(progress && record ? { progress: { ...progress, channel: record.channel ?? '' } } : {}),
      };
    }),
    channels: [
      ...architecture.channels.map((ch) => ({
        id: ch.id,
        title: clean(ch.title),
        duration: ch.typical_minutes * 60_000,
        ...(ch.one_at_a_time ? { oneAtATime: true as const } : {}),
        ...(ch.one_at_a_time && call ? { busy: true as const } : {}),
      })),
      { id: NOTIFY_CHANNEL, title: 'Formal notification', duration: architecture.notify_duration },
    ],
    obligations: drill.compiled.obligations.flatMap((o): ObligationRow[] => {
      const clock = drill.context.obligations[o.id];
      if (!clock) return [];
      const state =
        clock.metAt !== undefined
          ? clock.overdueAt !== undefined
            ? 'late'
            : 'met'
          : clock.overdueAt !== undefined
            ? 'overdue'
            : 'open';
      return [{ id: o.id, title: clean(o.title), contact: o.contact, dueAt: clock.dueAt, state }];
    }),
    matrix: { severity, rules: architecture.escalation_matrix[severity] ?? [] },
  };
}
