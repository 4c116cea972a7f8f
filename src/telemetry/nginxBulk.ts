import type { AttackEvents } from './drillView.js';
import type { BaselineShaping } from './baselineShaping.js';
import { nginxTime } from './clock.js';
import { nginxCombined } from './formats/web.js';
import type { HttpConn, HttpRequest } from './http.js';
import type { LineBuffer } from './lineBuffer.js';
import { FragmentCache } from './lineBuffer.js';
import { healthCheckLine, healthCheckTimes, httpConns } from './noise.js';
import { Batch } from './bulkBatch.js';
import type { StreamSpec } from './topology.js';
import { MINUTE, type World } from './world.js';

/*
 * The nginx combined access log written straight to bytes: the same lines, in the same order, as
 * the reference path (noiseLines + renderHttp + nginxCombined, sorted by time then text), without
 * a string or an Entry per line. Ordinary requests stay records until they are written; their text
 * is built only to break a tie of equal times (rare), so the order is still (time, text).
 */

const enc = new TextEncoder();
const HEALTH_TAIL = enc.encode('GET /health HTTP/1.0" 200 2 "-" "-"\n');
/** The longest line built from parts; anything longer goes through the text path. */
const MAX_PIECEWISE = 8 * 1024;

export class NginxAccessWriter {
  private readonly clients = new FragmentCache();
  private readonly methods = new FragmentCache((m) => `${m} `);
  private readonly paths = new FragmentCache((p) => `${p} HTTP/1.1" `);
  private readonly statuses = new FragmentCache((s) => `${s} `);
  private readonly statusBytes: Uint8Array[] = [];
  private readonly referers = new FragmentCache((r) => ` "${r}" "`);
  private readonly agents = new FragmentCache((ua) => `${ua}"\n`);
  private readonly batch = new Batch();
  private second = NaN;
  private minute = NaN;
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
        healthCheckTimes(world, host, m, (t, lb) => {
          if (t >= from && t < to && !shaping?.isolated(host.id, t))
            batch.push(t, undefined, undefined, undefined, lb);
        });
    }
    // Not a front end: only what the extras say (the reference path renders nothing else).
    batch.addExtras(world, spec, from, to, extras);
    for (const i of batch.order((i) => this.textOf(i))) {
      const text = batch.text[i];
      if (text !== undefined) out.line(text);
      else if (batch.n[i]! >= 0) this.healthCheck(batch.t[i]!, batch.n[i]!, out);
      else this.record(batch.conn[i]!, batch.req[i]!, out);
    }
  }

  /** Line i's text: the reference rendering, built only to break a tie of equal times. */
  private textOf(i: number): string {
    const b = this.batch;
    let text = b.text[i];
    if (text === undefined && b.n[i]! >= 0) {
      text = healthCheckLine(this.world, b.t[i]!, b.n[i]!);
      b.text[i] = text;
    } else if (text === undefined) {
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

  /** `${client} - - [${time}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${referer}" "${ua}"` */
  private record(c: HttpConn, q: HttpRequest, out: LineBuffer): void {
    // Every part but the time and the size repeats (addresses, paths, referers, user agents):
    // each is encoded once with the punctuation around it, then copied.
    const client = this.clients.get(c.client);
    const method = this.methods.get(q.method);
    const path = this.paths.get(q.path);
    const status = this.statusOf(q.status);
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

  /** `${status} ` as bytes: by number for the usual codes (no string made per line). */
  private statusOf(status: number): Uint8Array {
    if (!Number.isInteger(status) || status < 0 || status > 999)
      return this.statuses.get(String(status));
    return (this.statusBytes[status] ??= this.statuses.get(String(status)));
  }

  /** `${lb} - - [time] "GET /health HTTP/1.0" 200 2 "-" "-"`, as healthCheckLine spells it. */
  private healthCheck(t: number, lb: number, out: LineBuffer): void {
    out.startLine();
    out.bytes(this.clients.get(this.world.balancers[lb]!.ip));
    out.bytes(this.stampOf(this.world.epoch0 + t));
    out.bytes(HEALTH_TAIL);
    out.count++;
  }

  /** ` - - [12/Mar/2026:22:40:03 +0000] "` for the second of `epochMs` (lines come in time order). */
  private stampOf(epochMs: number): Uint8Array {
    const second = Math.floor(epochMs / 1000);
    if (second !== this.second) {
      const minute = Math.floor(second / 60);
      if (minute !== this.minute) {
        // Encoded once a minute; only the two digits of the second change within it (the caller
        // copies the stamp at once, so patching it in place is safe).
        this.minute = minute;
        this.stamp = enc.encode(` - - [${nginxTime(minute * 60_000)}] "`);
      }
      const s = second - minute * 60;
      // The two digits before ` +0000] "`.
      const at = this.stamp.length - 11;
      this.stamp[at] = 48 + Math.floor(s / 10);
      this.stamp[at + 1] = 48 + (s % 10);
      this.second = second;
    }
    return this.stamp;
  }
}
