// Loaded with `node --require` by the start-up bench (scripts/bench-tui.tsx): when the first write
// containing TTX_BENCH_MARKER reaches standard output, appends to the file TTX_BENCH_FRAME_OUT the
// process's CPU time so far (user + system, every thread) and its age, both in ms. CommonJS, so the
// hook itself starts no ES module loader.
'use strict';
const { appendFileSync } = require('node:fs');

const marker = process.env.TTX_BENCH_MARKER;
const out = process.env.TTX_BENCH_FRAME_OUT;
const write = process.stdout.write.bind(process.stdout);
let recorded = false;
process.stdout.write = (chunk, ...rest) => {
  if (!recorded && marker && out && String(chunk).includes(marker)) {
    recorded = true;
    const { user, system } = process.cpuUsage();
    appendFileSync(out, `${(user + system) / 1000} ${performance.now()}\n`);
  }
  return write(chunk, ...rest);
};
