import { WAF_PORT, type FlowEnds } from './formats/security.js';
import type { HttpConn } from './http.js';
import { flowId } from './ids.js';

/*
 * What the IPS makes of one connection to the WAF: its flow, the TLS handshake's time, the flow
 * record's time and counts. One computation for the reference renderer (renderHttp's `eve` case)
 * and the bulk writer (eveBulk.ts), so the two cannot drift apart.
 */

/** What the IPS makes of one connection (the per-request records add their own parts). */
export interface EveConn {
  f: FlowEnds;
  isTls: boolean;
  version: 'TLS 1.2' | 'TLS 1.3';
  /** The TLS ClientHello's time (simulated ms). */
  hello: number;
  jitter: number;
  /** The flow record's time and what it counts. */
  end: number;
  packets: number;
  bytesIn: number;
  bytesOut: number;
  alerted: boolean;
}

export function eveConn(c: HttpConn, wafIp: string): EveConn {
  const dport = c.dport ?? WAF_PORT;
  const isTls = dport === WAF_PORT;
  const flow = flowId(c.id);
  const jitter = flow % 997;
  let alerted = false;
  let bytesIn = isTls ? 517 : 0;
  let bytesOut = isTls ? 2_900 : 0;
  for (const q of c.reqs) {
    bytesIn += 420 + q.path.length + c.ua.length;
    bytesOut += q.bytes + 250;
    if (!isTls && q.ids) alerted = true;
  }
  const last = c.reqs[c.reqs.length - 1];
  return {
    f: { flowId: flow, src: c.client, sport: c.port, dst: wafIp, dport },
    isTls,
    version: c.ua.includes('Go-http') ? 'TLS 1.2' : 'TLS 1.3',
    hello: c.t + 3 + (jitter % 60),
    jitter,
    end: (last ? last.t + last.upstreamMs : c.t) + 5_000 + ((jitter * 37) % 20_000),
    packets: c.reqs.length * 4 + (isTls ? 7 : 3),
    bytesIn,
    bytesOut,
    alerted,
  };
}
