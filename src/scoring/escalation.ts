import { formatDuration, formatElapsed, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { severityRank, workingSeverityAt, type DrillFacts } from './facts.js';

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

/**
 * When the trainee had to act on each severity: the earlier of the evidence of it (or worse)
 * becoming observable and their own declaration of it (or worse). Hidden attacker moves start
 * no deadline.
 */
export function severityClocks(
  facts: DrillFacts,
): Array<{ id: string; t: number; event: Requirement['event'] }> {
  const rank = (id: string) => severityRank(facts, id);
  const initial = facts.compiled.scenario.severity;
  return facts.compiled.architecture.severities.flatMap(({ id }) => {
    // The initial severity is in hand from the first evidence (a triage ticket at low).
    const seen =
      id === initial ? facts.firstEvidence : facts.observed.find((o) => rank(o.id) >= rank(id));
    const said = facts.declared.find((d) => rank(d.id) >= rank(id));
    const first = [seen, said].filter((x) => x !== undefined).sort((x, y) => x.t - y.t)[0];
    return first ? [{ id, t: first.t, event: first.event }] : [];
  });
}

export function requirements(facts: DrillFacts): Requirement[] {
  const matrix = facts.compiled.architecture.escalation_matrix;
  const rank = (id: string) => severityRank(facts, id);
  const rules = new Map<
    string,
    Array<{ severity: string; channel: string; due: number; event: Requirement['event'] }>
  >();
  for (const reached of severityClocks(facts)) {
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
  // accepted (a ticket where a call was due is not; a call where less was asked is, see below).
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
 * Each contact the matrix requires at a severity the trainee had to act on earns an equal share:
 * all of it on time through an accepted channel, less when late or through another channel, none
 * when missing (an escalation before any evidence does not count). Calling a technical expert
 * early is never penalised; telling a sensitive contact (PR, upper management) whom the severity
 * in hand did not call for costs `sensitive_penalty`.
 */
export function escalationDimension(
  facts: DrillFacts,
  rubric: EscalationRubric,
): EscalationVerdict {
  const findings: DraftFinding[] = [];
  const required = requirements(facts);
  const escalations = facts.done.filter((a) => a.do === 'escalate');
  const from = facts.firstEvidence?.t ?? Infinity;
  const counted = escalations.filter((e) => e.startedAt >= from);
  const matrix = facts.compiled.architecture.escalation_matrix;
  const share = required.length ? 1 / required.length : 0;
  let correct = 0;
  if (required.length === 0) {
    findings.push(
      escalations.length
        ? {
            code: 'escalation.none-required',
            delta: 1,
            text: 'no severity in hand required an escalation',
            events: [],
          }
        : {
            code: 'escalation.not-evaluated',
            delta: 0,
            text: 'no evidence called for an escalation and nobody was told (not evaluated)',
            events: [],
          },
    );
  }
  // A call reaches the person there and then: where the matrix asks for a chat message, an
  // e-mail or a ticket, a call (a one-at-a-time channel, decision 1020) is enough too.
  const accepted = (need: Requirement, channel: string | undefined) =>
    // Stryker disable next-line StringLiteral: the engine refuses an escalation without a known channel (drillReducers), so the fallback is never read
    need.channels.includes(channel ?? '') || facts.compiled.oneAtATime.has(channel ?? '');
  for (const need of required) {
    const made = counted.filter((e) => e.contact === need.contact);
    const rightChannel = made.filter((e) => accepted(need, e.channel));
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
    const channelOk = accepted(need, best.channel);
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
    // Stryker disable next-line StringLiteral: the engine refuses an escalation without a known contact (drillReducers), so the fallback is never read
    const contact = e.contact ?? '';
    if (needless.has(contact) || !rubric.sensitive_contacts.includes(contact)) continue;
    // Cumulative: a contact listed at the severity in hand or any lower one is called for.
    const inHand = workingSeverityAt(facts, e.doneAt);
    const called =
      e.startedAt >= from &&
      facts.compiled.architecture.severities
        .filter((s) => severityRank(facts, s.id) <= severityRank(facts, inHand))
        .some((s) => (matrix[s.id] ?? []).some((r) => r.contact === contact));
    if (called) continue;
    needless.add(contact);
    findings.push({
      code: 'escalation.over-sensitive',
      delta: -rubric.sensitive_penalty,
      text: `${contact} told at ${formatElapsed(e.doneAt)} although the incident in hand was ${inHand}, which does not call for them (needless alarm to a sensitive contact)`,
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
