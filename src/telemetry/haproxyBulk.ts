import type { AttackEvents } from './drillView.js';
import type { BaselineShaping } from './baselineShaping.js';
import { Batch } from './bulkBatch.js';
import { bsdTime, haproxyTime } from './clock.js';
import type { HttpConn, HttpRequest } from './http.js';
import { pidFor, requestIdWords } from './ids.js';
import { FragmentCache, type LineBuffer } from './lineBuffer.js';
import { httpConns } from './noise.js';
import { haproxyRequestLine, LATEST_LINE_MS, wafAddress } from './renderHttp.js';
import type { StreamSpec } from './topology.js';
import { MINUTE, type World } from './world.js';

/*
 * The HAProxy HTTP log written straight to bytes, as nginxBulk.ts does for the access log: the
 * same lines in the same (time, text) order as the reference path (noiseLines + renderHttp +
 * haproxyLine), the requests kept as records and their text built only to break a tie.
 */

const enc = new TextEncoder();
const FLAGS_OK = enc.encode(' - - ---- ');
const FLAGS_NOSRV = enc.encode(' - - SC-- ');
const QUEUES = enc.encode('/0/0/0 0/0 {');

export class HaproxyWriter {
  private readonly servers = new FragmentCache((s) => `] fe_shop be_shop/${s} 0/0/1/`);
  private readonly methods = new FragmentCache((m) => `} "${m} `);
  private readonly paths = new FragmentCache((p) => `${p} HTTP/1.1"\n`);
  private readonly batch = new Batch();
  private readonly words = new Uint32Array(4);
  /** Per-minute templates (syslog head, accept date) whose seconds digits are patched. */
  private minute = NaN;
  private head = new Uint8Array(0);
  private headSecond = 0;
  private accept = new Uint8Array(0);
  /** The stream being written: its host name, process id and the address it sees clients at. */
  private ctx = { hostname: '', pid: 0, wafIp: '', key: '' };

  constructor(private readonly world: World) {}

  /** Writes the LB's lines with from <= t < to; `extras` are the attack and red herrings. */
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
    const lb = host ? world.balancers.indexOf(host) : -1;
    if (host && lb >= 0) {
      // renderHttp renders requests from LATEST_LINE_MS before the window and keeps lines by their
      // own time (the request's plus the upstream time).
      for (const c of httpConns(world, from, to, undefined, shaping)) {
        if (c.lb !== lb || c.droppedAtFw) continue;
        for (let i = 0; i < c.reqs.length; i++) {
          const q = c.reqs[i]!;
          const t = q.t + q.upstreamMs;
          if (q.t >= from - LATEST_LINE_MS && q.t < to && t >= from && t < to && !q.waf?.blocked)
            batch.push(t, c, q, undefined, i);
        }
      }
    }
    batch.addExtras(world, spec, from, to, extras);
    if (!batch.length) return;
    const wafIp = wafAddress(world);
    const hostname = host?.hostname ?? '';
    const pid = host ? pidFor(`${host.id}haproxy`) : 0;
    const key = `${hostname} haproxy[${pid}]: ${wafIp}:`;
    if (key !== this.ctx.key) this.minute = NaN;
    this.ctx = { hostname, pid, wafIp, key };
    const textOf = (i: number): string => {
      let text = batch.text[i];
      if (text === undefined) {
        text = this.reference(batch.conn[i]!, batch.req[i]!, batch.n[i]!);
        batch.text[i] = text;
      }
      return text;
    };
    for (const i of batch.order(textOf)) {
      const text = batch.text[i];
      if (text !== undefined) out.line(text);
      else this.record(batch.conn[i]!, batch.req[i]!, batch.n[i]!, out);
    }
  }

  /** The reference text (haproxyLine), for ties and for what the byte path does not spell. */
  private reference(c: HttpConn, q: HttpRequest, i: number): string {
    const { hostname, pid, wafIp } = this.ctx;
    return haproxyRequestLine(this.world, hostname, pid, wafIp, c, q, i);
  }

  /** haproxyLine's bytes, piece by piece. */
  private record(c: HttpConn, q: HttpRequest, i: number, out: LineBuffer): void {
    const w = this.world;
    const ms = w.epoch0 + q.t;
    const server = q.answeredBy ? '<NOSRV>' : (w.frontEnds[c.fe]?.id ?? '<NOSRV>');
    const path = this.paths.get(q.path);
    if (path.length > 4096 || !Number.isInteger(ms) || ms < 0) {
      out.line(this.reference(c, q, i));
      return;
    }
    this.templates(ms);
    const second = Math.floor(ms / 1000) % 60;
    const s10 = 48 + Math.floor(second / 10);
    const s1 = 48 + (second % 10);
    const head = this.head;
    head[this.headSecond] = s10;
    head[this.headSecond + 1] = s1;
    const accept = this.accept;
    accept[accept.length - 3] = s10;
    accept[accept.length - 2] = s1;
    const conns = 1 + (c.port % 40);
    out.startLine();
    out.bytes(head);
    out.uint(30_000 + (c.port % 30_000));
    out.bytes(accept);
    out.padded(ms % 1000, 3);
    out.bytes(this.servers.get(server));
    out.uint(q.upstreamMs);
    out.byte(47 /* / */);
    out.uint(q.upstreamMs + 1);
    out.byte(32);
    out.uint(q.status);
    out.byte(32);
    out.uint(q.bytes);
    out.bytes(server === '<NOSRV>' ? FLAGS_NOSRV : FLAGS_OK);
    out.uint(conns);
    out.byte(47);
    out.uint(conns);
    out.bytes(QUEUES);
    requestIdWords(c.id, i, this.words);
    const words = this.words;
    out.hex32(words[0]!);
    out.hex32(words[1]!);
    out.hex32(words[2]!);
    out.hex32(words[3]!);
    out.bytes(this.methods.get(q.method));
    out.bytes(path);
    out.count++;
  }

  /**
   * `Mar 12 22:40:SS lb1 haproxy[1204]: 10.0.1.5:` and ` [12/Mar/2026:22:40:SS.` for the minute
   * of `ms`, encoded once a minute.
   */
  private templates(ms: number): void {
    const minute = Math.floor(ms / MINUTE);
    if (minute === this.minute) return;
    this.minute = minute;
    const bsd = enc.encode(bsdTime(minute * MINUTE));
    this.headSecond = bsd.length - 2;
    this.head = enc.encode(`${bsdTime(minute * MINUTE)} ${this.ctx.key}`);
    this.accept = enc.encode(` [${haproxyTime(minute * MINUTE).slice(0, -3)}`);
  }
}
