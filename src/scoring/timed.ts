import { formatDuration, planStepId, type Rubric, type TimeTarget } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { timeCredit } from './draft.js';
import {
  planStepAfterEvidence,
  severityRank,
  workingSeverityAt,
  type DrillFacts,
} from './facts.js';
import type { EventRef } from './types.js';

type TimedId = 'time-to-detect' | 'time-to-escalate' | 'time-to-contain';

/** When each clock stops: the event that ends it, if it happened. */
function clockStop(facts: DrillFacts, id: TimedId): { t: number; events: EventRef[] } | undefined {
  switch (id) {
    case 'time-to-detect': {
      const step = planStepId(facts.compiled.architecture, 'confirm');
      const confirm = step === undefined ? undefined : planStepAfterEvidence(facts, step);
      return confirm && { t: confirm.doneAt, events: confirm.events };
    }
    case 'time-to-escalate': {
      const first = requiredEscalations(facts)[0];
      return first && { t: first.doneAt, events: first.events };
    }
    case 'time-to-contain': {
      // Only the containment that held to the end counts, and only once there was evidence.
      const held = facts.contained;
      // Stryker disable next-line OptionalChaining: clockStop runs only once timedDimension has found the first evidence
      const from = facts.firstEvidence?.t ?? Infinity;
      return held && held.t >= from ? { t: held.t, events: [held] } : undefined;
    }
  }
}

/**
 * Escalations started once evidence was observable, to a contact the matrix lists for the
 * severity the trainee was working at by then (observed or declared), in time order.
 */
export function requiredEscalations(facts: DrillFacts) {
  const matrix = facts.compiled.architecture.escalation_matrix;
  // Stryker disable next-line OptionalChaining: both callers (the time-to-escalate clock, the plan's escalate step) return before this without evidence
  const from = facts.firstEvidence?.t ?? Infinity;
  return facts.done.filter(
    (a) =>
      a.do === 'escalate' &&
      a.startedAt >= from &&
      (matrix[workingSeverityAt(facts, a.doneAt)] ?? []).some((r) => r.contact === a.contact),
  );
}

const WHAT: Record<TimedId, { stop: string; missing: string; recommendation: string }> = {
  'time-to-detect': {
    stop: 'confirmed (plan step 1 done)',
    missing: 'the suspicious event was never confirmed',
    recommendation:
      'Triage high-severity alerts first and confirm them against the baseline and the vulnerability map.',
  },
  'time-to-escalate': {
    stop: 'first required escalation made',
    missing: 'nobody the escalation matrix requires was told',
    recommendation:
      'Escalate by the matrix as soon as the event is confirmed; keep contacts at hand.',
  },
  'time-to-contain': {
    stop: 'contained',
    missing: 'the attacker was never contained',
    recommendation:
      'Isolate the compromised host and close the entry point (block, WAF rule, patch) early.',
  },
};

/**
 * Severity the targets are read at: the highest the evidence showed (worse incidents get tighter
 * targets; a hidden attacker move the trainee could not see does not move them).
 */
export function targetAt(targets: Record<string, TimeTarget>, facts: DrillFacts): TimeTarget {
  const at = facts.observedSeverity;
  const exact = targets[at];
  if (exact) return exact;
  // The loader demands every severity; a hand-built rubric may still miss one: take the nearest below.
  const below = Object.keys(targets)
    .filter((s) => severityRank(facts, s) <= severityRank(facts, at))
    .sort((a, b) => severityRank(facts, b) - severityRank(facts, a));
  return targets[below[0] ?? Object.keys(targets)[0]!]!;
}

/**
 * A clock from the first evidence the trainee could see to `id`'s stop, against the targets for
 * the severity the evidence showed. In a drill with no malicious activity (a false positive) the
 * clock starts at the first alert. A drill with no evidence at all leaves the clock not evaluated;
 * a stop before the evidence (an action nothing justified yet) earns nothing.
 */
export function timedDimension(
  facts: DrillFacts,
  id: TimedId,
  dimension: NonNullable<Rubric['dimensions'][TimedId]>,
): { findings: DraftFinding[]; elapsed?: number } {
  const what = WHAT[id];
  const start = facts.firstEvidence;
  const from = `the first evidence (${facts.evidence[0]?.inject ?? 'the first alert'})`;
  if (!start) {
    return {
      findings: [
        {
          code: `${id}.not-evaluated`,
          delta: 0,
          text: 'no evidence was observable in this drill: nothing to measure (not evaluated)',
          events: [],
        },
      ],
    };
  }
  const target = targetAt(dimension.targets, facts);
  const goal = `target ${formatDuration(target.target)}, no credit from ${formatDuration(target.limit)} at severity ${facts.observedSeverity}`;
  const stop = clockStop(facts, id);
  if (!stop) {
    return {
      findings: [
        {
          code: `${id}.never`,
          delta: 0,
          text: `${what.missing} (${goal})`,
          t: start.t,
          events: [start.event],
          recommendation: dimension.corrective_action ?? what.recommendation,
        },
      ],
    };
  }
  // clockStop only returns stops at or after the evidence, so elapsed is never negative.
  const elapsed = stop.t - start.t;
  const credit = timeCredit(elapsed, target);
  return {
    elapsed,
    findings: [
      {
        code: credit === 1 ? `${id}.on-target` : `${id}.slow`,
        delta: credit,
        text: `${what.stop} ${formatDuration(elapsed)} after ${from} (${goal})`,
        t: stop.t,
        events: [start.event, ...stop.events],
        ...(credit < 1
          ? { recommendation: dimension.corrective_action ?? what.recommendation }
          : {}),
      },
    ],
  };
}
