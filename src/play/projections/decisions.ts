import type { TraceEntry } from '../../engine/index.js';
import { formatElapsed, stripControl } from '../../model/index.js';
import type { OpenDecision } from '../facilitator/evaluation.js';
import type { DrillView } from './drillView.js';

/** The discussion an inject brings to the table: its questions and its decision point. */
export interface InjectDiscussion {
  questions: string[];
  /** The decision point, while it is still open. */
  decision?: OpenDecision;
  /** What was decided, once it was (`T+00:40  option label (owner)`). */
  decided?: string;
}

type Decided = Extract<TraceEntry, { type: 'action.done' }>;

function decidedByPoint(drill: DrillView): Map<string, Decided> {
  const out = new Map<string, Decided>();
  for (const e of drill.trace)
    if (e.type === 'action.done' && e.request.do === 'decide' && e.request.decision)
      out.set(e.request.decision, e);
  return out;
}

function firedInjects(drill: DrillView) {
  const scenario = drill.compiled.scenario;
  return drill.context.fired.flatMap((f) => {
    const inject = scenario.injects.find((i) => i.id === f.id);
    return inject ? [inject] : [];
  });
}

function openPoint(
  decision: NonNullable<DrillView['compiled']['scenario']['injects'][number]['decision']>,
): OpenDecision {
  return {
    id: decision.id,
    question: stripControl(decision.question),
    options: decision.options.map((o) => ({ id: o.id, label: stripControl(o.label) })),
  };
}

/** Decision points whose inject has reached the team and that it has not decided yet. */
export function openDecisions(drill: DrillView): OpenDecision[] {
  const decided = decidedByPoint(drill);
  return firedInjects(drill).flatMap((inject) =>
    inject.decision && !decided.has(inject.decision.id) ? [openPoint(inject.decision)] : [],
  );
}

/** The decisions taken so far, in order: `T+00:40  question: option (owner)`. */
export function decisionLog(drill: DrillView): string[] {
  const scenario = drill.compiled.scenario;
  return [...decidedByPoint(drill).values()].map((e) => {
    const point = scenario.injects.find((i) => i.decision?.id === e.request.decision)?.decision;
    const label = point?.options.find((o) => o.id === e.request.option)?.label ?? e.request.option;
    return stripControl(
      `${formatElapsed(e.t)}  ${point?.question ?? e.request.decision}: ${label}${e.request.owner ? ` (${e.request.owner})` : ''}`,
    );
  });
}

/** What an inject that has fired brings to discuss: its questions, its decision point and its fate. */
export function injectDiscussion(drill: DrillView, injectId: string): InjectDiscussion | undefined {
  const inject = drill.compiled.scenario.injects.find((i) => i.id === injectId);
  if (!inject || !drill.context.fired.some((f) => f.id === injectId)) return undefined;
  if (inject.discussion.length === 0 && !inject.decision) return undefined;
  const done = inject.decision ? decidedByPoint(drill).get(inject.decision.id) : undefined;
  const label = inject.decision?.options.find((o) => o.id === done?.request.option)?.label;
  return {
    questions: inject.discussion.map(stripControl),
    ...(inject.decision && !done ? { decision: openPoint(inject.decision) } : {}),
    ...(done
      ? {
          decided: stripControl(
            `${formatElapsed(done.t)}  ${label ?? done.request.option}${done.request.owner ? ` (${done.request.owner})` : ''}`,
          ),
        }
      : {}),
  };
}

/** The discussion questions of the injects fired so far, latest first. */
export function discussionSoFar(drill: DrillView): Array<{ title: string; questions: string[] }> {
  return firedInjects(drill)
    .filter((inject) => inject.discussion.length > 0)
    .reverse()
    .map((inject) => ({
      title: stripControl(inject.title),
      questions: inject.discussion.map(stripControl),
    }));
}
