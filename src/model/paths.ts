import type { Architecture, Component } from './architectureSchema.js';
import type { ComponentRole } from './roles.js';

/*
 * The one place that reads the architecture's shape: which devices a fact (src/evidence) or an
 * attacker's access (src/engine/access.ts)
 * crosses. Paths follow the architecture's `reaches` graph from the internet-facing components;
 * what a device does to traffic comes from the `roles:` architecture.yaml gives it (never from its
 * id or its kind), so another organisation's architecture works unchanged.
 */

export type DeviceRole = 'edge-firewall' | 'ids' | 'waf' | 'load-balancer' | 'firewall' | 'host';

/** Architecture roles that make a component a network device on the path, in precedence order. */
const DEVICE_OF_ROLE: ReadonlyArray<[ComponentRole, DeviceRole]> = [
  ['edge-firewall', 'edge-firewall'],
  ['inner-firewall', 'firewall'],
  ['ids', 'ids'],
  ['waf', 'waf'],
  ['load-balancer', 'load-balancer'],
];

export class Network {
  private readonly byId: Map<string, Component>;
  private readonly inboundCache = new Map<string, string[]>();
  constructor(private readonly architecture: Architecture) {
    this.byId = new Map(architecture.components.map((c) => [c.id, c]));
  }

  component(id: string): Component | undefined {
    return this.byId.get(id);
  }

  /** What the device does to the traffic crossing it, from its declared roles. */
  role(id: string): DeviceRole {
    const roles: readonly string[] = this.byId.get(id)?.roles ?? [];
    for (const [role, device] of DEVICE_OF_ROLE) if (roles.includes(role)) return device;
    return 'host';
  }

  /** The edge firewall: the component with role `edge-firewall`. */
  get edge(): string | undefined {
    return this.architecture.components.find((c) => c.roles.includes('edge-firewall'))?.id;
  }

  /** The internal DNS resolver: the component with role `dns-resolver`, if any. */
  get resolver(): string | undefined {
    return this.architecture.components.find((c) => c.roles.includes('dns-resolver'))?.id;
  }

  /** Components `from` reaches `to` through, both ends included (shortest path), or [] if none. */
  route(from: string, to: string): string[] {
    if (from === to) return [to];
    const previous = new Map<string, string>([[from, from]]);
    const queue = [from];
    while (queue.length) {
      const at = queue.shift()!;
      for (const next of this.byId.get(at)?.reaches ?? []) {
        if (previous.has(next)) continue;
        previous.set(next, at);
        if (next === to) {
          const path = [to];
          for (let p = at; p !== from; p = previous.get(p)!) path.unshift(p);
          return [from, ...path];
        }
        queue.push(next);
      }
    }
    return [];
  }

  /** From the internet to `to`: the devices in order, `to` last ([to] when nothing leads there). */
  inbound(to: string): string[] {
    const hit = this.inboundCache.get(to);
    if (hit) return hit;
    let best: string[] = [];
    for (const entry of this.architecture.components.filter((c) => c.exposed_to_internet)) {
      const path = this.route(entry.id, to);
      if (path.length && (!best.length || path.length < best.length)) best = path;
    }
    const path = best.length ? best : [to];
    this.inboundCache.set(to, path);
    return path;
  }

  /**
   * From `from` out to the internet: the network devices of its inbound path that also see
   * outbound traffic (firewalls and the IDS), nearest first, `from` first. Load balancers and the
   * WAF only see the requests they proxy.
   */
  outbound(from: string): string[] {
    const devices = this.inbound(from)
      .slice(0, -1)
      .filter((id) => ['edge-firewall', 'firewall', 'ids'].includes(this.role(id)))
      .reverse();
    return [from, ...devices];
  }
}
