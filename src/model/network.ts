import type { Architecture } from './architectureSchema.js';

/*
 * Addresses come from the architecture: a layer declares its network (`10.0.1.0/24`), a component
 * may pin its `address`; one without gets the layer's next free host address from .11 on, in the
 * order the components are listed (so FEServ1, FEServ2, FEServ3 in 10.0.1.0/24 are .11, .12, .13).
 */

/** The first host number handed out in a layer's network (.1-.10 stay for gateways and VIPs). */
export const FIRST_HOST = 11;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Network {
  base: number;
  size: number;
}

export function parseCidr(text: string): Network | undefined {
  const [address, bits] = text.split('/');
  const base = address === undefined ? undefined : parseIpv4(address);
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    return undefined;
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), size };
}

export function inNetwork(address: number, network: Network): boolean {
  return address >= network.base && address < network.base + network.size;
}

export type AddressProblem =
  | { component: number; code: 'no-address'; layer: string }
  | { component: number; code: 'outside-network'; layer: string; network: string }
  | { component: number; code: 'network-full'; layer: string; network: string }
  | { component: number; code: 'duplicate-address'; address: string; other: string };

/** Each component's address, and what stands in the way of giving every component one. */
export function assignAddresses(arch: Pick<Architecture, 'layers' | 'components'>): {
  addresses: Map<string, string>;
  problems: AddressProblem[];
} {
  const networks = new Map(
    arch.layers.flatMap((l) => {
      const network = l.network === undefined ? undefined : parseCidr(l.network);
      return network ? [[l.id, { text: l.network!, network }] as const] : [];
    }),
  );
  const addresses = new Map<string, string>();
  const problems: AddressProblem[] = [];
  const owner = new Map<string, string>();
  const nextHost = new Map<string, number>();
  arch.components.forEach((c, index) => {
    const layer = networks.get(c.layer);
    let address: string | undefined = c.address;
    if (address !== undefined) {
      const value = parseIpv4(address);
      if (layer && value !== undefined && !inNetwork(value, layer.network))
        problems.push({
          component: index,
          code: 'outside-network',
          layer: c.layer,
          network: layer.text,
        });
    } else if (!layer) {
      problems.push({ component: index, code: 'no-address', layer: c.layer });
    } else {
      const host = nextHost.get(c.layer) ?? FIRST_HOST;
      nextHost.set(c.layer, host + 1);
      // The last address of the network is its broadcast address: never a host.
      if (host >= layer.network.size - 1) {
        problems.push({
          component: index,
          code: 'network-full',
          layer: c.layer,
          network: layer.text,
        });
      } else {
        address = formatIpv4(layer.network.base + host);
      }
    }
    if (address === undefined) return;
    const other = owner.get(address);
    if (other !== undefined)
      problems.push({ component: index, code: 'duplicate-address', address, other });
    owner.set(address, c.id);
    addresses.set(c.id, address);
  });
  return { addresses, problems };
}
