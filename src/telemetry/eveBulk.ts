import type { AttackEvents } from './drillView.js';
import type { BaselineShaping } from './baselineShaping.js';
import { Batch } from './bulkBatch.js';
import { eveTime } from './clock.js';
import { eveConn, type EveConn } from './eveConn.js';
import { eveFlow, eveTls, SHOP_HOST, WAF_PORT } from './formats/security.js';
import type { HttpConn } from './http.js';
import { FragmentCache, type LineBuffer } from './lineBuffer.js';
import { httpConns } from './noise.js';
import { LATEST_LINE_MS, renderHttp, wafAddress } from './renderHttp.js';
import type { Entry } from './entry.js';
import type { StreamSpec } from './topology.js';
import type { World } from './world.js';

/*
 * The IPS's EVE log (Suricata 3 and later, formats/security.ts) written straight to bytes, as
 * nginxBulk.ts does for the access log: the same lines in the same (time, text) order as the
 * reference path (noiseLines + renderHttp's `eve` case, sorted by time then text). A connection's
 * `tls` and `flow` records (nearly every line: the shop is HTTPS) are kept as records and spelt
 * piece by piece; the few plain-HTTP lines (`http`, `alert`) and the attack's lines are text from
 * the reference formatters. Suricata 2.0's EVE (products/suricata2.ts) keeps the text path.
 */

const enc = new TextEncoder();
const KIND_TLS = 0;
const KIND_FLOW = 1;
const TIMESTAMP = enc.encode('{"timestamp":"');
const FLOW_ID = enc.encode('","flow_id":');
/** After the source address (written as is: most appear in one connection's two records). */
const SRC_PORT = enc.encode('","src_port":');
const TLS_TYPE = enc.encode(',"in_iface":"eth1","event_type":"tls","src_ip":"');
const FLOW_TYPE = enc.encode(',"in_iface":"eth1","event_type":"flow","src_ip":"');
const TLS_TAIL = (version: string) =>
  enc.encode(`,"proto":"TCP","tls":{"sni":${JSON.stringify(SHOP_HOST)},"version":"${version}"}}\n`);
const TLS12_TAIL = TLS_TAIL('TLS 1.2');
const TLS13_TAIL = TLS_TAIL('TLS 1.3');
const APP_TLS = enc.encode(',"proto":"TCP","app_proto":"tls","flow":{"pkts_toserver":');
const APP_HTTP = enc.encode(',"proto":"TCP","app_proto":"http","flow":{"pkts_toserver":');
const PKTS_TO_CLIENT = enc.encode(',"pkts_toclient":');
const BYTES_TO_SERVER = enc.encode(',"bytes_toserver":');
const BYTES_TO_CLIENT = enc.encode(',"bytes_toclient":');
const START = enc.encode(',"start":"');
const END = enc.encode('","end":"');
const AGE = enc.encode('","age":');
const ALERTED = enc.encode(',"state":"closed","reason":"timeout","alerted":');
const TCP_TAIL = enc.encode(
  '},"tcp":{"tcp_flags":"1b","tcp_flags_ts":"1b","tcp_flags_tc":"1b","syn":true,"fin":true,"psh":true,"ack":true,"state":"closed"}}\n',
);
const TRUE = enc.encode('true');
const FALSE = enc.encode('false');

export class EveWriter {
  private readonly dests = new FragmentCache((ip) => `,"dest_ip":"${ip}","dest_port":`);
  private readonly batch = new Batch();
  /** `2026-03-12T22:40:` per minute, a few minutes kept (a flow's start is minutes back). */
  private readonly minutes = new Map<number, Uint8Array>();
  private readonly e0: number;

  constructor(private readonly world: World) {
    this.e0 = world.epoch0;
  }

  /** Writes the IPS's EVE lines with from <= t < to; `extras` are the attack and red herrings. */
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
    const wafIp = wafAddress(world);
    if (host) {
      const fe = world.frontEnds.indexOf(host);
      for (const c of httpConns(world, from, to, fe >= 0 ? fe : undefined, shaping)) {
        if (c.droppedAtFw) continue;
        if ((c.dport ?? WAF_PORT) !== WAF_PORT) {
          // Plain HTTP (rare: the attack's and red herrings' are extras): every record of the
          // connection as the reference renders it.
          const lines: Entry[] = [];
          renderHttp(world, spec, [c], from, to, lines);
          for (const l of lines) batch.push(l.t, undefined, undefined, l.text);
          continue;
        }
        // A TLS connection: its handshake and its flow record, at the times eveConn gives them.
        const { hello, end } = eveConn(c, wafIp);
        if (hello >= from && hello < to) batch.push(hello, c, undefined, undefined, KIND_TLS);
        // renderHttp renders from LATEST_LINE_MS before the window, then keeps lines by time.
        if (end >= from - LATEST_LINE_MS && end < to && end >= from)
          batch.push(end, c, undefined, undefined, KIND_FLOW);
      }
    }
    batch.addExtras(world, spec, from, to, extras);
    if (!batch.length) return;
    const textOf = (i: number): string => {
      let text = batch.text[i];
      if (text === undefined) {
        text = this.reference(batch.conn[i]!, batch.n[i]!, wafIp);
        batch.text[i] = text;
      }
      return text;
    };
    for (const i of batch.order(textOf)) {
      const text = batch.text[i];
      if (text !== undefined) out.line(text);
      else this.record(batch.conn[i]!, batch.n[i]!, wafIp, out);
    }
  }

  /** The reference text of a connection's tls or flow record (formats/security.ts). */
  private reference(c: HttpConn, kind: number, wafIp: string): string {
    const e = eveConn(c, wafIp);
    const e0 = this.e0;
    if (kind === KIND_TLS)
      return eveTls(e0 + e.hello, (c.port * 7) % 1000, e.f, { sni: SHOP_HOST, version: e.version });
    return eveFlow(e0 + e.end, (c.port + 137 * (c.reqs.length + 1)) % 1000, e.f, {
      pktsToServer: e.packets,
      pktsToClient: e.packets + Math.ceil(e.bytesOut / 1448),
      bytesToServer: e.bytesIn,
      bytesToClient: e.bytesOut,
      startMs: e0 + c.t,
      alerted: e.alerted,
      appProto: e.isTls ? 'tls' : 'http',
      state: 'closed',
    });
  }

  /** A tls or flow record's bytes, piece by piece. */
  private record(c: HttpConn, kind: number, wafIp: string, out: LineBuffer): void {
    const e = eveConn(c, wafIp);
    const e0 = this.e0;
    const at = e0 + (kind === KIND_TLS ? e.hello : e.end);
    const start = e0 + c.t;
    if (
      c.client.length > 4096 ||
      !Number.isSafeInteger(at) ||
      !Number.isSafeInteger(start * 997) ||
      start < 0 ||
      at <= 0 ||
      !Number.isSafeInteger(e.f.flowId)
    ) {
      out.line(this.reference(c, kind, wafIp));
      return;
    }
    out.startLine();
    if (kind === KIND_TLS) {
      this.common(at, (c.port * 7) % 1000, TLS_TYPE, c, e, wafIp, out);
      out.bytes(e.version === 'TLS 1.2' ? TLS12_TAIL : TLS13_TAIL);
      out.count++;
      return;
    }
    const micro = (c.port + 137 * (c.reqs.length + 1)) % 1000;
    this.common(at, micro, FLOW_TYPE, c, e, wafIp, out);
    out.bytes(e.isTls ? APP_TLS : APP_HTTP);
    out.uint(e.packets);
    out.bytes(PKTS_TO_CLIENT);
    out.uint(e.packets + Math.ceil(e.bytesOut / 1448));
    out.bytes(BYTES_TO_SERVER);
    out.uint(e.bytesIn);
    out.bytes(BYTES_TO_CLIENT);
    out.uint(e.bytesOut);
    out.bytes(START);
    this.stamp(start, (start * 997) % 1000, out);
    out.bytes(END);
    this.stamp(at - 1, micro, out);
    out.bytes(AGE);
    out.uint(Math.max(0, Math.round((at - start) / 1000)));
    out.bytes(ALERTED);
    out.bytes(e.alerted ? TRUE : FALSE);
    out.bytes(TCP_TAIL);
    out.count++;
  }

  /** EVE's common part (formats/security.ts `base`) up to the destination port. */
  private common(
    at: number,
    micro: number,
    type: Uint8Array,
    c: HttpConn,
    e: EveConn,
    wafIp: string,
    out: LineBuffer,
  ): void {
    out.bytes(TIMESTAMP);
    this.stamp(at, micro, out);
    out.bytes(FLOW_ID);
    out.safeUint(e.f.flowId);
    out.bytes(type);
    out.text(c.client);
    out.bytes(SRC_PORT);
    out.uint(e.f.sport);
    out.bytes(this.dests.get(wafIp));
    out.uint(e.f.dport);
  }

  /** eveTime(ms, micro) for a whole ms >= 0: the minute's prefix, then the digits. */
  private stamp(ms: number, micro: number, out: LineBuffer): void {
    const minute = Math.floor(ms / 60_000);
    let prefix = this.minutes.get(minute);
    if (prefix === undefined) {
      if (this.minutes.size >= 64) this.minutes.clear();
      // `2026-03-12T22:40:00.000000+0000` without its last 14 characters.
      const text = eveTime(minute * 60_000, 0);
      prefix = enc.encode(text.slice(0, -14));
      this.minutes.set(minute, prefix);
    }
    out.bytes(prefix);
    const inMinute = ms - minute * 60_000;
    out.padded(Math.floor(inMinute / 1000), 2);
    out.byte(46 /* . */);
    out.padded(ms % 1000, 3);
    out.padded(micro % 1000, 3);
    out.byte(43 /* + */);
    out.byte(48);
    out.byte(48);
    out.byte(48);
    out.byte(48);
  }
}
