import type { AttackEvents } from './drillView.js';
import type { BaselineShaping } from './baselineShaping.js';
import { Batch } from './bulkBatch.js';
import { isoTime } from './clock.js';
import { netfilterMacs, netfilterTtl, netfilterWindow } from './formats/host.js';
import { WAF_PORT } from './formats/security.js';
import type { HttpConn } from './http.js';
import type { LineBuffer } from './lineBuffer.js';
import { httpConns, internetDropLine, internetDropPackets, type DroppedProbe } from './noise.js';
import { hash32Digits, hash32More } from './random.js';
import { firewallConnLine } from './renderHttp.js';
import type { Host, StreamSpec } from './topology.js';
import { MINUTE, type World } from './world.js';

/*
 * The edge firewall's log written straight to bytes, as nginxBulk.ts does for the access log: the
 * same lines in the same (time, text) order as the reference path (noiseLines: renderHttp's
 * `firewall` case and the internet's dropped probes, then the attack and red herrings, sorted by
 * time then text). Every line is one TCP SYN from outside (`IN=eth0`), so all but the addresses,
 * ports and the fields hashed from them repeat; the attack's lines stay text.
 */

const enc = new TextEncoder();
const FNV_START = 0x811c9dc5;
const TAIL = enc.encode(' RES=0x00 SYN URGP=0\n');
const ID = enc.encode(' ID=');
const DF_SPT = enc.encode(' DF PROTO=TCP SPT=');
const DPT = enc.encode(' DPT=');
const WINDOW = enc.encode(' WINDOW=');
/** A kind of line's fixed parts: `<PRI>1 ` and what follows the time up to `SRC=`. */
interface Head {
  pri: Uint8Array;
  rest: Uint8Array;
}
/** Line kinds: a connection (accepted, or dropped on the blocklist), a dropped probe. */
const KIND_CONN = -1;

/** Whether the edge firewall `host` writes its log here (else the text path: nothing to gain). */
export function firewallBulkHost(world: World, host: Host | undefined): host is Host {
  return (
    host !== undefined &&
    host.roles.includes('edge-firewall') &&
    host.id === world.topology.oneWithRole('edge-firewall')?.id
  );
}

export class FirewallWriter {
  private readonly batch = new Batch();
  private readonly drops: DroppedProbe[] = [];
  /** `2026-03-12T22:40:` per minute. */
  private minute = NaN;
  private prefix = new Uint8Array(0);
  /** Per host, each kind of line's `<PRI>1 ` and what follows the time up to `SRC=`. */
  private heads = new Map<string, { accept: Head; blocked: Head; probe: Head }>();
  /** ` DST=${vip} LEN=60 TOS=0x00 PREC=0x00 TTL=` (the source address before it is written as is:
   * most appear once or twice, so a cache of them would cost more than it saves). */
  private readonly toTtl: Uint8Array;
  /** The hash of `>${vip}:` goes between the source's port and the destination port. */
  private readonly toVip: string;

  constructor(private readonly world: World) {
    const vip = world.topology.publicVip;
    this.toTtl = enc.encode(` DST=${vip} LEN=60 TOS=0x00 PREC=0x00 TTL=`);
    this.toVip = `>${vip}:`;
  }

  /** Writes the edge firewall's lines with from <= t < to (see firewallBulkHost). */
  write(
    spec: StreamSpec,
    host: Host,
    from: number,
    to: number,
    extras: readonly AttackEvents[],
    out: LineBuffer,
    shaping?: BaselineShaping,
  ): void {
    const world = this.world;
    const batch = this.batch;
    const drops = this.drops;
    batch.clear();
    drops.length = 0;
    const fe = world.frontEnds.indexOf(host);
    for (const c of httpConns(world, from, to, fe >= 0 ? fe : undefined, shaping))
      if (c.t >= from && c.t < to) batch.push(c.t, c, undefined, undefined, KIND_CONN);
    const first = Math.floor(from / MINUTE);
    const last = Math.ceil(to / MINUTE) - 1;
    for (let m = first; m <= last; m++)
      for (const p of internetDropPackets(world, host, m))
        if (p.t >= from && p.t < to) {
          batch.push(p.t, undefined, undefined, undefined, drops.length);
          drops.push(p);
        }
    batch.addExtras(world, spec, from, to, extras);
    if (!batch.length) return;
    const textOf = (i: number): string => {
      let text = batch.text[i];
      if (text === undefined) {
        const n = batch.n[i]!;
        text =
          n === KIND_CONN
            ? firewallConnLine(world, host.hostname, batch.conn[i]!)
            : internetDropLine(world, host, drops[n]!);
        batch.text[i] = text;
      }
      return text;
    };
    const heads = this.headsOf(host);
    for (const i of batch.order(textOf)) {
      const text = batch.text[i];
      if (text !== undefined) {
        out.line(text);
        continue;
      }
      const n = batch.n[i]!;
      if (n === KIND_CONN) {
        const c: HttpConn = batch.conn[i]!;
        const line = this.packet(
          c.t,
          c.droppedAtFw ? heads.blocked : heads.accept,
          c.client,
          c.port,
          c.dport ?? WAF_PORT,
          out,
        );
        if (!line) out.line(firewallConnLine(world, host.hostname, c));
      } else {
        const p = drops[n]!;
        if (!this.packet(p.t, heads.probe, p.src, p.spt, p.dpt, out))
          out.line(internetDropLine(world, host, p));
      }
    }
  }

  /** One SYN's line as bytes; false (nothing written) when the text path must spell it. */
  private packet(
    t: number,
    head: Head,
    src: string,
    spt: number,
    dpt: number,
    out: LineBuffer,
  ): boolean {
    const ms = this.world.epoch0 + t;
    if (!Number.isSafeInteger(ms) || ms < 0 || src.length > 1024) return false;
    // netfilterFields' hash of `${src}:${spt}>${dst}:${dpt}`, without the string.
    let h = hash32More(FNV_START, src);
    h = hash32Digits(hash32More(h, ':'), spt);
    h = hash32Digits(hash32More(h, this.toVip), dpt);
    out.startLine();
    out.bytes(head.pri);
    this.stamp(ms, out);
    out.bytes(head.rest);
    out.text(src);
    out.bytes(this.toTtl);
    out.uint(netfilterTtl(h, 'eth0'));
    out.bytes(ID);
    out.uint((h >>> 8) % 65_536);
    out.bytes(DF_SPT);
    out.uint(spt);
    out.bytes(DPT);
    out.uint(dpt);
    out.bytes(WINDOW);
    out.uint(netfilterWindow(h));
    out.bytes(TAIL);
    out.count++;
    return true;
  }

  /** isoTime(ms) for a whole ms >= 0. */
  private stamp(ms: number, out: LineBuffer): void {
    const minute = Math.floor(ms / MINUTE);
    if (minute !== this.minute) {
      this.minute = minute;
      // `2026-03-12T22:40:00.000Z` without `00.000Z`.
      this.prefix = enc.encode(isoTime(minute * MINUTE).slice(0, -7));
    }
    out.bytes(this.prefix);
    out.padded(Math.floor((ms - minute * MINUTE) / 1000), 2);
    out.byte(46 /* . */);
    out.padded(ms % 1000, 3);
    out.byte(90 /* Z */);
  }

  /** The fixed parts of the three kinds of line of `host`. */
  private headsOf(host: Host) {
    let heads = this.heads.get(host.hostname);
    if (!heads) {
      const macs = netfilterMacs({ in: 'eth0', src: '' }, host.hostname);
      const head = (
        severity: number,
        action: 'ACCEPT' | 'DROP',
        rule: string,
        outIface: string,
      ) => ({
        pri: enc.encode(`<${16 * 8 + severity}>1 `),
        rest: enc.encode(
          ` ${host.hostname} kernel - ${action} [fw@32473 action="${action.toLowerCase()}" rule="${rule}"] ${action} IN=eth0 OUT=${outIface} MAC=${macs} SRC=`,
        ),
      });
      heads = {
        accept: head(6, 'ACCEPT', 'web-in', 'eth1'),
        blocked: head(4, 'DROP', 'blocklist', ''),
        probe: head(4, 'DROP', 'default-deny', ''),
      };
      if (this.heads.size > 16) this.heads.clear();
      this.heads.set(host.hostname, heads);
    }
    return heads;
  }
}
