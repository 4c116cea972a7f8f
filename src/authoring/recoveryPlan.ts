import {
  backupPointsFor,
  closeGaps,
  holds,
  pointStatus,
  type ActionRequest,
  type CompiledScenario,
  type DrillContext,
} from '../engine/index.js';
import { indicatorOf, type SimMs, type TechnicalActionKind } from '../model/index.js';

/** A response the model answer schedules, at a simulated time. */
export interface PlannedAction {
  at: SimMs;
  request: ActionRequest;
}

/** One reaction between an action's end and the next (the model responder's pace). */
const STEP: SimMs = 60_000;

function actionOf(compiled: CompiledScenario, kind: TechnicalActionKind, target?: string) {
  for (const action of compiled.actions.values())
    if (action.kind === kind && (target === undefined || action.targets.includes(target)))
      return action;
  return undefined;
}

/**
 * The model answer's eradication and recovery before it closes (decision 0960), from what the
 * close criteria ask (closeGaps on the drill as it stands): each compromised host is isolated,
 * wiped (from the newest backup point older than everything the attacker did on it, else rebuilt),
 * patched, reconnected and looked at; the attacker's artefacts elsewhere are removed and its
 * secrets rotated, naming each as its evidence does; every host that shares an exploited hole is
 * patched and examined. Hosts run in parallel, each host's chain in order. Returns the actions
 * and when the last one is done.
 */
export function recoveryPlan(
  compiled: CompiledScenario,
  ctx: DrillContext,
  now: SimMs,
): { actions: PlannedAction[]; doneAt: SimMs } {
  const actions: PlannedAction[] = [];
  let doneAt = now;
  const gaps = closeGaps(compiled, ctx);
  const wiped = new Set<string>();
  const chains = new Map<string, SimMs>();
  /** Appends `kind` on `target` to the target's chain (or to no chain: parallel). */
  const then = (
    kind: TechnicalActionKind,
    target: string | undefined,
    extra: Partial<ActionRequest> = {},
  ) => {
    const action = actionOf(compiled, kind, target);
    if (!action) return false;
    const key = target ?? `${kind}:${extra.value ?? ''}`;
    const at = chains.get(key) ?? now;
    actions.push({ at, request: { do: action.id, ...(target ? { target } : {}), ...extra } });
    const end = at + action.duration + STEP;
    chains.set(key, end);
    doneAt = Math.max(doneAt, end);
    return true;
  };
  /**
   * Whether the scenario's containment still holds with `host` clean and back on the network: a
   * trainee's reading of the rule, not a look at the future (older scenarios count an isolation,
   * not the attacker's access, and would lose containment on a reconnect).
   */
  const staysContained = (host: string) => {
    const clean = { ...ctx.components[host]!, isolated: false, compromised: false };
    const after: DrillContext = { ...ctx, components: { ...ctx.components, [host]: clean } };
    return !ctx.contained || holds(compiled.scenario.containment.when, after, compiled);
  };
  /** Looks at a host: the vulnerability platform if the drill has it there, else its console. */
  const examine = (host: string) => {
    if (then('query-vulnerabilities', host)) return;
    if (!compiled.componentIds.includes(host)) return;
    const at = chains.get(host) ?? now;
    actions.push({ at, request: { do: 'shell', target: host, text: 'ps aux' } });
    const end = at + compiled.architecture.investigation.console + STEP;
    chains.set(host, end);
    doneAt = Math.max(doneAt, end);
  };
  for (const gap of gaps.filter((g) => g.kind === 'not-restored')) {
    const host = gap.component!;
    const c = ctx.components[host]!;
    if (!c.isolated) then('isolate-host', host);
    const oldest = Math.min(
      c.compromisedAt ?? Infinity,
      ...Object.values(ctx.artefacts)
        .filter((a) => a.on === host)
        .map((a) => a.placedAt),
    );
    const point = backupPointsFor(compiled, host, now)
      .filter((p) => p.at < oldest && pointStatus(compiled, ctx, p) === 'usable')
      .at(-1);
    const restored =
      (point !== undefined && then('restore-backup', host, { value: point.id })) ||
      then('rebuild-host', host);
    if (!restored) continue;
    wiped.add(host);
    then('patch', host);
    if (staysContained(host)) then('reconnect-host', host);
    examine(host);
  }
  for (const gap of gaps) {
    const host = gap.component;
    if (gap.kind === 'isolated' && host && !wiped.has(host) && staysContained(host)) {
      then('patch', host);
      then('reconnect-host', host);
    }
    if (gap.kind === 'artefact-left' && host && !wiped.has(host)) {
      const spec = compiled.leftovers.get(gap.id!)?.spec;
      if (spec) then('remove-artefact', host, { value: indicatorOf(spec) });
    }
    if (gap.kind === 'secret-unrotated') {
      const spec = compiled.leftovers.get(gap.id!)?.spec;
      if (spec) then('rotate-secret', undefined, { value: indicatorOf(spec) });
    }
    if (gap.kind === 'root-cause-open' && host && !wiped.has(host)) then('patch', host);
    if ((gap.kind === 'unexamined-sibling' || gap.kind === 'not-monitored') && host) examine(host);
  }
  return { actions, doneAt };
}
