import type { Architecture } from '../model/index.js';
import { planBacking } from '../model/index.js';
import { planStepAfterEvidence, type DoneAction, type DrillFacts } from './facts.js';
import { requiredEscalations } from './timed.js';

type PlanStep = Architecture['emergency_plan'][number];

/**
 * What a plan step is for, the one place scoring reads it: the step's `role` once the
 * architecture declares roles, else its id (the source text's plan uses these ids).
 */
export function stepRole(step: PlanStep): string {
  return (step as PlanStep & { role?: string }).role ?? step.id;
}

/** Investigations: the scenario's query actions, and a real SIEM search or console command. */
const INVESTIGATE = new Set(['query-siem', 'query-vulnerabilities', 'search', 'shell']);
const REMEDIATE = new Set([
  'patch',
  'restore-backup',
  'reset-credentials',
  'enable-waf-rule',
  'custom',
]);

function kindOf(facts: DrillFacts, action: DoneAction): string | undefined {
  if (action.do === 'search' || action.do === 'shell') return action.do;
  return facts.compiled.actions.get(action.do)?.kind;
}

/** The first action after the evidence whose kind is in `kinds` and that was done by `by`. */
function backedBy(facts: DrillFacts, kinds: Set<string>, by: number): DoneAction | undefined {
  // Stryker disable next-line OptionalChaining: stepDone's only caller (the plan dimension) returns before this without evidence
  const from = facts.firstEvidence?.t ?? Infinity;
  return facts.done.find(
    // Stryker disable next-line StringLiteral: an action of no known kind is in no kind set, whatever stands in for it
    (a) => a.startedAt >= from && a.doneAt <= by && kinds.has(kindOf(facts, a) ?? ''),
  );
}

/** Whether the drill was contained at `t` (a containment reached by then and not lost since). */
function containedAt(facts: DrillFacts, t: number): boolean {
  let contained = false;
  for (const e of facts.result.trace) {
    if (e.t > t) break;
    if (e.type === 'contained') contained = true;
    if (e.type === 'containment.lost') contained = false;
  }
  return contained;
}

/**
 * When a plan step was really done: by the action that does it (a step with a `contact` by the
 * escalation to that contact, "Contact SOC provider" by telling the SOC provider; the matrix
 * escalations for the escalate role), or by a tick that has what its role's backing asks for
 * behind it (src/model/roles.ts: confirm after an investigation, close once contained, report
 * after closing). A tick with nothing behind it, or before any evidence, is not the step.
 */
export function stepDone(facts: DrillFacts, step: PlanStep): DoneAction | undefined {
  // Stryker disable next-line OptionalChaining: its only caller (the plan dimension) returns before this without evidence
  const from = facts.firstEvidence?.t ?? Infinity;
  if (step.contact !== undefined)
    return facts.done.find(
      (a) => a.do === 'escalate' && a.contact === step.contact && a.startedAt >= from,
    );
  const backing = planBacking(stepRole(step));
  if (backing === 'matrix') return requiredEscalations(facts)[0];
  const tick = planStepAfterEvidence(facts, step.id);
  if (!tick) return undefined;
  const hasInvestigation = [...facts.compiled.actions.values()].some((a) =>
    INVESTIGATE.has(a.kind),
  );
  switch (backing) {
    case 'investigation':
      return !hasInvestigation || backedBy(facts, INVESTIGATE, tick.doneAt) ? tick : undefined;
    case 'remediation':
      return backedBy(facts, REMEDIATE, tick.doneAt) || containedAt(facts, tick.doneAt)
        ? tick
        : undefined;
    case 'containment':
      return containedAt(facts, tick.doneAt) ? tick : undefined;
    case 'closed': {
      const close = facts.compiled.architecture.emergency_plan.find(
        (s) => planBacking(stepRole(s)) === 'containment',
      );
      const closed = close && stepDone(facts, close);
      return closed && closed.doneAt <= tick.startedAt ? tick : undefined;
    }
    default:
      return tick;
  }
}
