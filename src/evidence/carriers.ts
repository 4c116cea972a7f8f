import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import type { AccessSpec, ExpandedEvidenceItem } from '../model/index.js';

/*
 * What an access's carrier does ends with it (issue 14): an access carried by a process
 * (`process:`) or an artefact (`artefact:`) stops when the trainee kills the process
 * (`process.killed`) or removes the artefact (`artefact.removed`), and so do the evidence items
 * it carries. The engine already says the access is cut; this says what the logs and the console
 * stop showing, so both read the same trace.
 *
 * An access carries, on its host (`from`, else `to`):
 * - its process: the process items whose command is the named process (with its arguments), and
 *   every item of the same template use (`group`: the implant's own beacon);
 * - its channel, for the outbound ways (a carrier of a reverse shell, a DNS channel): the
 *   connections to the attacker on its port, the DNS queries.
 * A killed process is gone for the rest of the stay (the attacker starts it again only when it
 * re-enters: a new stay, as the engine's `attackerSince` says). A removed artefact is gone until
 * it is placed again (the attacker re-adds it by entering a state that leaves it).
 */

/** When an item's carrier is gone. */
export interface CarrierCut {
  /** The carrier is gone at `t` (an occurrence then does not happen). */
  goneAt(t: number): boolean;
  /** The first time after `t` the carrier goes (Infinity: not in this stay), and how. */
  endAfter(t: number): { at: number; by: 'kill' | 'removal' } | undefined;
}

/** The host a carried access runs on: the channel's start, else the host it reaches. */
const carrierHost = (access: AccessSpec) => access.from ?? access.to;

/** The process item runs the named process (the name alone, or with its arguments). */
function runs(item: ExpandedEvidenceItem, process: string): boolean {
  if (item.kind !== 'process') return false;
  const command = item.command.trim();
  return command === process || command.startsWith(`${process} `);
}

/** The item is the traffic of an outbound channel (`via`) the access names. */
function onChannel(item: ExpandedEvidenceItem, access: AccessSpec): boolean {
  if (access.via === 'dns') return item.kind === 'dns';
  if (access.via === 'reverse-shell')
    return (
      item.kind === 'connection' &&
      (item.to ?? 'attacker') === 'attacker' &&
      (access.port === undefined || Number(item.port) === access.port)
    );
  return false;
}

/** Whether `access` carries `item` among the stay's `items`. */
function carries(
  access: AccessSpec,
  item: ExpandedEvidenceItem,
  items: readonly ExpandedEvidenceItem[],
): boolean {
  if (item.on !== carrierHost(access)) return false;
  if (onChannel(item, access)) return true;
  const process = access.process;
  if (process === undefined) return false;
  if (runs(item, process)) return true;
  return (
    item.group !== undefined &&
    items.some(
      (other) => other.group === item.group && other.on === item.on && runs(other, process),
    )
  );
}

type Placement = { t: number; placed: boolean };

/** The placements and removals of each artefact, in trace order. */
function artefactHistory(trace: readonly TraceEntry[]): Map<string, Placement[]> {
  const out = new Map<string, Placement[]>();
  for (const e of trace) {
    if (e.type !== 'artefact.placed' && e.type !== 'artefact.removed') continue;
    const list = out.get(e.artefact) ?? [];
    list.push({ t: e.t, placed: e.type === 'artefact.placed' });
    out.set(e.artefact, list);
  }
  return out;
}

/** Reads the trace once per drillFacts call; `cutOf` answers per stay and item. */
export class Carriers {
  private readonly kills: Array<{ t: number; on: string; process: string }> = [];
  private readonly artefacts: Map<string, Placement[]>;

  constructor(
    private readonly compiled: CompiledScenario,
    trace: readonly TraceEntry[],
  ) {
    for (const e of trace)
      if (e.type === 'process.killed')
        this.kills.push({ t: e.t, on: e.component, process: e.process });
    this.artefacts = artefactHistory(trace);
  }

  /** Whether anything was killed or removed at all (most drills: nothing to do). */
  get any(): boolean {
    return (
      this.kills.length > 0 || [...this.artefacts.values()].some((h) => h.some((p) => !p.placed))
    );
  }

  /**
   * The cut of `item` in a stay of `state` over [from, leave), or undefined when no carrier of
   * the state carries it or none of them went.
   */
  cutOf(
    state: string,
    stay: { from: number; leave: number },
    item: ExpandedEvidenceItem,
    items: readonly ExpandedEvidenceItem[],
  ): CarrierCut | undefined {
    const accesses = (this.compiled.states.get(state)?.access ?? []).filter(
      (a) => (a.process !== undefined || a.artefact !== undefined) && carries(a, item, items),
    );
    if (!accesses.length) return undefined;
    // A kill in the stay ends the process for the rest of it (as the engine's attackerSince).
    let killedAt = Infinity;
    const histories: Placement[][] = [];
    for (const a of accesses) {
      if (a.process !== undefined)
        for (const k of this.kills)
          if (
            k.on === carrierHost(a) &&
            k.process === a.process &&
            k.t >= stay.from &&
            k.t < stay.leave
          )
            killedAt = Math.min(killedAt, k.t);
      if (a.artefact !== undefined) {
        const history = this.artefacts.get(a.artefact);
        if (history?.some((p) => !p.placed)) histories.push(history);
      }
    }
    if (killedAt === Infinity && histories.length === 0) return undefined;
    const removedAt = (history: Placement[], t: number) => {
      let placed = true;
      for (const p of history) if (p.t <= t) placed = p.placed;
      return !placed;
    };
    return {
      goneAt: (t) => t >= killedAt || histories.some((h) => removedAt(h, t)),
      endAfter: (t) => {
        let end: { at: number; by: 'kill' | 'removal' } | undefined =
          killedAt > t && killedAt !== Infinity ? { at: killedAt, by: 'kill' } : undefined;
        for (const h of histories) {
          const next = h.find((p) => !p.placed && p.t > t);
          if (next && (!end || next.t < end.at)) end = { at: next.t, by: 'removal' };
        }
        return end;
      },
    };
  }
}
