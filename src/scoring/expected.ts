import {
  formatDuration,
  formatElapsed,
  PLAN_ACTION_PREFIX,
  planStepId,
  type DimensionId,
  type ExpectedResponse,
} from '../model/index.js';
import type { DraftFinding } from './draft.js';
import type { DrillFacts } from './facts.js';

/** Which dimension a scenario's expected response speaks to, by what it asks for. */
export function dimensionOfExpected(facts: DrillFacts, expected: ExpectedResponse): DimensionId {
  if (expected.action === 'escalate') return 'escalation';
  if (expected.action === 'notify') return 'notification';
  const confirm = planStepId(facts.compiled.architecture, 'confirm');
  if (expected.action === `${PLAN_ACTION_PREFIX}${confirm}`) return 'time-to-detect';
  if (expected.action.startsWith(PLAN_ACTION_PREFIX)) return 'plan';
  if (expected.action === 'declare-severity') return 'severity';
  const kind = facts.compiled.actions.get(expected.action)?.kind;
  if (kind === 'forensic-snapshot') return 'evidence';
  if (kind === 'query-siem' || kind === 'query-vulnerabilities') return 'time-to-detect';
  return 'time-to-contain';
}

/**
 * When an expected response's clock starts: its `after` (or `inject`) firing, else the first
 * evidence. Undefined when that evidence never showed: the response is then not evaluated.
 */
export function anchorOf(
  facts: DrillFacts,
  expected: ExpectedResponse,
): { t: number; event: DraftFinding['events'][number]; what: string } | undefined {
  const named = expected.after ?? expected.inject;
  if (named !== undefined) {
    const fired = facts.firedAt.get(named);
    return fired && { ...fired, what: named };
  }
  return facts.firstEvidence && { ...facts.firstEvidence, what: 'the first evidence' };
}

/**
 * The scenario's expected responses: each one started in the window from its anchor's firing to
 * `within` after it is noted (started before the anchor: the trainee could not have known, so it
 * does not count); each one missed costs `penalty` of the dimension it speaks to.
 */
export function expectedFindings(
  facts: DrillFacts,
  penalty: number,
  options: { skip?: (action: string) => boolean } = {},
): Array<{ dimension: DimensionId; finding: DraftFinding }> {
  const trace = facts.result.trace;
  // Instant actions (declare-severity) have no start entry: their completion is their start.
  const instant = new Set(
    // Stryker disable next-line MethodExpression: without the filter the set gains the start entries of the other actions, which the lookup below never asks about (it asks only of action.done entries)
    facts.done.filter((d) => d.events.length === 1).map((d) => d.events[0]!.index),
  );
  return facts.compiled.scenario.expected.flatMap((expected) => {
    if (options.skip?.(expected.action)) return [];
    const dimension = dimensionOfExpected(facts, expected);
    const start = anchorOf(facts, expected);
    if (!start) return [];
    const due = start.t + expected.within;
    // A real SIEM search (the Search tab, `ttx search`) does what a "search the SIEM" action stands for.
    const isSiemSearch = facts.compiled.actions.get(expected.action)?.kind === 'query-siem';
    // Started in time counts: the decision is what the scenario expects, not its duration.
    const index = trace.findIndex(
      (e, i) =>
        (e.type === 'action.started' || (e.type === 'action.done' && instant.has(i))) &&
        e.t >= start.t &&
        e.t <= due &&
        ((isSiemSearch && e.request.do === 'search') ||
          (e.request.do === expected.action &&
            (expected.target === undefined || e.request.target === expected.target) &&
            (expected.contact === undefined || e.request.contact === expected.contact) &&
            (expected.channel === undefined || e.request.channel === expected.channel))),
    );
    const what = `expected "${expected.id}" (${expected.action}${expected.target ? ` on ${expected.target}` : ''}${expected.contact ? ` to ${expected.contact}` : ''}) within ${formatDuration(expected.within)} of ${start.what}`;
    if (index >= 0) {
      const entry = trace[index]!;
      return {
        dimension,
        finding: {
          code: 'expected.met',
          delta: 0,
          text: `${what}: done at ${formatElapsed(entry.t)}`,
          t: entry.t,
          events: [{ index, t: entry.t, type: entry.type }],
        },
      };
    }
    return {
      dimension,
      finding: {
        code: 'expected.missed',
        delta: -penalty,
        text: `${what}: missed (due ${formatElapsed(due)}); ${expected.why}`,
        t: due,
        events: [start.event],
        recommendation: expected.why,
      },
    };
  });
}
