import type { AttackEvents } from './drillView.js';
import type { BaselineShaping } from './baselineShaping.js';
import { nginxTime } from './clock.js';
import type { Entry } from './entry.js';
import { nginxCombined } from './formats/web.js';
import type { HttpConn, HttpRequest } from './http.js';
import type { LineBuffer } from './lineBuffer.js';
import { FragmentCache } from './lineBuffer.js';
import { healthChecks, httpConns } from './noise.js';
import { renderHttp } from './renderHttp.js';
import type { StreamSpec } from './topology.js';
import { MINUTE, type World } from './world.js';

/*
 * The nginx combined access log written straight to bytes: the same lines, in the same order, as
 * the reference path (noiseLines + renderHttp + nginxCombined, sorted by time then text), without
 * a string or an Entry per line. Ordinary requests stay records until they are written; their text
 * is built only to break a tie of equal times (rare), so the order is still (time, text).
 */

/** One slice's lines as parallel columns (no object per line), reused from slice to slice. */
class Batch {
  t: number[] = [];
  /** A request to render as bytes (conn and request)... */
  conn: Array<HttpConn | undefined> = [];
  req: Array<HttpRequest | undefined> = [];
  /** ...or a line already rendered (health checks, attack and red-herring lines). */
  text: Array<string | undefined> = [];
  get length(): number {
    return this.t.length;
  }
  clear(): void {
    this.t.length = this.conn.length = this.req.length = this.text.length = 0;
  }
  push(t: number, conn: HttpConn | undefined, req: HttpRequest | undefined, text?: string): void {
    this.t.push(t);
    this.conn.push(conn);
    this.req.push(req);
    this.text.push(text);
  }
}

/** Lines per slice below which the order is found by sorting packed numeric keys. */
const PACK = 65_536;

const enc = new TextEncoder();
/** The longest line built from parts; anything longer goes through the text path. */
const MAX_PIECEWISE = 8 * 1024;

export class NginxAccessWriter {
  private readonly clients = new FragmentCache();
  private readonly methods = new FragmentCache((m) => `${m} `);
  private readonly paths = new FragmentCache((p) => `${p} HTTP/1.1" `);
  private readonly statuses = new FragmentCache((s) => `${s} `);
  private readonly referers = new FragmentCache((r) => ` "${r}" "`);
  private readonly agents = new FragmentCache((ua) => `${ua}"\n`);
  private readonly batch = new Batch();
  private second = NaN;
  private stamp: Uint8Array = new Uint8Array(0);

  constructor(private readonly world: World) {}

  /** Writes FEServ's access lines with from <= t < to; `extras` are the attack and red herrings. */
  write(
    spec: StreamSpec,
    from: number,
    to: number,
    extras: readonly AttackEvents[],
    out: LineBuffer,
    shaping?: BaselineShaping,
  ): void {
    const world = this.world;
    const host = world.topology.host(spec.component);
    const batch = this.batch;
    batch.clear();
    if (host && host.kind === 'web-server') {
      const fe = world.frontEnds.indexOf(host);
      for (const c of httpConns(world, from, to, fe >= 0 ? fe : undefined, shaping)) {
        if (c.fe !== fe || c.droppedAtFw) continue;
        for (const q of c.reqs)
          if (q.t >= from && q.t < to && !q.waf?.blocked && !q.answeredBy) batch.push(q.t, c, q);
      }
      const first = Math.floor(from / MINUTE);
      const last = Math.ceil(to / MINUTE) - 1;
      for (let m = first; m <= last; m++)
        for (const e of healthChecks(world, host, m))
          if (e.t >= from && e.t < to && !shaping?.isolated(host.id, e.t))
            batch.push(e.t, undefined, undefined, e.text);
    }
    // Not a front end: only what the extras say (the reference path renders nothing else).
    this.addExtras(spec, from, to, extras);
    for (const i of this.order()) {
      const text = batch.text[i];
      if (text !== undefined) out.line(text);
      else this.record(batch.conn[i]!, batch.req[i]!, out);
    }
  }

  private addExtras(
    spec: StreamSpec,
    from: number,
    to: number,
    extras: readonly AttackEvents[],
  ): void {
    for (const extra of extras) {
      const lines: Entry[] = [];
      if (extra.conns.length) renderHttp(this.world, spec, extra.conns, from, to, lines);
      for (const e of extra.lines.get(`${spec.component}/${spec.source}`) ?? [])
        if (e.t >= from && e.t < to) lines.push(e);
      for (const e of lines) this.batch.push(e.t, undefined, undefined, e.text);
    }
  }

  /** Line i's text: the reference rendering, built only to break a tie of equal times. */
  private textOf(i: number): string {
    const b = this.batch;
    let text = b.text[i];
    if (text === undefined) {
      const c = b.conn[i]!;
      const q = b.req[i]!;
      text = nginxCombined(
        c.client,
        this.world.epoch0 + q.t,
        q.method,
        q.path,
        q.status,
        q.bytes,
        q.referer,
        c.ua,
      );
      b.text[i] = text;
    }
    return text;
  }

  /** The batch's indices in (time, text) order. */
  private order(): number[] {
    const ts = this.batch.t;
    const n = ts.length;
    const byText = (a: number, b: number) => {
      const x = this.textOf(a);
      const y = this.textOf(b);
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

  /** `${client} - - [${time}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${referer}" "${ua}"` */
  private record(c: HttpConn, q: HttpRequest, out: LineBuffer): void {
    // Every part but the time and the size repeats (addresses, paths, referers, user agents):
    // each is encoded once with the punctuation around it, then copied.
    const client = this.clients.get(c.client);
    const method = this.methods.get(q.method);
    const path = this.paths.get(q.path);
    const status = this.statuses.get(String(q.status));
    const referer = this.referers.get(q.referer);
    const ua = this.agents.get(c.ua);
    const size = client.length + method.length + path.length + referer.length + ua.length + 80;
    if (size > MAX_PIECEWISE) {
      out.line(
        nginxCombined(
          c.client,
          this.world.epoch0 + q.t,
          q.method,
          q.path,
          q.status,
          q.bytes,
          q.referer,
          c.ua,
        ),
      );
      return;
    }
    out.startLine();
    out.bytes(client);
    out.bytes(this.stampOf(this.world.epoch0 + q.t));
    out.bytes(method);
    out.bytes(path);
    out.bytes(status);
    out.uint(q.bytes);
    out.bytes(referer);
    out.bytes(ua);
    out.count++;
  }

  /** ` - - [12/Mar/2026:22:40:03 +0000] "` for the second of `epochMs` (lines come in time order). */
  private stampOf(epochMs: number): Uint8Array {
    const second = Math.floor(epochMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.stamp = enc.encode(` - - [${nginxTime(epochMs)}] "`);
    }
    return this.stamp;
  }
}
