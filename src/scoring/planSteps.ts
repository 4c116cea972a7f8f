import type { Architecture } from '../model/index.js';
import { PLAN_ACTION_PREFIX } from '../model/index.js';
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

/** Steps an escalation does: telling this contact is the step (a tick is not needed). */
const CONTACT_OF_ROLE: Record<string, string> = {
  'contact-epp': 'epp-provider',
  'contact-soc': 'soc-provider',
  'alert-infra': 'infra-team',
  'coordinate-pr': 'pr-dept',
};

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
  const from = facts.firstEvidence?.t ?? Infinity;
  return facts.done.find(
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
 * When a plan step was really done: by the action that does it (an escalation to the SOC provider
 * is "Contact SOC provider"; the matrix escalations are step 2), or by a tick that has something
 * behind it (confirm after an investigation, close once contained, report after closing). A tick
 * with nothing behind it, or before any evidence, is not the step.
 */
export function stepDone(facts: DrillFacts, step: PlanStep): DoneAction | undefined {
  const role = stepRole(step);
  const contact = CONTACT_OF_ROLE[role];
  const from = facts.firstEvidence?.t ?? Infinity;
  if (contact !== undefined)
    return facts.done.find(
      (a) => a.do === 'escalate' && a.contact === contact && a.startedAt >= from,
    );
  if (role === 'escalate') return requiredEscalations(facts)[0];
  const tick = planStepAfterEvidence(facts, step.id);
  if (!tick) return undefined;
  const hasInvestigation = [...facts.compiled.actions.values()].some((a) =>
    INVESTIGATE.has(a.kind),
  );
  switch (role) {
    case 'confirm':
    case 'assess-impact':
      return !hasInvestigation || backedBy(facts, INVESTIGATE, tick.doneAt) ? tick : undefined;
    case 'coordinate-restoration':
      return backedBy(facts, REMEDIATE, tick.doneAt) || containedAt(facts, tick.doneAt)
        ? tick
        : undefined;
    case 'close':
      return containedAt(facts, tick.doneAt) ? tick : undefined;
    case 'monitor':
    case 'report': {
      const close = facts.compiled.architecture.emergency_plan.find((s) => stepRole(s) === 'close');
      const closed = close && stepDone(facts, close);
      return closed && closed.doneAt <= tick.startedAt ? tick : undefined;
    }
    default:
      return tick;
  }
}

/** Plan-step action names (`plan.<id>`) by step, for the lookups that start from the action. */
export const planAction = (step: PlanStep) => `${PLAN_ACTION_PREFIX}${step.id}`;
