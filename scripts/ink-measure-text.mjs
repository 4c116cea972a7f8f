// Replaces ink/build/measure-text.js in the bundle (see scripts/build.mjs). Ink 6.8 caches the
// size of every distinct text it ever measured in a module-level Map that is never emptied; a log
// view shows new text every frame, so the cache grows for as long as the drill runs (about
// 16 MiB per simulated hour at 60x in the TUI benchmark). Same behaviour, bounded cache.
import widestLine from 'widest-line';

const LIMIT = 4096;
let cache = new Map();

const measureText = (text) => {
  if (text.length === 0) return { width: 0, height: 0 };
  const cached = cache.get(text);
  if (cached) return cached;
  const dimensions = { width: widestLine(text), height: text.split('\n').length };
  if (cache.size >= LIMIT) cache = new Map();
  cache.set(text, dimensions);
  return dimensions;
};

export default measureText;

/** Lets the benchmarks check that this module, not Ink's own, is the one in use. */
export const BOUNDED_CACHE_LIMIT = LIMIT;
