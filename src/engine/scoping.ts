import { accessCut } from './access.js';
import type { CompiledScenario } from './compiledScenario.js';
import { holds } from './conditions.js';
import type { StepDraft } from './stepDraft.js';
import type { ComponentState, DrillContext } from './types.js';

/*
 * Scoping (decision 0960): siblings that share an exploited vulnerability are compromised too,
 * the way the scenario's `spreads:` says, unless they are patched, isolated or out of the
 * attacker's reach by then. Which components a vulnerability sits on is the architecture's.
 */

export const spreadTimerId = (index: number) => `attacker:spread:${index}`;

/** On entering a state: start each spread whose source is now held (once per drill). */
export function scheduleSpreads(draft: StepDraft, state: string): void {
  draft.compiled.scenario.spreads.forEach((spread, index) => {
    if (draft.ctx.spreadsStarted.includes(index)) return;
    if (spread.state !== undefined && spread.state !== state) return;
    if (!draft.ctx.components[spread.from]?.compromised) return;
    draft.ctx.spreadsStarted = [...draft.ctx.spreadsStarted, index];
    draft.timers.push({
      id: spreadTimerId(index),
      delay: Math.max(1000, spread.after),
      event: { type: 'attacker.spread', t: draft.t, spread: index },
    });
  });
}

function outOfReach(c: ComponentState | undefined): boolean {
  return c === undefined || c.patched || c.compromised;
}

/**
 * A spread is due: every sibling still exposed is compromised now. The attacker exploits it from
 * the internet like the first one, so the same defences stop it: an isolation, a lockdown, a block
 * of its address on the sibling's path (access.ts), the patch, or the rule's `unless`. A sibling
 * that was only kept out (not patched) is tried again `every` later, up to `attempts` times.
 */
export function spread(draft: StepDraft, index: number, attempt = 1): void {
  const { compiled, ctx } = draft;
  const rule = compiled.scenario.spreads[index];
  if (!rule) return;
  const unless = rule.unless !== undefined && holds(rule.unless, ctx, compiled);
  let keptOut = false;
  for (const to of rule.to) {
    if (outOfReach(ctx.components[to])) continue;
    if (unless || accessCut({ via: 'inbound-http', to }, ctx, compiled)) {
      keptOut = true;
      continue;
    }
    const host = draft.component(to);
    host.compromised = true;
    host.compromisedAt ??= draft.t;
    draft.record({
      type: 'attacker.spread',
      from: rule.from,
      to,
      vulnerability: rule.vulnerability,
    });
  }
  if (keptOut && attempt < rule.attempts)
    draft.timers.push({
      id: spreadTimerId(index),
      delay: Math.max(1000, rule.every ?? rule.after),
      event: { type: 'attacker.spread', t: draft.t, spread: index, attempt: attempt + 1 },
    });
}

/**
 * The vulnerabilities the incident exploited: those the visited states name (`exploits:`) and
 * those the attacker spread through. Their components are the scope a close has to cover.
 */
export function exploitedVulnerabilities(
  compiled: CompiledScenario,
  ctx: Pick<DrillContext, 'visited' | 'spreadsStarted'>,
): string[] {
  const ids = new Set<string>();
  for (const id of ctx.visited) for (const v of compiled.states.get(id)?.exploits ?? []) ids.add(v);
  for (const i of ctx.spreadsStarted) {
    const v = compiled.scenario.spreads[i]?.vulnerability;
    if (v) ids.add(v);
  }
  return [...ids];
}
