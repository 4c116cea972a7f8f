#!/usr/bin/env node
// The shipped entry point: a thin loader for the bundle (built by `npm run build`, and by
// `npm pack` / `npm publish` through `prepack`, so a package always ships it). CommonJS
// (bin/package.json), as is the bundle's entry: `ttx --help` never starts the ES module loader
// (decision 1060).
'use strict';
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli.cjs');
try {
  require(bundle);
} catch (error) {
  if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes(bundle)) throw error;
  process.stderr.write('ttx: the bundle is missing; run `npm run build` in the checkout.\n');
  process.exit(1);
}
