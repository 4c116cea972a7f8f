import type { SimMs } from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import { exploitedVulnerabilities } from './scoping.js';
import type { CloseGap, DrillContext } from './types.js';

/*
 * Recovery criteria (decision 0960): closing the incident requires every host the attacker
 * changed restored or rebuilt, reconnected and looked at again afterwards, the root cause patched
 * on every component that has it, nothing the attacker left or read still working, and every
 * sibling of an exploited vulnerability examined. The close is recorded either way, with its gaps.
 */

/** Actions that look at a component: the console, the vulnerability platform, a snapshot, a SIEM query on it. */
const LOOKS = new Set(['query-vulnerabilities', 'forensic-snapshot', 'query-siem']);

/** When the trainee looked at `component` (including a search whose query names it). */
export function examinedTimes(
  compiled: CompiledScenario,
  ctx: Pick<DrillContext, 'completed'>,
  component: string,
): SimMs[] {
  return ctx.completed
    .filter((a) => {
      if (a.do === 'shell') return a.target === component;
      if (a.do === 'search') return (a.text ?? '').includes(component);
      const kind = compiled.actions.get(a.do)?.kind;
      return kind !== undefined && LOOKS.has(kind) && a.target === component;
    })
    .map((a) => a.doneAt);
}

/** Whether a completed action examines a component, and which. */
export function examinedBy(
  compiled: CompiledScenario,
  action: { do: string; target?: string | undefined; text?: string | undefined },
): string[] {
  if (action.do === 'search')
    return compiled.componentIds.filter((id) => (action.text ?? '').includes(id));
  const kind = compiled.actions.get(action.do)?.kind;
  const looks = action.do === 'shell' || (kind !== undefined && LOOKS.has(kind));
  return looks && action.target !== undefined ? [action.target] : [];
}

/** What is still open if the incident is closed now. Pure: the same context gives the same gaps. */
export function closeGaps(compiled: CompiledScenario, ctx: DrillContext): CloseGap[] {
  const gaps: CloseGap[] = [];
  const vulnerabilities = compiled.architecture.vulnerabilities;
  for (const id of compiled.componentIds) {
    const c = ctx.components[id]!;
    if (c.compromisedAt === undefined) continue;
    if (c.compromised) gaps.push({ kind: 'not-restored', component: id });
    if (c.isolated) gaps.push({ kind: 'isolated', component: id });
    else if (
      c.wipedAt !== undefined &&
      !examinedTimes(compiled, ctx, id).some((t) => t >= c.wipedAt!)
    )
      gaps.push({ kind: 'not-monitored', component: id });
  }
  const hit = new Set(
    compiled.componentIds.filter((id) => ctx.components[id]!.compromisedAt !== undefined),
  );
  // One gap per component, naming the first exploited vulnerability it has (one patch, one look).
  const seen = new Set<string>();
  for (const vid of exploitedVulnerabilities(compiled, ctx)) {
    const vulnerability = vulnerabilities.find((v) => v.id === vid);
    for (const component of vulnerability?.components ?? []) {
      if (seen.has(component)) continue;
      seen.add(component);
      if (!ctx.components[component]?.patched)
        gaps.push({ kind: 'root-cause-open', component, id: vid });
      if (!hit.has(component) && !ctx.examined.includes(component))
        gaps.push({ kind: 'unexamined-sibling', component, id: vid });
    }
  }
  for (const [id, a] of Object.entries(ctx.artefacts))
    if (a.removedAt === undefined) gaps.push({ kind: 'artefact-left', component: a.on, id });
  for (const [id, s] of Object.entries(ctx.secrets))
    if (s.exposedAt !== undefined && s.rotatedAt === undefined)
      gaps.push({ kind: 'secret-unrotated', id });
  return gaps;
}
