import {
  indicatorOf,
  type ArtefactSpec,
  type AttackerState,
  type SecretSpec,
} from '../model/index.js';
import { backupPointsFor, pointStatus, type BackupPoint } from './backups.js';
import type { CompiledScenario } from './compiledScenario.js';
import { holds } from './conditions.js';
import { misdirect, notTheAttackers, type StepDraft } from './stepDraft.js';
import type { ActionRecord, ActionRequest, DrillContext } from './types.js';

/*
 * What the attacker leaves behind (decision 0960): artefacts and exposed secrets are drill state
 * that survives containment. While the attacker is cut off, each one still live (an artefact on a
 * connected host, an unrotated secret that opens a reachable component) arms a re-entry `after`
 * later; removing, wiping or rotating it, or cutting its way back, disarms it.
 */

/** A leftover the attacker can come back through, with the state it placed it in. */
export interface Leftover {
  kind: 'artefact' | 'secret';
  spec: ArtefactSpec | SecretSpec;
  /** The state that leaves or exposes it (its default re-entry). */
  state: string;
}

/** Every artefact and secret of the scenario by id (ids are unique across both lists). */
export function leftoversOf(states: readonly AttackerState[]): Map<string, Leftover> {
  const out = new Map<string, Leftover>();
  for (const state of states) {
    for (const spec of state.leaves) out.set(spec.id, { kind: 'artefact', spec, state: state.id });
    for (const spec of state.exposes) out.set(spec.id, { kind: 'secret', spec, state: state.id });
  }
  return out;
}

/** Where the console lists a host's backup points (`ls /backup`). */
export const BACKUP_FOLDER = '/backup/';

export const reentryTimerId = (id: string) => `attacker:reenter:${id}`;

/** The state a leftover brings the attacker back to. */
export function reentryState(leftover: Leftover): string {
  return leftover.spec.reentry ?? leftover.state;
}

/** On entering a state: its artefacts are (re)placed and its secrets (re)read. */
export function placeLeftovers(draft: StepDraft, state: AttackerState): void {
  for (const spec of state.leaves) {
    const current = draft.ctx.artefacts[spec.id];
    if (current && current.removedAt === undefined) continue;
    const placedAt = spec.placed_before_start !== undefined ? -spec.placed_before_start : draft.t;
    draft.ctx.artefacts = { ...draft.ctx.artefacts, [spec.id]: { on: spec.on, placedAt } };
    const host = draft.component(spec.on);
    host.compromised = true;
    // A compromise older than the drill dates the host's compromise too (backups after it are dirty).
    host.compromisedAt = Math.min(host.compromisedAt ?? placedAt, placedAt);
    draft.record({ type: 'artefact.placed', artefact: spec.id, component: spec.on });
  }
  for (const spec of state.exposes) {
    const current = draft.ctx.secrets[spec.id];
    if (current?.exposedAt !== undefined && current.rotatedAt === undefined) continue;
    draft.ctx.secrets = { ...draft.ctx.secrets, [spec.id]: { exposedAt: draft.t } };
    draft.record({ type: 'secret.exposed', secret: spec.id });
  }
}

/** The artefact on `target` the trainee named (its path, account or name), if any is there. */
function namedArtefact(
  compiled: CompiledScenario,
  ctx: DrillContext,
  target: string | undefined,
  value: string | undefined,
): string | undefined {
  for (const [id, leftover] of compiled.leftovers) {
    if (leftover.kind !== 'artefact') continue;
    const spec = leftover.spec as ArtefactSpec;
    const placed = ctx.artefacts[id];
    if (
      spec.on === target &&
      indicatorOf(spec) === value &&
      placed &&
      placed.removedAt === undefined
    )
      return id;
  }
  return undefined;
}

/** `remove-artefact` removes what the trainee named; naming nothing that is there is misdirected. */
export function removeArtefact(
  draft: StepDraft,
  record: ActionRecord,
  request: ActionRequest,
): void {
  const id = namedArtefact(draft.compiled, draft.ctx, record.target, record.value);
  if (id === undefined) {
    notTheAttackers(draft, record, request, 'an artefact');
    return;
  }
  markRemoved(draft, id, 'removal');
}

function markRemoved(draft: StepDraft, id: string, by: 'removal' | 'wipe'): void {
  const placed = draft.ctx.artefacts[id]!;
  draft.ctx.artefacts = { ...draft.ctx.artefacts, [id]: { ...placed, removedAt: draft.t } };
  draft.record({ type: 'artefact.removed', artefact: id, component: placed.on, by });
}

/** `rotate-secret` rotates the secret the trainee named (its account or key name), exposed or not. */
export function rotateSecret(draft: StepDraft, record: ActionRecord, request: ActionRequest): void {
  const hits = [...draft.compiled.leftovers].filter(
    ([, l]) => l.kind === 'secret' && indicatorOf(l.spec) === record.value,
  );
  if (hits.length === 0) {
    misdirect(
      draft,
      record,
      request,
      `${record.value ?? 'nothing'} is not a secret the attacker read`,
    );
    return;
  }
  for (const [id] of hits) {
    draft.ctx.secrets = {
      ...draft.ctx.secrets,
      [id]: { ...draft.ctx.secrets[id], rotatedAt: draft.t },
    };
    draft.record({ type: 'secret.rotated', secret: id });
  }
}

/**
 * `reset-credentials` does to leftovers what it says: with an account, that account's secrets are
 * rotated; in its blunt form (no account) on a target, every secret that works there is rotated
 * and every backdoor account on it is removed.
 */
export function resetLeftovers(draft: StepDraft, record: ActionRecord): void {
  for (const [id, leftover] of draft.compiled.leftovers) {
    if (leftover.kind === 'secret') {
      const spec = leftover.spec as SecretSpec;
      const hit =
        record.value !== undefined
          ? spec.account === record.value
          : record.target !== undefined && spec.works_on.includes(record.target);
      if (hit && draft.ctx.secrets[id]?.rotatedAt === undefined) {
        draft.ctx.secrets = {
          ...draft.ctx.secrets,
          [id]: { ...draft.ctx.secrets[id], rotatedAt: draft.t },
        };
        draft.record({ type: 'secret.rotated', secret: id });
      }
    } else {
      const spec = leftover.spec as ArtefactSpec;
      const placed = draft.ctx.artefacts[id];
      const named =
        record.value !== undefined ? spec.account === record.value : spec.on === record.target;
      if (spec.kind === 'account' && named && placed && placed.removedAt === undefined)
        markRemoved(draft, id, 'removal');
    }
  }
}

/** The named backup point for `target`, or why it cannot be restored from. */
export function restorePoint(
  compiled: CompiledScenario,
  ctx: DrillContext,
  target: string | undefined,
  value: string | undefined,
): { point: BackupPoint } | { reason: string } {
  const points = target ? backupPointsFor(compiled, target, ctx.now) : [];
  if (points.length === 0) return { reason: `no backup holds ${target ?? 'that host'}` };
  // Named as the point's id or as its folder on the console (`/backup/<id>`).
  const id = value?.startsWith(BACKUP_FOLDER) ? value.slice(BACKUP_FOLDER.length) : value;
  const point = points.find((p) => p.id === id);
  if (!point)
    return {
      reason: `restore-backup needs a backup point of ${target} (ls /backup on the console), e.g. ${points.at(-1)!.id}`,
    };
  if (pointStatus(compiled, ctx, point) === 'destroyed')
    return { reason: `${point.id} is gone: the attacker deleted or encrypted that backup` };
  return { point };
}

/**
 * A host is wiped (rebuilt from the image, or restored from a backup point): the attacker's
 * processes die with it, and its vulnerabilities are back until patched again. It is clean when
 * nothing of the attacker's predates the point: a rebuild always, a restore only from a usable
 * point older than the compromise and every artefact on it; artefacts placed after the point go.
 */
export function wipeHost(
  draft: StepDraft,
  target: string,
  how: 'rebuild' | 'backup',
  point?: BackupPoint,
): void {
  const host = draft.component(target);
  if (host.compromised && host.snapshotAt === undefined)
    draft.record({ type: 'evidence.lost', component: target });
  const tainted = point !== undefined && pointStatus(draft.compiled, draft.ctx, point) !== 'usable';
  const cutoff = point === undefined ? Infinity : tainted ? -Infinity : point.at;
  const onHost = Object.entries(draft.ctx.artefacts).filter(
    ([, a]) => a.on === target && a.removedAt === undefined,
  );
  const survivors = onHost.filter(([, a]) => point !== undefined && a.placedAt < cutoff);
  for (const [id, a] of onHost)
    if (!survivors.some(([s]) => s === id) && a) markRemoved(draft, id, 'wipe');
  const compromisedBefore = host.compromised && (host.compromisedAt ?? -Infinity) < cutoff;
  const clean = how === 'rebuild' || (!tainted && survivors.length === 0 && !compromisedBefore);
  host.compromised = !clean;
  host.patched = false;
  host.wipedAt = draft.t;
  host.restoredAt = draft.t;
  if (how === 'rebuild') host.rebuiltAt = draft.t;
  draft.record({
    type: 'host.restored',
    component: target,
    how,
    ...(point ? { point: point.id } : {}),
    clean,
  });
}

/** Whether a leftover would let the attacker back in now (the attacker being cut off). */
function live(
  compiled: CompiledScenario,
  ctx: DrillContext,
  id: string,
  leftover: Leftover,
): boolean {
  if (leftover.kind === 'artefact') {
    const placed = ctx.artefacts[id];
    if (!placed || placed.removedAt !== undefined) return false;
    if (ctx.components[placed.on]?.isolated) return false;
  } else {
    const secret = ctx.secrets[id];
    if (secret?.exposedAt === undefined || secret.rotatedAt !== undefined) return false;
    const opens = (leftover.spec as SecretSpec).works_on;
    if (opens.every((c) => ctx.components[c]?.isolated)) return false;
  }
  // Its way back must be open: entered now (from the address it would come back from), the drill
  // would not be contained at once. With `access_cut` that is the state's access; an older
  // scenario's condition may hold whatever the attacker does, and then a re-entry changes nothing.
  const state = reentryState(leftover);
  // Arriving there clears the state's `clears` flags (a cron job that fetches the deleted shell).
  const clears = compiled.states.get(state)?.clears ?? [];
  const entered: DrillContext = {
    ...ctx,
    flags: clears.length ? ctx.flags.filter((f) => !clears.includes(f)) : ctx.flags,
    attackerState: state,
    visited: ctx.visited.includes(state) ? ctx.visited : [...ctx.visited, state],
    attackerSince: ctx.now,
    attackerIp: returnAddress(compiled, ctx),
  };
  return !holds(compiled.scenario.containment.when, entered, compiled);
}

/** The address the attacker comes back from: its own, or the first of its pool not blocked. */
function returnAddress(compiled: CompiledScenario, ctx: DrillContext): string {
  if (!ctx.blockedIps.includes(ctx.attackerIp)) return ctx.attackerIp;
  return (
    compiled.scenario.attacker.source_ips.find((ip) => !ctx.blockedIps.includes(ip)) ??
    ctx.attackerIp
  );
}

/** A leftover may bring the attacker back now: it is cut off and the leftover is live. */
export function mayReenter(compiled: CompiledScenario, ctx: DrillContext, id: string): boolean {
  const leftover = compiled.leftovers.get(id);
  return leftover !== undefined && ctx.contained && !ctx.ended && live(compiled, ctx, id, leftover);
}

/** After every step: arm a re-entry for each live leftover while the attacker is cut off, disarm the rest. */
export function armReentries(draft: StepDraft): void {
  const { compiled } = draft;
  const armed = new Set(draft.ctx.reentries);
  const next: string[] = [];
  for (const [id, leftover] of compiled.leftovers) {
    const may = mayReenter(compiled, draft.ctx, id);
    if (may) next.push(id);
    if (may && !armed.has(id)) {
      draft.timers.push({
        id: reentryTimerId(id),
        delay: Math.max(1000, leftover.spec.after),
        event: { type: 'attacker.reenter', t: draft.t, via: id, to: reentryState(leftover) },
      });
    } else if (!may && armed.has(id)) {
      draft.cancel.push(reentryTimerId(id));
    }
  }
  if (next.length !== armed.size || next.some((id) => !armed.has(id))) draft.ctx.reentries = next;
}

/**
 * The attacker comes back through `via`: recorded before it enters the state, from an address
 * of its pool that is not blocked (it knows the old one is), if it has one.
 */
export function reenter(draft: StepDraft, via: string): void {
  const leftover = draft.compiled.leftovers.get(via)!;
  draft.ctx.reentries = draft.ctx.reentries.filter((id) => id !== via);
  draft.record({
    type: 'attacker.reentered',
    via,
    kind: leftover.kind,
    state: reentryState(leftover),
  });
  const to = returnAddress(draft.compiled, draft.ctx);
  if (to !== draft.ctx.attackerIp) {
    draft.record({ type: 'attacker.address-changed', from: draft.ctx.attackerIp, to });
    draft.ctx.attackerIp = to;
  }
}

/** A due re-entry that can no longer happen: dropped (the next step re-arms it if it is live again). */
export function reentryLapsed(draft: StepDraft, via: string): void {
  draft.ctx.reentries = draft.ctx.reentries.filter((id) => id !== via);
}

/** Restoring from a backup is offered with the points the console lists for the host. */
export { backupPointsFor };
