import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import type { TrafficMode } from '../model/index.js';

type Interval = [from: number, to: number];

const inside = (list: readonly Interval[], t: number) => list.some(([a, b]) => t >= a && t < b);

/**
 * The defences in force over time, read once from the drill's trace: blocked addresses (and
 * where), enabled WAF rules, isolated hosts, the traffic mode. A pure function of the trace.
 */
export class Defences {
  /**
   * When each address was blocked, by where (`edge|203.0.113.7`, `waf|...`): a block holds for the
   * address it names, so an attacker who moved to another address of its pool gets through.
   */
  private readonly blockedAt = new Map<string, number>();
  private readonly wafRules = new Map<string, number>();
  private readonly isolation = new Map<string, Interval[]>();
  private readonly modes: Array<{ t: number; mode: TrafficMode }> = [{ t: 0, mode: 'normal' }];

  constructor(compiled: CompiledScenario, trace: readonly TraceEntry[]) {
    const isolatedSince = new Map<string, number>();
    const kindOf = (id: string | undefined) =>
      compiled.architecture.components.find((c) => c.id === id)?.kind;
    for (const e of trace) {
      if (e.type === 'traffic.changed') this.modes.push({ t: e.t, mode: e.to });
      if (e.type !== 'action.done') continue;
      const action = compiled.actions.get(e.request.do);
      const target = e.request.target;
      switch (action?.kind) {
        case 'block-ip': {
          const key = `${kindOf(target) === 'waf' ? 'waf' : 'edge'}|${e.request.value ?? '*'}`;
          if (!this.blockedAt.has(key)) this.blockedAt.set(key, e.t);
          break;
        }
        case 'enable-waf-rule': {
          const rule = action.rule ?? action.id;
          if (!this.wafRules.has(rule)) this.wafRules.set(rule, e.t);
          break;
        }
        case 'isolate-host':
          if (target && !isolatedSince.has(target)) isolatedSince.set(target, e.t);
          break;
        case 'reconnect-host':
          if (target && isolatedSince.has(target)) {
            this.interval(target).push([isolatedSince.get(target)!, e.t]);
            isolatedSince.delete(target);
          }
          break;
      }
    }
    for (const [host, since] of isolatedSince) this.interval(host).push([since, Infinity]);
  }

  private interval(host: string): Interval[] {
    let list = this.isolation.get(host);
    if (!list) this.isolation.set(host, (list = []));
    return list;
  }

  private blocked(where: 'edge' | 'waf', ip: string, t: number): boolean {
    const since = Math.min(
      this.blockedAt.get(`${where}|${ip}`) ?? Infinity,
      this.blockedAt.get(`${where}|*`) ?? Infinity,
    );
    return t >= since;
  }

  /** The address is blocked at the edge firewall (or the IPS) at t. */
  blockedAtEdge(ip: string, t: number): boolean {
    return this.blocked('edge', ip, t);
  }

  /** The address is blocked on the WAF at t (403 for everything it sends). */
  blockedAtWaf(ip: string, t: number): boolean {
    return this.blocked('waf', ip, t);
  }

  wafRuleOn(rule: string, t: number): boolean {
    return t >= (this.wafRules.get(rule) ?? Infinity);
  }

  isolated(host: string, t: number): boolean {
    return inside(this.isolation.get(host) ?? [], t);
  }

  /** Hosts isolated at some time (for the baseline's routing). */
  get everIsolated(): string[] {
    return [...this.isolation.keys()];
  }

  /** Equal for drills whose isolations and traffic modes are the same ('' when there are none). */
  get signature(): string {
    const isolation = [...this.isolation].map(
      ([h, list]) => `${h}:${list.map((i) => i.join('-')).join(',')}`,
    );
    const modes = this.modes.slice(1).map((m) => `${m.mode}@${m.t}`);
    return isolation.length || modes.length ? `${isolation.join(';')}|${modes.join(';')}` : '';
  }

  traffic(t: number): TrafficMode {
    let mode: TrafficMode = 'normal';
    for (const m of this.modes) if (m.t <= t) mode = m.mode;
    return mode;
  }
}
