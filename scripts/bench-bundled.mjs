// Runs sections of scripts/bench-tui.tsx bundled as the product is (scripts/build.mjs: one
// esbuild bundle, React in production mode, Ink's bounded text cache), on plain node. Memory is
// measured this way: under tsx, the transpiler and the development builds add some 140 MiB of
// RSS that a user's `ttx play` never has. Usage: node scripts/bench-bundled.mjs memory
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { productBuildOptions } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Next to the source, so the bench's paths relative to its own file still hold.
const out = `${root}scripts/.bench-tui.${process.pid}.bundle.mjs`;
const options = productBuildOptions();
await build({
  ...options,
  entryPoints: ['scripts/bench-tui.tsx'],
  outdir: undefined,
  outfile: out,
  splitting: false,
});
try {
  const flags = (process.env.TTX_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const run = spawnSync(process.execPath, ['--expose-gc', ...flags, out], {
    stdio: 'inherit',
    env: { ...process.env, TTX_BENCH_TUI: process.argv[2] ?? 'memory', TTX_BENCH_BUNDLED: '1' },
  });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { force: true });
}
