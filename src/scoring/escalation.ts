import { formatDuration, formatElapsed, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { severityAt, severityRank, type DrillFacts } from './facts.js';

type EscalationRubric = NonNullable<Rubric['dimensions']['escalation']>;

/** What the matrix asks of one contact over the drill. */
interface Requirement {
  contact: string;
  /** The earliest deadline among the severities reached that list the contact. */
  due: number;
  /** The severity that set the deadline. */
  severity: string;
  /** Channels any reached severity's rule accepts for the contact. */
  channels: string[];
  event: DraftFinding['events'][number];
}

export function requirements(facts: DrillFacts): Requirement[] {
  const matrix = facts.compiled.architecture.escalation_matrix;
  const rank = (id: string) => severityRank(facts, id);
  const rules = new Map<
    string,
    Array<{ severity: string; channel: string; due: number; event: Requirement['event'] }>
  >();
  for (const reached of facts.severities) {
    for (const rule of matrix[reached.id] ?? []) {
      const list = rules.get(rule.contact) ?? [];
      list.push({
        severity: reached.id,
        channel: rule.channel,
        due: reached.t + rule.within,
        event: reached.event,
      });
      rules.set(rule.contact, list);
    }
  }
  // The earliest deadline counts; the channels of that severity and of any higher one reached are
  // accepted (a phone call where chat was enough is fine; a ticket where a call was due is not).
  return [...rules.entries()].map(([contact, list]) => {
    const first = list.reduce((a, b) => (b.due < a.due ? b : a));
    const channels = [
      ...new Set(
        list.filter((r) => rank(r.severity) >= rank(first.severity)).map((r) => r.channel),
      ),
    ];
    return { contact, due: first.due, severity: first.severity, channels, event: first.event };
  });
}

export interface EscalationVerdict {
  findings: DraftFinding[];
  /** Required escalations made on time through an accepted channel / (required + needless). */
  accuracy?: number;
}

/**
 * Each contact the matrix requires at a severity reached earns an equal share: all of it on time
 * through an accepted channel, less when late or through another channel, none when missing.
 * Each contact told although no severity reached by then called for them costs a penalty,
 * more for sensitive contacts (PR, upper management).
 */
export function escalationDimension(
  facts: DrillFacts,
  rubric: EscalationRubric,
): EscalationVerdict {
  const findings: DraftFinding[] = [];
  const required = requirements(facts);
  const escalations = facts.done.filter((a) => a.do === 'escalate');
  const matrix = facts.compiled.architecture.escalation_matrix;
  const share = required.length ? 1 / required.length : 0;
  let correct = 0;
  if (required.length === 0) {
    findings.push({
      code: 'escalation.none-required',
      delta: 1,
      text: 'no severity reached required an escalation',
      events: [],
    });
  }
  for (const need of required) {
    const made = escalations.filter((e) => e.contact === need.contact);
    const rightChannel = made.filter((e) => need.channels.includes(e.channel ?? ''));
    const best = rightChannel[0] ?? made[0];
    const deadline = `${need.severity} requires ${need.contact} by ${need.channels.join(' or ')} by ${formatElapsed(need.due)}`;
    if (!best) {
      findings.push({
        code: 'escalation.missing',
        delta: 0,
        text: `${need.contact} was never told (${deadline})`,
        t: need.due,
        events: [need.event],
        recommendation: `Escalate to ${need.contact} by ${need.channels[0]} as the escalation matrix requires at ${need.severity}.`,
      });
      continue;
    }
    const onTime = best.doneAt <= need.due;
    const channelOk = need.channels.includes(best.channel ?? '');
    let credit = 1;
    const problems: string[] = [];
    if (!onTime) {
      credit *= rubric.late_credit;
      problems.push(`${formatDuration(best.doneAt - need.due)} late`);
    }
    if (!channelOk) {
      credit *= rubric.wrong_channel_credit;
      problems.push(`by ${best.channel} instead of ${need.channels.join(' or ')}`);
    }
    if (onTime && channelOk) correct += 1;
    findings.push({
      code: problems.length
        ? onTime
          ? 'escalation.wrong-channel'
          : 'escalation.late'
        : 'escalation.on-time',
      delta: share * credit,
      text: `${need.contact} told by ${best.channel} at ${formatElapsed(best.doneAt)}${
        problems.length ? ` (${problems.join(', ')}; ${deadline})` : ` (${deadline})`
      }`,
      t: best.doneAt,
      events: [need.event, ...best.events],
      ...(problems.length
        ? {
            recommendation: `Tell ${need.contact} by ${need.channels[0]} within the matrix's time.`,
          }
        : {}),
    });
  }
  const needless = new Set<string>();
  for (const e of escalations) {
    const contact = e.contact ?? '';
    if (needless.has(contact)) continue;
    const reachedByThen = facts.severities.filter((s) => s.t <= e.doneAt).map((s) => s.id);
    const called = reachedByThen.some((s) => (matrix[s] ?? []).some((r) => r.contact === contact));
    if (called) continue;
    needless.add(contact);
    const sensitive = rubric.sensitive_contacts.includes(contact);
    const penalty = sensitive ? rubric.sensitive_penalty : rubric.over_escalation_penalty;
    findings.push({
      code: sensitive ? 'escalation.over-sensitive' : 'escalation.over',
      delta: -penalty,
      text: `${contact} told at ${formatElapsed(e.doneAt)} although the incident was ${severityAt(facts, e.doneAt)}, which does not call for them${
        sensitive ? ' (needless alarm to a sensitive contact)' : ''
      }`,
      t: e.doneAt,
      events: e.events,
      recommendation: `Escalate by the matrix for the severity; keep ${contact} for the severities that list them.`,
    });
  }
  const denominator = required.length + needless.size;
  return {
    findings,
    ...(denominator > 0 ? { accuracy: correct / denominator } : {}),
  };
}
