import type { CompiledScenario } from './compiledScenario.js';
import type { DrillContext } from './types.js';

/**
 * Share of revenue (0..1) lost per hour in the current state. Within a layer, isolated
 * components' revenue shares add up, less what the load balancers move to the siblings still in
 * service up to their `capacity` (two front ends of three with room for half the shop each lose
 * nothing); across layers the worst one counts (requests pass through every layer). The traffic
 * mode's loss applies on top as a floor.
 */
export function revenueLossRate(ctx: DrillContext, compiled: CompiledScenario): number {
  const modes = compiled.architecture.business.traffic_modes;
  const down = new Map<string, number>();
  const headroom = new Map<string, number>();
  for (const component of compiled.architecture.components) {
    const share = component.revenue_share;
    if (share <= 0) continue;
    const layer = component.layer;
    if (ctx.components[component.id]?.isolated) down.set(layer, (down.get(layer) ?? 0) + share);
    else
      headroom.set(
        layer,
        (headroom.get(layer) ?? 0) + Math.max(0, (component.capacity ?? share) - share),
      );
  }
  const perLayer = new Map<string, number>();
  for (const [layer, lost] of down) {
    // Shares are decimals (0.34 + 0.33 + 0.33): what the siblings carry exactly is no loss.
    const uncarried = lost - (headroom.get(layer) ?? 0);
    perLayer.set(layer, uncarried > 1e-9 ? uncarried : 0);
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
