// Imported first by scripts/bench-tui.tsx: the heap settings `ttx play` applies before its UI
// loads (src/tui/heap.ts, decision 1060; both at once, the session not its start), applied before the bench's own modules load, so
// the UI is measured as it runs. TTX_BENCH_DEFAULT_HEAP=1 keeps V8's defaults, to compare.
import { LONG_SESSION_V8_FLAGS, tuneHeapForLongSession } from '../src/tui/heap.js';

export const benchHeap = process.env.TTX_BENCH_DEFAULT_HEAP
  ? "V8's defaults (TTX_BENCH_DEFAULT_HEAP)"
  : LONG_SESSION_V8_FLAGS.join(' ');
if (!process.env.TTX_BENCH_DEFAULT_HEAP) tuneHeapForLongSession();
