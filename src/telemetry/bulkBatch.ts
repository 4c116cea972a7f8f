import type { AttackEvents } from './drillView.js';
import type { Entry } from './entry.js';
import type { HttpConn, HttpRequest } from './http.js';
import { renderHttp } from './renderHttp.js';
import type { StreamSpec } from './topology.js';
import type { World } from './world.js';

/*
 * What the byte writers (nginxBulk.ts, haproxyBulk.ts) share: a slice's lines kept as records in
 * columns, put in the reference path's (time, text) order with the text built only for ties.
 */

/** One slice's lines as parallel columns (no object per line), reused from slice to slice. */
export class Batch {
  t: number[] = [];
  /** A request to render as bytes (conn and request)... */
  conn: Array<HttpConn | undefined> = [];
  req: Array<HttpRequest | undefined> = [];
  /** ...with a number the writer gives it (the request's index, a health check's LB), or -1... */
  n: number[] = [];
  /** ...or a line already rendered (attack and red-herring lines). */
  text: Array<string | undefined> = [];
  get length(): number {
    return this.t.length;
  }
  clear(): void {
    this.t.length = this.conn.length = this.req.length = this.n.length = 0;
    this.text.length = 0;
  }
  push(
    t: number,
    conn: HttpConn | undefined,
    req: HttpRequest | undefined,
    text?: string,
    n = -1,
  ): void {
    this.t.push(t);
    this.conn.push(conn);
    this.req.push(req);
    this.text.push(text);
    this.n.push(n);
  }

  /** The lines the extras (the attack, red herrings) give this stream in [from, to), as text. */
  addExtras(
    world: World,
    spec: StreamSpec,
    from: number,
    to: number,
    extras: readonly AttackEvents[],
  ): void {
    for (const extra of extras) {
      const lines: Entry[] = [];
      if (extra.conns.length) renderHttp(world, spec, extra.conns, from, to, lines);
      for (const e of extra.lines.get(`${spec.component}/${spec.source}`) ?? [])
        if (e.t >= from && e.t < to) lines.push(e);
      for (const e of lines) this.push(e.t, undefined, undefined, e.text);
    }
  }

  /**
   * The indices in (time, text) order; `textOf(i)` is line i's reference text (called only for
   * equal times; it may store it in `text`).
   */
  order(textOf: (i: number) => string): number[] {
    const ts = this.t;
    const n = ts.length;
    const byText = (a: number, b: number) => {
      const x = textOf(a);
      const y = textOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
    if (n >= PACK || !ts.every((t) => Number.isSafeInteger(t * PACK))) {
      return Array.from({ length: n }, (_, i) => i).sort((a, b) => ts[a]! - ts[b]! || byText(a, b));
    }
    // Time and index packed into one number: a native numeric sort, no comparator calls.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ts[i]! * PACK + i;
    keys.sort();
    const index = new Array<number>(n);
    for (let i = 0; i < n; i++) index[i] = keys[i]! - Math.floor(keys[i]! / PACK) * PACK;
    // Equal times (a few per minute) are ordered by their text, like the reference path.
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && ts[index[j]!] === ts[index[i]!]) j++;
      if (j - i > 1) {
        const run = index.slice(i, j).sort(byText);
        for (let k = 0; k < run.length; k++) index[i + k] = run[k]!;
      }
      i = j;
    }
    return index;
  }
}

/** Lines per slice below which the order is found by sorting packed numeric keys. */
const PACK = 65_536;
