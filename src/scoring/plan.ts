import { formatElapsed, planStepId, type PlanRole, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { severityRank, workingSeverityAt, type DrillFacts } from './facts.js';
import { stepDone } from './planSteps.js';

type PlanRubric = NonNullable<Rubric['dimensions']['plan']>;

/** The rubric's rule for a step: a rubric names plan roles, so it fits every architecture. */
function ruleFor(rubric: PlanRubric, step: { role?: string | undefined }) {
  return step.role === undefined ? undefined : rubric.steps[step.role];
}

/**
 * Plan steps expected at the severity in hand at the end (observed or declared; a step may be
 * expected only from a severity up).
 */
export function expectedSteps(facts: DrillFacts, rubric: PlanRubric) {
  const inHand = workingSeverityAt(facts, Infinity);
  return [...facts.compiled.architecture.emergency_plan]
    .sort((a, b) => a.order - b.order)
    .filter((step) => {
      const from = ruleFor(rubric, step)?.required_from;
      return from === undefined || severityRank(facts, inHand) >= severityRank(facts, from);
    });
}

/**
 * Each expected step done earns its weight's share; each adjacent pair of `in_order` steps done
 * out of order (the later started before the earlier was done) costs `order_penalty`.
 */
export function planDimension(
  facts: DrillFacts,
  rubric: PlanRubric,
): { findings: DraftFinding[]; missed: string[] } {
  const findings: DraftFinding[] = [];
  if (!facts.firstEvidence) {
    findings.push({
      code: 'plan.not-evaluated',
      delta: 0,
      text: 'no evidence was observable, so the plan was never called for (not evaluated)',
      events: [],
    });
    return { findings, missed: [] };
  }
  const steps = expectedSteps(facts, rubric);
  const byId = new Map(facts.compiled.architecture.emergency_plan.map((s) => [s.id, s]));
  const done = (id: string) => {
    const step = byId.get(id);
    return step && stepDone(facts, step);
  };
  const weight = (step: (typeof steps)[number]) => ruleFor(rubric, step)?.weight ?? 1;
  const total = steps.reduce((sum, s) => sum + weight(s), 0);
  const missed: string[] = [];
  for (const step of steps) {
    const did = done(step.id);
    const share = total > 0 ? weight(step) / total : 0;
    if (did) {
      findings.push({
        code: 'plan.step-done',
        delta: share,
        text: `step ${step.order} "${step.title}" done at ${formatElapsed(did.doneAt)}${did.do === 'escalate' ? ` (told ${did.contact})` : ''}`,
        t: did.doneAt,
        events: did.events,
      });
    } else {
      missed.push(step.id);
      findings.push({
        code: 'plan.step-missed',
        delta: 0,
        text: `step ${step.order} "${step.title}" was not done (a tick with nothing behind it, or before any evidence, does not count)`,
        events: [],
        recommendation: `Follow the emergency plan: make "${step.title}" part of every response.`,
      });
    }
  }
  const ordered = rubric.in_order
    .flatMap((role) => {
      const id = planStepId(facts.compiled.architecture, role as PlanRole);
      return id === undefined ? [] : [{ id, done: done(id) }];
    })
    .filter((s) => s.done !== undefined);
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1]!;
    const after = ordered[i]!;
    if (after.done!.startedAt < before.done!.doneAt) {
      findings.push({
        code: 'plan.out-of-order',
        delta: -rubric.order_penalty,
        text: `"${after.id}" started at ${formatElapsed(after.done!.startedAt)}, before "${before.id}" was done at ${formatElapsed(before.done!.doneAt)}`,
        t: after.done!.startedAt,
        events: [...before.done!.events, ...after.done!.events],
        recommendation: `Finish "${before.id}" before starting "${after.id}".`,
      });
    }
  }
  return { findings, missed };
}
