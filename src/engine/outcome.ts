import type { CompiledScenario } from './compiledScenario.js';
import type { DrillContext, DrillOutcome } from './types.js';

/** The drill's state reduced to what it amounts to; revenue is rounded to cents. */
export function outcomeOf(compiled: CompiledScenario, ctx: DrillContext): DrillOutcome {
  return {
    contained: ctx.contained,
    ...(ctx.containedAt !== undefined ? { containedAt: ctx.containedAt } : {}),
    ...(ctx.firstMaliciousAt !== undefined ? { firstMaliciousAt: ctx.firstMaliciousAt } : {}),
    attackerState: ctx.attackerState,
    attackerReached: ctx.visited,
    objectiveReached: ctx.objectiveReachedAt !== undefined,
    // Stryker disable next-line OptionalChaining: initialContext gives every component of componentIds a state
    compromised: compiled.componentIds.filter((id) => ctx.components[id]?.compromised),
    dataReached: ctx.dataReached,
    severity: ctx.severity,
    revenueLost: Math.round(ctx.revenueLost * 100) / 100,
    ...(ctx.ended ? { endedAt: ctx.ended.at, endReason: ctx.ended.reason } : {}),
  };
}
