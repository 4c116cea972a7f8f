import { formatElapsed, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { planStepDone, severityRank, type DrillFacts } from './facts.js';

type PlanRubric = NonNullable<Rubric['dimensions']['plan']>;

/** Plan steps expected at the severity reached (a step may be expected only from a severity up). */
export function expectedSteps(facts: DrillFacts, rubric: PlanRubric) {
  return [...facts.compiled.architecture.emergency_plan]
    .sort((a, b) => a.order - b.order)
    .filter((step) => {
      const from = rubric.steps[step.id]?.required_from;
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
  const weight = (id: string) => rubric.steps[id]?.weight ?? 1;
  const total = steps.reduce((sum, s) => sum + weight(s.id), 0);
  const missed: string[] = [];
  for (const step of steps) {
    const done = planStepDone(facts, step.id);
    const share = total > 0 ? weight(step.id) / total : 0;
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
    .map((id) => ({ id, done: planStepDone(facts, id) }))
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
