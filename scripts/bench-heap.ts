// Imported first by scripts/bench-tui.tsx: the heap settings `ttx play` applies before its UI
// loads (src/cli/heap.ts, decision 1060), applied here before the bench's own modules load, so
// the UI is measured as it runs. TTX_BENCH_DEFAULT_HEAP=1 keeps V8's defaults, to compare.
import { LONG_SESSION_V8_FLAGS, tuneHeapForLongSession } from '../src/cli/heap.js';

export const benchHeap = process.env.TTX_BENCH_DEFAULT_HEAP
  ? "V8's defaults (TTX_BENCH_DEFAULT_HEAP)"
  : LONG_SESSION_V8_FLAGS.join(' ');
if (!process.env.TTX_BENCH_DEFAULT_HEAP) tuneHeapForLongSession();
