import { describe, expect, it } from 'vitest';
import { Network } from '../../src/evidence/network.js';
import type { Architecture } from '../../src/model/index.js';
import { architecture } from '../helpers.js';

const arch = architecture();
/** The shipped architecture with `roles:` moved: kinds and ids stay, only the roles change. */
const withRoles = (roles: Record<string, string[]>): Architecture => ({
  ...arch,
  components: arch.components.map((c) => (roles[c.id] ? { ...c, roles: roles[c.id]! } : c)),
});
const idWith = (role: string) => arch.components.find((c) => c.roles.includes(role))!.id;

describe('the network reads device roles from architecture.yaml', () => {
  it('finds the edge firewall, the IDS, the WAF and the load balancers by role', () => {
    const net = new Network(arch);
    expect(net.edge).toBe(idWith('edge-firewall'));
    expect(net.role(idWith('ids'))).toBe('ids');
    expect(net.role(idWith('waf'))).toBe('waf');
    expect(net.role(idWith('load-balancer'))).toBe('load-balancer');
    expect(net.role(idWith('inner-firewall'))).toBe('firewall');
    expect(net.role(idWith('web-front-end'))).toBe('host');
  });

  it('follows the roles, not the component kinds', () => {
    const ids = idWith('ids');
    // The same IPS component declared with no role: no longer an IDS on the path.
    const net = new Network(withRoles({ [ids]: [] }));
    expect(net.role(ids)).toBe('host');
    const fe = idWith('web-front-end');
    expect(net.outbound(fe)).not.toContain(ids);
    expect(new Network(arch).outbound(fe)).toContain(ids);
  });
});
