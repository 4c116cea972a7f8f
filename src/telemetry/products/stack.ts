import type { Architecture } from '../../model/index.js';

/*
 * What a component runs, read from its `stack` in the architecture as the drill sees it (a
 * scenario's `architecture_overrides` applied): the renderers pick the log format the product of
 * that period writes (a 2014 drill's BIND 9.8 or WSO2 API Manager), never by scenario id.
 */

/** `[major, minor]` of the first stack entry naming `product` (e.g. /BIND/ in "BIND 9.8"). */
export function productVersion(
  stack: readonly string[],
  product: RegExp,
): [number, number] | undefined {
  for (const entry of stack) {
    if (!product.test(entry)) continue;
    const m = /(\d+)\.(\d+)/.exec(entry);
    return m ? [Number(m[1]), Number(m[2])] : [0, 0];
  }
  return undefined;
}

/** Whether version `v` is older than `major.minor`. */
export function olderThan(v: readonly [number, number], major: number, minor: number): boolean {
  return v[0] < major || (v[0] === major && v[1] < minor);
}

const stacks = new WeakMap<Architecture, Map<string, readonly string[]>>();

/** The stack of component `id` (empty when it names none). */
export function stackOf(architecture: Architecture, id: string): readonly string[] {
  let byId = stacks.get(architecture);
  if (!byId) {
    byId = new Map(architecture.components.map((c) => [c.id, c.stack ?? []]));
    stacks.set(architecture, byId);
  }
  return byId.get(id) ?? [];
}

/** `compute` once per (architecture, component): the renderers ask per line. */
export function perComponent<T>(
  compute: (architecture: Architecture, id: string) => T,
): (architecture: Architecture, id: string) => T {
  const cache = new WeakMap<Architecture, Map<string, T>>();
  return (architecture, id) => {
    let byId = cache.get(architecture);
    if (!byId) cache.set(architecture, (byId = new Map()));
    if (!byId.has(id)) byId.set(id, compute(architecture, id));
    return byId.get(id)!;
  };
}
