import { DEGRADED_REFUSED_SHARE, type Defences } from '../evidence/index.js';
import type { HttpConn } from './http.js';
import { hash32 } from './random.js';
import type { World } from './world.js';

/**
 * The defences applied to the customers' traffic: during a lockdown the edge firewall drops every
 * new connection; a degraded load balancer refuses a share of requests itself (429/503); an
 * isolated front end gets no traffic (the load balancers send its visitors to the others).
 * Baseline buckets stay drill-independent and cached; shaping is applied as they are read.
 */
export class BaselineShaping {
  /** Distinguishes caches of shaped lines: equal keys shape alike. */
  readonly key: string;
  constructor(
    private readonly world: World,
    private readonly defences: Defences,
  ) {
    this.key = defences.signature;
  }

  get active(): boolean {
    return this.key !== '';
  }

  isolated(host: string, t: number): boolean {
    return this.defences.isolated(host, t);
  }

  /** The connection as the defences let it through (the input is never changed). */
  shape(c: HttpConn): HttpConn[] {
    if (this.defences.traffic(c.t) === 'lockdown')
      return [{ ...c, droppedAtFw: true, reqs: c.reqs.slice(0, 1) }];
    const fe = this.world.frontEnds[c.fe];
    const cut = fe ? c.reqs.findIndex((q) => this.defences.isolated(fe.id, q.t)) : -1;
    if (cut < 0) return [this.degrade(c)];
    // The load balancer sends the rest of the visit to a front end still in service.
    const moved = this.reroute({ ...c, id: cut ? `${c.id}r` : c.id, reqs: c.reqs.slice(cut) });
    return cut
      ? [this.degrade({ ...c, reqs: c.reqs.slice(0, cut) }), this.degrade(moved)]
      : [this.degrade(moved)];
  }

  private reroute(c: HttpConn): HttpConn {
    const fes = this.world.frontEnds;
    const t = c.reqs[0]?.t ?? c.t;
    for (let k = 1; k < fes.length; k++) {
      const i = (c.fe + k) % fes.length;
      if (!this.defences.isolated(fes[i]!.id, t)) return { ...c, fe: i };
    }
    // No front end left: the load balancer answers 503 itself.
    return {
      ...c,
      reqs: c.reqs.map((q) => ({
        ...q,
        status: 503,
        bytes: 107,
        upstreamMs: 0,
        answeredBy: 'lb' as const,
      })),
    };
  }

  private degrade(c: HttpConn): HttpConn {
    if (!c.reqs.some((q) => this.defences.traffic(q.t) === 'degraded')) return c;
    return {
      ...c,
      reqs: c.reqs.map((q, i) => {
        if (this.defences.traffic(q.t) !== 'degraded' || q.waf?.blocked || q.answeredBy) return q;
        const h = hash32(`${c.id}/${i}/degrade`) / 0x100000000;
        if (h >= DEGRADED_REFUSED_SHARE) return q;
        const status = h < DEGRADED_REFUSED_SHARE / 2 ? 429 : 503;
        return {
          ...q,
          status,
          bytes: status === 429 ? 117 : 107,
          upstreamMs: 0,
          answeredBy: 'lb' as const,
        };
      }),
    };
  }
}
