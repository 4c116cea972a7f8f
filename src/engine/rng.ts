import { alea, aleaFirst } from './alea.js';

export type Seed = number | string;

/**
 * Independent named random streams derived from one seed. Each draw is keyed by a name and a
 * path, so adding a stream (or a draw in another stream) never shifts the numbers of the others,
 * and a draw does not depend on the order in which the engine happens to ask for it.
 */
export class RngStreams {
  constructor(readonly seed: Seed) {}

  /** A sequential generator for one named stream (alea: fast, good quality, seedable; seedrandom's numbers, see alea.ts). */
  stream(name: string): () => number {
    return alea(`${String(this.seed)}\u0000${name}`);
  }

  /** One uniform number in [0, 1) for (stream, ...key): a pure function of its arguments. */
  draw(name: string, ...key: Array<string | number>): number {
    return aleaFirst(`${String(this.seed)}\u0000${name}\u0000${key.join('\u0000')}`);
  }

  pick<T>(items: readonly T[], name: string, ...key: Array<string | number>): T {
    return items[Math.floor(this.draw(name, ...key) * items.length)]!;
  }
}
