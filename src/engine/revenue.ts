import type { CompiledScenario } from './compiledScenario.js';
import type { DrillContext } from './types.js';

/**
 * Share of revenue (0..1) lost per hour in the current state. Within a layer, isolated
 * components' revenue shares add up (fewer front ends serve fewer customers); across layers the
 * worst one counts (requests pass through every layer). The traffic mode's loss applies on top
 * as a floor.
 */
export function revenueLossRate(ctx: DrillContext, compiled: CompiledScenario): number {
  const modes = compiled.architecture.business.traffic_modes;
  const perLayer = new Map<string, number>();
  for (const component of compiled.architecture.components) {
    if (ctx.components[component.id]?.isolated && component.revenue_share > 0) {
      perLayer.set(component.layer, (perLayer.get(component.layer) ?? 0) + component.revenue_share);
    }
  }
  // An attack that hurts the business by itself (a flood) costs while it goes on uncontained.
  const attack = ctx.contained ? 0 : (compiled.states.get(ctx.attackerState)?.revenue_loss ?? 0);
  // Customers and partners blocked by mistake stay lost whatever else happens.
  const bystanders = ctx.blockedIps.filter((ip) => !compiled.attackerPool.has(ip)).length;
  const misdirected = bystanders * compiled.architecture.business.blocked_bystander_loss;
  return Math.min(
    1,
    Math.max(modes[ctx.traffic].revenue_loss, attack, ...perLayer.values()) + misdirected,
  );
}
