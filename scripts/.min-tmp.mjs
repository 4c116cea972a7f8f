import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { entryBuildOptions, productBuildOptions } from './build.mjs';
const extra = JSON.parse(process.argv[3] ?? '{}');
await build({ ...entryBuildOptions(), outfile: `${process.argv[2]}/dist/cli.cjs`, ...extra });
await build({ ...productBuildOptions(), outdir: `${process.argv[2]}/dist`, ...extra });
spawnSync(process.execPath, [`${process.argv[2]}/dist/shippedChecksWriter.js`], { stdio: 'inherit' });
