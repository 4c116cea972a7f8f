import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import type { AccessSpec, ArtefactSpec, ExpandedEvidenceItem } from '../model/index.js';

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

/*
 * What goes *through* an artefact (issue 14): the attacker's requests to a web shell, the commands
 * they run, the logins of a backdoor account. While the artefact is removed the server answers for
 * what is not there: a request to the removed file is a 404 (every device on its path sees the same
 * status: one fact), a login with the deleted account fails, and what the shell would have run does
 * not happen. Placed again, it answers again. Linked as data:
 * - an item that names it (`through: <artefact id>`, in the scenario);
 * - an http request on the artefact's host whose path is the file's URL path (the file artefact's
 *   path on disk ends with it: /var/www/shop/public + /media/static/thumb.php);
 * - a process of the same template use (`group`) as such a request on that host (the command the
 *   request runs: php-web-shell's POST and its `sh -c`);
 * - an auth item whose user is the account artefact's account (the CMS, LDAP or sshd login).
 * The artefact's own evidence item (its creation) is not through it.
 */

/** What an occurrence through a removed artefact becomes. */
export type ThroughEffect = 'not-found' | 'refused' | 'gone';

/** An item's artefacts: which effect their removal has, and when one of them is removed. */
export interface ThroughCut {
  effect: ThroughEffect;
  /** One of the artefacts it goes through is removed at `t`. */
  goneAt(t: number): boolean;
}

/** The URL path of an http item's request (each of a wordlist's), without the query. */
const httpPaths = (item: ExpandedEvidenceItem): string[] =>
  item.kind !== 'http' ? [] : Array.isArray(item.path) ? item.path : [item.path];

/** A request for the file artefact `spec` (its path on disk ends with the request's path). */
function requestsFile(spec: ArtefactSpec, item: ExpandedEvidenceItem): boolean {
  const file = spec.path;
  if (file === undefined || spec.kind === 'account' || item.on !== spec.on) return false;
  return httpPaths(item).some(
    (p) => p.startsWith('/') && !p.endsWith('/') && p.length > 1 && file.endsWith(p),
  );
}

function goesThrough(
  id: string,
  spec: ArtefactSpec,
  item: ExpandedEvidenceItem,
  items: readonly ExpandedEvidenceItem[],
): boolean {
  if (item.id !== undefined && item.id === spec.evidence) return false;
  if (item.through === id) return true;
  if (item.kind === 'http') return requestsFile(spec, item);
  if (item.kind === 'auth') return spec.kind === 'account' && item.user === spec.account;
  if (item.kind === 'process' && item.group !== undefined && item.on === spec.on)
    return items.some(
      (other) => other.group === item.group && other.on === item.on && requestsFile(spec, other),
    );
  return false;
}

type Placement = { t: number; placed: boolean };

/** Whether the artefact with this history is removed at `t` (placed unless the last word says otherwise). */
function removedAt(history: readonly Placement[], t: number): boolean {
  let placed = true;
  for (const p of history) if (p.t <= t) placed = p.placed;
  return !placed;
}

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

  /**
   * How `item` (among its stay's `items`) goes through artefacts the trainee removed at some
   * point, or undefined when it goes through none (the most common answer).
   */
  throughOf(
    item: ExpandedEvidenceItem,
    items: readonly ExpandedEvidenceItem[],
  ): ThroughCut | undefined {
    const histories: Placement[][] = [];
    for (const [id, leftover] of this.compiled.leftovers) {
      if (leftover.kind !== 'artefact') continue;
      const history = this.artefacts.get(id);
      if (!history?.some((p) => !p.placed)) continue;
      if (goesThrough(id, leftover.spec as ArtefactSpec, item, items)) histories.push(history);
    }
    if (!histories.length) return undefined;
    return {
      effect: item.kind === 'http' ? 'not-found' : item.kind === 'auth' ? 'refused' : 'gone',
      goneAt: (t) => histories.some((h) => removedAt(h, t)),
    };
  }
}
