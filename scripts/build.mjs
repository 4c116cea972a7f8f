// Bundles the CLI with esbuild so start-up parses one file; the TUI is split into its own chunk
// and loaded by dynamic import, so `ttx --help` and headless runs never parse React or Ink.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Ink's text-size cache never shrinks; swap in a bounded one (scripts/ink-measure-text.mjs). */
const boundedInkTextCache = {
  name: 'bounded-ink-text-cache',
  setup(b) {
    b.onResolve({ filter: /^\.\/measure-text\.js$/ }, (args) =>
      /node_modules[\\/]ink[\\/]build/.test(args.importer)
        ? { path: fileURLToPath(new URL('./ink-measure-text.mjs', import.meta.url)) }
        : undefined,
    );
  },
};
/**
 * yoga-layout (Ink's layout engine) inlines its WebAssembly as a data: URL and, wherever `fetch`
 * exists, fetches that URL; in Node the first fetch loads undici and web streams, some 40 ms of
 * CPU before the first frame. Shadowing `fetch` in that one module takes its other path: the same
 * bytes, decoded from the same base64 string, no network stack.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/ }, (args) => ({
      contents: `const fetch = undefined;\n${readFileSync(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The product's esbuild options (also used to bundle benchmarks as the product is built). */
export function productBuildOptions() {
  return {
    absWorkingDir: root,
    entryPoints: {
      cli: 'src/cli/entry.ts',
      simulateWorker: 'src/cli/simulateWorker.ts',
      shippedChecksWriter: 'src/cli/shippedChecksWriter.ts',
    },
    outdir: 'dist',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', __TTX_VERSION__: JSON.stringify(version) },
    alias: {
      'react-devtools-core': './scripts/empty-module.mjs',
      'is-in-ci': './scripts/ink-not-in-ci.mjs',
    },
    plugins: [boundedInkTextCache, yogaWithoutFetch],
    banner: {
      js: "import { createRequire as __ttxCreateRequire } from 'node:module'; const require = __ttxCreateRequire(import.meta.url);",
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Start from an empty dist/: chunk names change with content, and stale chunks pile up.
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
  await build(productBuildOptions());
  // The shipped files, checked by the bundle just built (src/model/shippedChecks.ts): the
  // picker's first frame no longer waits on parsing and checking them.
  const writer = fileURLToPath(new URL('../dist/shippedChecksWriter.js', import.meta.url));
  const checked = spawnSync(process.execPath, [writer], { stdio: 'inherit' });
  if (checked.status !== 0) process.exit(checked.status ?? 1);
  rmSync(writer);
}
