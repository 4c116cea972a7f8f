import { Network, type AccessSpec, type Architecture, type AttackerState } from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import { holds } from './conditions.js';
import { notTheAttackers, type StepDraft } from './stepDraft.js';
import type { ActionRecord, ActionRequest, DrillContext } from './types.js';

/*
 * Containment as the attacker's access being cut (decision 0960), judged on the same paths the
 * evidence is rendered on (src/model/paths.ts): a block holds on the path it is on, a lockdown
 * stops inbound traffic only, an isolation cuts a host's network, a rotated secret stops the
 * logins that used it, and a session already open dies with its host's isolation or wipe (a
 * password change does not end it).
 */

const networks = new WeakMap<Architecture, Network>();
function networkOf(architecture: Architecture): Network {
  let network = networks.get(architecture);
  if (!network) networks.set(architecture, (network = new Network(architecture)));
  return network;
}

/** Where each completed `block-ip` holds: the device it was set on, and the address it names. */
function blocksOn(ctx: DrillContext, compiled: CompiledScenario): Map<string, Set<string>> {
  const blocks = new Map<string, Set<string>>();
  for (const a of ctx.completed) {
    if (compiled.actions.get(a.do)?.kind !== 'block-ip' || !a.target || !a.value) continue;
    blocks.set(a.target, (blocks.get(a.target) ?? new Set()).add(a.value));
  }
  return blocks;
}

/** The attacker's address is blocked on a device of `path` (a WAF only filters web requests). */
function blockedOnPath(
  path: readonly string[],
  ip: string,
  ctx: DrillContext,
  compiled: CompiledScenario,
  web: boolean,
): boolean {
  const network = networkOf(compiled.architecture);
  const blocks = blocksOn(ctx, compiled);
  return path.some(
    (device) => blocks.get(device)?.has(ip) === true && (web || network.role(device) !== 'waf'),
  );
}

/**
 * An outbound channel (a reverse shell, DNS tunnelling) is a process on `from`: cut for good once
 * the host was isolated or wiped after the attacker got here (the session died with it); the
 * attacker needs a way back (an artefact, a secret) to have it again.
 */
function sessionDied(ctx: DrillContext, host: string): boolean {
  const c = ctx.components[host];
  if (!c) return false;
  const since = ctx.attackerSince;
  return c.isolated || (c.isolatedAt ?? -Infinity) >= since || (c.wipedAt ?? -Infinity) >= since;
}

/** A hop starts on a host the attacker holds: compromised, and not wiped since. */
function holdsHost(ctx: DrillContext, host: string): boolean {
  const c = ctx.components[host];
  return c !== undefined && c.compromised && !c.isolated;
}

/** Whether one access of the attacker is cut in `ctx`. */
export function accessCut(
  access: AccessSpec,
  ctx: DrillContext,
  compiled: CompiledScenario,
): boolean {
  if (access.unless && holds(access.unless, ctx, compiled)) return true;
  if (access.artefact !== undefined) {
    const artefact = ctx.artefacts[access.artefact];
    if (!artefact || artefact.removedAt !== undefined) return true;
  }
  if (access.secret !== undefined && ctx.secrets[access.secret]?.rotatedAt !== undefined)
    return true;
  if (access.process !== undefined && processKilled(access, ctx)) return true;
  const network = networkOf(compiled.architecture);
  const ip = ctx.attackerIp;
  const isolated = (id: string | undefined) =>
    id !== undefined && ctx.components[id]?.isolated === true;
  switch (access.via) {
    case 'reverse-shell':
    case 'dns': {
      if (access.from === undefined || sessionDied(ctx, access.from)) return true;
      // DNS goes out through the resolver, which no address block on the path stops.
      return (
        access.via === 'reverse-shell' &&
        blockedOnPath(network.outbound(access.from), ip, ctx, compiled, false)
      );
    }
    case 'inbound-http':
    case 'ssh':
    case 'credential':
    case 'session': {
      if (isolated(access.to)) return true;
      // An open session is a process on `to`: it died with an isolation or a wipe of it.
      if (access.via === 'session' && access.to !== undefined && sessionDied(ctx, access.to))
        return true;
      if (access.from !== undefined) {
        // A hop inside: from a host the attacker holds; edge defences are not on this path.
        return !holdsHost(ctx, access.from);
      }
      // From the internet: a lockdown stops every inbound connection, a block its own path.
      if (ctx.traffic === 'lockdown' || access.to === undefined) return true;
      return blockedOnPath(
        network.inbound(access.to),
        ip,
        ctx,
        compiled,
        access.via === 'inbound-http',
      );
    }
  }
}

/**
 * Every access of the state is cut (false for a state that declares none, or that the attacker has
 * not entered yet: at T+0, before the initial state's entry has compromised anything, a hop from a
 * host it holds would look cut).
 */
export function stateAccessCut(
  state: AttackerState | undefined,
  ctx: DrillContext,
  compiled: CompiledScenario,
): boolean {
  if (!state || state.access.length === 0 || !ctx.visited.includes(state.id)) return false;
  return state.access.every((a) => accessCut(a, ctx, compiled));
}

/** The host a process-carried access runs on: the channel's start, else the host it reaches. */
const processHost = (access: AccessSpec) => access.from ?? access.to;

/** The access's process was ended on its host since the attacker got here (a re-entry starts it again). */
function processKilled(access: AccessSpec, ctx: DrillContext): boolean {
  const host = processHost(access);
  return ctx.killed.some(
    (k) => k.on === host && k.process === access.process && k.at >= ctx.attackerSince,
  );
}

/**
 * `kill-process` ends the process the trainee named on the target. It cuts an access of the
 * attacker's current state that this process carries; naming a process that carries none (an
 * ordinary service, a typo) is misdirected and changes nothing.
 */
export function killProcess(draft: StepDraft, record: ActionRecord, request: ActionRequest): void {
  const state = draft.compiled.states.get(draft.ctx.attackerState);
  const carries = (state?.access ?? []).some(
    (a) =>
      a.process !== undefined && a.process === record.value && processHost(a) === record.target,
  );
  if (!carries || record.target === undefined || record.value === undefined) {
    notTheAttackers(draft, record, request, 'a process');
    return;
  }
  draft.ctx.killed = [
    ...draft.ctx.killed,
    { on: record.target, process: record.value, at: draft.t },
  ];
  draft.record({ type: 'process.killed', component: record.target, process: record.value });
}
