import type { TraceEntry } from '../engine/index.js';
import { formatElapsed, type Scenario } from '../model/index.js';
import type { Results } from './resultsSchema.js';

type DecisionEntry = NonNullable<Results['decisions']>[number];
type Evaluation = NonNullable<Results['evaluations']>[number];

/** The actions the engine carried out, with their time (a rejected request is no decision). */
function done(trace: readonly TraceEntry[], kind: string) {
  return trace.filter(
    (e): e is Extract<TraceEntry, { type: 'action.done' }> =>
      e.type === 'action.done' && e.request.do === kind,
  );
}

/** The decision log of a drill: every decision the team recorded, in order, with its question. */
export function decisionLog(scenario: Scenario, trace: readonly TraceEntry[]): DecisionEntry[] {
  const points = new Map(
    scenario.injects.flatMap((i) => (i.decision ? [[i.decision.id, i.decision] as const] : [])),
  );
  return done(trace, 'decide').flatMap((e) => {
    const point = points.get(e.request.decision ?? '');
    const option = point?.options.find((o) => o.id === e.request.option);
    if (!point || !option) return [];
    const r = e.request;
    return [
      {
        at: e.t,
        decision: point.id,
        question: point.question,
        option: option.id,
        label: option.label,
        ...(r.owner ? { owner: r.owner } : {}),
        ...(r.text ? { rationale: r.text } : {}),
        ...(r.followup ? { followup: r.followup } : {}),
        ...(r.by ? { by: r.by } : {}),
      },
    ];
  });
}

/** The evaluators' ratings: the latest rating of each objective (a later one revises it). */
export function evaluatorRatings(trace: readonly TraceEntry[]): Evaluation[] {
  const latest = new Map<string, Evaluation>();
  for (const e of done(trace, 'facilitator.rate')) {
    const r = e.request;
    if (!r.objective || !r.rating) continue;
    latest.set(r.objective, {
      at: e.t,
      objective: r.objective,
      rating: r.rating,
      ...(r.text ? { notes: r.text } : {}),
      ...(r.by ? { by: r.by } : {}),
    });
  }
  return [...latest.values()];
}

export const DECISION_COLUMNS = ['Time', 'Decision', 'Chosen', 'Owner', 'Rationale', 'Follow-up'];

/** The decision log's table cells, escaped for one format (Markdown or HTML) by `escape`. */
export function decisionCells(results: Results, escape: (text: string) => string): string[][] {
  return (results.decisions ?? []).map((d) => [
    formatElapsed(d.at),
    escape(d.question),
    escape(d.label),
    escape(d.owner ?? ''),
    escape(d.rationale ?? ''),
    escape(d.followup ?? ''),
  ]);
}
