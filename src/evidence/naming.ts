import type { Fact } from './types.js';

/** Does a fact come from an evidence item an inject names (its id, or the id of its `use:`)? */
export function factNamedBy(fact: Fact, refs: readonly string[]): boolean {
  return refs.some(
    (ref) => fact.item === ref || fact.group === ref || (fact.item?.startsWith(`${ref}.`) ?? false),
  );
}
