import { planStepId, type Coach, type CoachPhase } from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import { holds } from './conditions.js';
import type { DrillContext } from './types.js';

/**
 * Where the incident response stands, from the drill state (NIST SP 800-61 phases):
 * nothing seen yet -> preparation; alerts but nothing confirmed -> detection; confirmed but not
 * contained -> containment; contained but not closed -> eradication; closed -> post-incident.
 */
export function coachPhase(ctx: DrillContext, compiled: CompiledScenario): CoachPhase {
  const done = (id: string | undefined) => id !== undefined && ctx.plan[id]?.status === 'done';
  if (done(planStepId(compiled.architecture, 'close'))) return 'post-incident';
  if (ctx.contained) return 'eradication';
  if (done(planStepId(compiled.architecture, 'confirm'))) return 'containment';
  if (ctx.fired.length > 0) return 'detection';
  return 'preparation';
}

/** Hints of the current phase whose condition holds, in the order the author wrote them. */
export function currentHints(
  coach: Coach | undefined,
  ctx: DrillContext,
  compiled: CompiledScenario,
) {
  const phase = coachPhase(ctx, compiled);
  return (coach?.hints ?? []).filter(
    (hint) => hint.phase === phase && (!hint.when || holds(hint.when, ctx, compiled)),
  );
}

/** The explanation for an action just completed (most specific first: action + target). */
export function explanationFor(
  coach: Coach | undefined,
  compiled: CompiledScenario,
  request: { do: string; target?: string },
): string | undefined {
  const explanations = coach?.explanations ?? [];
  const exact = explanations.find((e) => e.action === request.do && e.target === request.target);
  const general = explanations.find((e) => e.action === request.do && e.target === undefined);
  return (exact ?? general)?.text ?? compiled.actions.get(request.do)?.explain;
}

/**
 * Simulated time since the trainee last did anything (for "stuck" detection). `ctx.now` is the
 * time of the last event the machine processed; pass the drill's clock (`drill.now`) to count a
 * quiet stretch with no events in it too.
 */
export function idleFor(ctx: DrillContext, now: number = ctx.now): number {
  // A finished action counts from its end: a trainee who just waited out a 15-minute snapshot is
  // not idle. One still running counts from its start.
  const last = Math.max(
    0,
    ...ctx.completed.map((a) => a.doneAt),
    ...ctx.inProgress.map((a) => a.startedAt),
  );
  return Math.max(0, now - last);
}
