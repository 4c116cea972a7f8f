// `node --import ./scripts/bench-ink-hooks.mjs`: the benchmarks run Ink from source, so they get
// the same bounded text-size cache as the shipped bundle (scripts/build.mjs swaps
// ink/build/measure-text.js for scripts/ink-measure-text.mjs); without it the memory figure
// measures a cache the users never run.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const BOUNDED = new URL('./ink-measure-text.mjs', import.meta.url).href;

/** Module resolution hook (runs on the loader thread). */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  return /\/node_modules\/ink\/build\/measure-text\.js$/.test(resolved.url)
    ? { url: BOUNDED, shortCircuit: true }
    : resolved;
}

if (isMainThread) register(import.meta.url);
