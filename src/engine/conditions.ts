import type { Condition } from '../model/index.js';
import { stateAccessCut } from './access.js';
import type { CompiledScenario } from './compiledScenario.js';
import { isOverdue, wasNotified } from './obligations.js';
import type { DrillContext } from './types.js';

/** Evaluates a scenario condition against the drill state. Pure; the registry is this switch. */
export function holds(
  condition: Condition,
  ctx: DrillContext,
  compiled: CompiledScenario,
): boolean {
  const c = condition;
  if (c.all) return c.all.every((child) => holds(child, ctx, compiled));
  if (c.any) return c.any.some((child) => holds(child, ctx, compiled));
  if (c.not) return !holds(c.not, ctx, compiled);
  if (c.done !== undefined) {
    return ctx.completed.some(
      (a) => a.do === c.done && (c.target === undefined || a.target === c.target),
    );
  }
  if (c.plan_step !== undefined) return ctx.plan[c.plan_step]?.status === 'done';
  if (c.escalated !== undefined) {
    return ctx.escalations.some(
      (e) => e.contact === c.escalated && (c.channel === undefined || e.channel === c.channel),
    );
  }
  if (c.isolated !== undefined) {
    if (c.isolated === 'compromised') {
      // Every host the attacker hit is cut off or rebuilt clean: restoring a contained host
      // from backup keeps the incident contained.
      const hit = Object.values(ctx.components).filter((s) => s.compromisedAt !== undefined);
      return hit.length > 0 && hit.every((s) => s.isolated || !s.compromised);
    }
    return ctx.components[c.isolated]?.isolated === true;
  }
  if (c.patched !== undefined) return ctx.components[c.patched]?.patched === true;
  if (c.compromised !== undefined) return ctx.components[c.compromised]?.compromised === true;
  if (c.snapshot !== undefined) return ctx.components[c.snapshot]?.snapshotAt !== undefined;
  if (c.restored !== undefined) return ctx.components[c.restored]?.restoredAt !== undefined;
  if (c.credentials_reset !== undefined) {
    return ctx.components[c.credentials_reset]?.credentialsReset === true;
  }
  if (c.traffic !== undefined) return ctx.traffic === c.traffic;
  if (c.ip_blocked !== undefined) return ctx.blockedIps.includes(ctx.attackerIp) === c.ip_blocked;
  if (c.waf_rule !== undefined) return ctx.wafRules.includes(c.waf_rule);
  if (c.flag !== undefined) return ctx.flags.includes(c.flag);
  if (c.attacker_in !== undefined) return c.attacker_in.includes(ctx.attackerState);
  if (c.attacker_reached !== undefined) return ctx.visited.includes(c.attacker_reached);
  if (c.severity_at_least !== undefined) {
    const rank = compiled.severityRank;
    return (rank.get(ctx.severity) ?? -1) >= (rank.get(c.severity_at_least) ?? Infinity);
  }
  if (c.after !== undefined) return ctx.now >= c.after;
  if (c.contained !== undefined) return ctx.contained === c.contained;
  if (c.access_cut !== undefined)
    return stateAccessCut(compiled.states.get(ctx.attackerState), ctx, compiled) === c.access_cut;
  if (c.notified !== undefined) return wasNotified(ctx, c.notified);
  if (c.obligation_overdue !== undefined) return isOverdue(ctx, c.obligation_overdue);
  // The schema guarantees one test per condition; an empty one holds vacuously.
  return true;
}
