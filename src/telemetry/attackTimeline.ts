import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import { drillFacts } from '../evidence/index.js';
import type { AttackEvents } from './drillView.js';
import type { Entry } from './entry.js';
import { renderFacts } from './factLines.js';
import type { HttpConn } from './http.js';
import type { World } from './world.js';

const MINUTE = 60_000;

/**
 * Where an open stay's `until` is put while the drill runs: far beyond any drill, so what closes
 * with the stay (an SSH logout, an IPS flow record) is not written before the stay has closed.
 * The date must stay printable (epoch0 + this is a valid Date), so not Infinity.
 */
export const OPEN_UNTIL = 2 ** 50;

/**
 * How far past a window the facts are made: a fact may write a line a little before its own time
 * (the firewall's view of an SSH login 200 ms earlier), so a window needs the facts just after it.
 */
export const ATTACK_LEAD_MS = 5_000;

/** The HTTP lines of a request trail it by up to 2 s (renderHttp): connections just before count. */
const HTTP_TRAIL_MS = MINUTE;

/** Index of the first element of `xs` (sorted by `key`) whose key is >= `t`. */
function lowerBound<T>(xs: readonly T[], t: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]!) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const entryT = (e: Entry) => e.t;
const connT = (c: HttpConn) => c.t;

/**
 * The attack's rendered events for one version of a drill's trace (decision 1000), made as far as
 * windows ask and kept: a live dashboard asks for one more minute at a time, and redoing the whole
 * drill's facts for every minute made each minute cost more than the last.
 *
 * Facts before `horizon` (a whole minute, so no 10-second flood summary is split) are rendered
 * once, with an open stay's `until` at OPEN_UNTIL (the drill has not ended) or at the drill's end
 * (it has), never at "now": nothing they write depends on when they were asked for. The facts
 * between the horizon and the drill's clock (less than a minute) are made per clock value, as
 * before. Together they are exactly the facts `drillFacts(0, end)` gives, so the lines are too.
 */
export class AttackTimeline {
  /** Facts with t < horizon are rendered below; horizon is a whole minute. */
  private horizon = 0;
  /** The kept facts' HTTP connections, in fact order (so by time: one request at the fact's). */
  private readonly conns: HttpConn[] = [];
  /** The kept facts' host lines per `component/source`, sorted by time (ties in render order). */
  private readonly lines = new Map<string, Entry[]>();
  private tail: { end: number; events: AttackEvents } | undefined;
  private readonly untilEnd: number;

  constructor(
    private readonly world: World,
    private readonly compiled: CompiledScenario,
    private readonly trace: readonly TraceEntry[],
    private readonly seed: string,
    /** The drill's end when it has ended (every `until` is then known). */
    ended: number | undefined,
  ) {
    this.untilEnd = ended ?? OPEN_UNTIL;
  }

  private facts(from: number, to: number) {
    return drillFacts(
      this.compiled,
      this.trace,
      this.seed,
      { from, to },
      { untilEnd: this.untilEnd },
    );
  }

  /** Renders the facts of [horizon, to) and keeps them. */
  private extend(to: number): void {
    const events = renderFacts(this.world, this.facts(this.horizon, to), this.seed);
    this.horizon = to;
    for (const c of events.conns) this.conns.push(c);
    for (const [key, list] of events.lines) {
      // Lines at OPEN_UNTIL or after can never be shown (no drill is that long): not kept.
      const fresh = list.filter((e) => e.t < OPEN_UNTIL / 2).sort((a, b) => a.t - b.t);
      if (!fresh.length) continue;
      let kept = this.lines.get(key);
      if (!kept) this.lines.set(key, (kept = []));
      // Stable merge of the new lines into the kept ones: equal times keep render order (earlier
      // facts first), as the one rendering of all the facts would have them.
      const at = lowerBound(kept, fresh[0]!.t + 1, entryT);
      const later = kept.splice(at);
      let i = 0;
      let j = 0;
      while (i < later.length || j < fresh.length) {
        if (j >= fresh.length || (i < later.length && later[i]!.t <= fresh[j]!.t))
          kept.push(later[i++]!);
        else kept.push(fresh[j++]!);
      }
    }
  }

  /**
   * The events a window [from, to) of the drill at `end` (its clock or its end) can show: the
   * lines before `end` and the connections near the window, as renderFacts of every fact before
   * `end` cut at `end` would give them (same lines, same order of equal lines).
   */
  events(from: number, to: number, end: number): AttackEvents {
    const settled = Math.floor(end / MINUTE) * MINUTE;
    const need = Math.min(settled, Math.ceil((to + ATTACK_LEAD_MS) / MINUTE) * MINUTE);
    if (need > this.horizon) this.extend(need);
    const upTo = Math.min(to, end);
    const lines = new Map<string, Entry[]>();
    for (const [key, kept] of this.lines) {
      const lo = lowerBound(kept, from, entryT);
      const hi = lowerBound(kept, upTo, entryT);
      if (hi > lo) lines.set(key, kept.slice(lo, hi));
    }
    const conns = this.conns.slice(
      lowerBound(this.conns, from - HTTP_TRAIL_MS, connT),
      lowerBound(this.conns, Math.min(upTo, this.horizon), connT),
    );
    // The facts after the horizon (the minute in progress): only when the window reaches them.
    if (this.horizon < end && to + ATTACK_LEAD_MS > this.horizon) {
      const tail = this.tailAt(end);
      for (const c of tail.conns) conns.push(c);
      for (const [key, list] of tail.lines) {
        const mine = lines.get(key);
        if (mine) for (const e of list) mine.push(e);
        else lines.set(key, list);
      }
    }
    return { conns, lines };
  }

  /** The facts of [horizon, end), rendered and cut at `end`, once per `end`. */
  private tailAt(end: number): AttackEvents {
    if (this.tail?.end !== end) {
      const events = renderFacts(this.world, this.facts(this.horizon, end), this.seed);
      const lines = new Map<string, Entry[]>();
      for (const [key, list] of events.lines)
        lines.set(
          key,
          list.filter((e) => e.t < end),
        );
      // A connection's one request is at its fact's time, before `end`.
      this.tail = { end, events: { conns: events.conns, lines } };
    }
    return this.tail.events;
  }
}
