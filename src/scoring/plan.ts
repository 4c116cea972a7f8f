import { formatElapsed, planStepId, type PlanRole, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { planStepDone, severityRank, type DrillFacts } from './facts.js';

type PlanRubric = NonNullable<Rubric['dimensions']['plan']>;

/** The rubric's rule for a step: a rubric names plan roles, so it fits every architecture. */
function ruleFor(rubric: PlanRubric, step: { role?: string | undefined }) {
  return step.role === undefined ? undefined : rubric.steps[step.role];
}

/** Plan steps expected at the severity reached (a step may be expected only from a severity up). */
export function expectedSteps(facts: DrillFacts, rubric: PlanRubric) {
  return [...facts.compiled.architecture.emergency_plan]
    .sort((a, b) => a.order - b.order)
    .filter((step) => {
      const from = ruleFor(rubric, step)?.required_from;
      return from === undefined || severityRank(facts, facts.severity) >= severityRank(facts, from);
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
  const steps = expectedSteps(facts, rubric);
  const weight = (step: (typeof steps)[number]) => ruleFor(rubric, step)?.weight ?? 1;
  const total = steps.reduce((sum, s) => sum + weight(s), 0);
  const missed: string[] = [];
  for (const step of steps) {
    const done = planStepDone(facts, step.id);
    const share = total > 0 ? weight(step) / total : 0;
    if (done) {
      findings.push({
        code: 'plan.step-done',
        delta: share,
        text: `step ${step.order} "${step.title}" done at ${formatElapsed(done.doneAt)}`,
        t: done.doneAt,
        events: done.events,
      });
    } else {
      missed.push(step.id);
      findings.push({
        code: 'plan.step-missed',
        delta: 0,
        text: `step ${step.order} "${step.title}" was not done`,
        events: [],
        recommendation: `Follow the emergency plan: make "${step.title}" part of every response.`,
      });
    }
  }
  const ordered = rubric.in_order
    .flatMap((role) => {
      const id = planStepId(facts.compiled.architecture, role as PlanRole);
      return id === undefined ? [] : [{ id, done: planStepDone(facts, id) }];
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
