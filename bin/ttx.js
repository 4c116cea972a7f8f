#!/usr/bin/env node
// The shipped entry point: a thin loader for the esbuild bundle (built by `npm run build`, and by
// `npm pack` / `npm publish` through `prepack`, so a package always ships it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('ttx: the bundle is missing; run `npm run build` in the checkout.\n');
  process.exit(1);
}
await import(bundle.href);
