// Bundles the CLI with esbuild in two parts (decision 1060). The entry (dist/cli.cjs: the command
// tree, commander, the error report) is one CommonJS file: `ttx --help` and `ttx --version` never
// start Node's ES module loader, which cost more than the tree itself. Every command's module is
// an ES module entry of its own (dist/command-<name>.js, code shared between them split into
// chunks), imported by the entry when that command's action runs; the TUI is a chunk of those, so
// headless runs never parse React or Ink.
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

/** A command module main.ts imports in an action, e.g. `import('./commands/play.js')`. */
const LAZY_COMMAND = /^\.\/commands\/([A-Za-z]+)\.js$/;
/** The commands main.ts imports lazily (the names of their modules under src/cli/commands/). */
function lazyCommands() {
  const main = readFileSync(new URL('../src/cli/main.ts', import.meta.url), 'utf8');
  return [
    ...new Set(
      [...main.matchAll(/import\('(\.\/commands\/[A-Za-z]+\.js)'\)/g)].map(
        (m) => LAZY_COMMAND.exec(m[1])[1],
      ),
    ),
  ];
}
/**
 * In the CommonJS entry, a command's module stays outside: `import('./commands/play.js')` becomes
 * `import('./command-play.js')`, the ES module entry built beside it. A static import of a command
 * would pull its code (and what it imports) into the entry: refused.
 */
const commandsOutside = {
  name: 'commands-outside',
  setup(b) {
    b.onResolve({ filter: LAZY_COMMAND }, (args) => {
      if (!/src[\\/]cli[\\/]main\.ts$/.test(args.importer)) return undefined;
      if (args.kind !== 'dynamic-import')
        return { errors: [{ text: `${args.path}: import command modules in their action only` }] };
      return { path: `./command-${LAZY_COMMAND.exec(args.path)[1]}.js`, external: true };
    });
  },
};
/**
 * Commander requires node:child_process when it loads, for executable subcommands (a command
 * run as another program), which ttx has none of; loading it was some 15% of `ttx --help`'s CPU
 * (decision 1060). Its three `childProcess.spawn` calls reach the module through a getter instead.
 */
const commanderWithoutChildProcess = {
  name: 'commander-without-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: ${eager} not found`);
      const lazy =
        "const childProcess = { get spawn() { return require('node:child_process').spawn; } };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};
const define = { 'process.env.NODE_ENV': '"production"', __TTX_VERSION__: JSON.stringify(version) };

/** The entry's esbuild options: the command tree as one CommonJS file, dist/cli.cjs. */
export function entryBuildOptions() {
  return {
    absWorkingDir: root,
    entryPoints: ['src/cli/entry.ts'],
    outfile: 'dist/cli.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    logLevel: 'warning',
    define,
    plugins: [commandsOutside, commanderWithoutChildProcess],
  };
}

/** The product's esbuild options (also used to bundle benchmarks as the product is built). */
export function productBuildOptions() {
  return {
    absWorkingDir: root,
    entryPoints: {
      ...Object.fromEntries(
        lazyCommands().map((name) => [`command-${name}`, `src/cli/commands/${name}.ts`]),
      ),
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
    define,
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
  await build(entryBuildOptions());
  await build(productBuildOptions());
  // The shipped files, checked by the bundle just built (src/model/shippedChecks.ts): the
  // picker's first frame no longer waits on parsing and checking them.
  const writer = fileURLToPath(new URL('../dist/shippedChecksWriter.js', import.meta.url));
  const checked = spawnSync(process.execPath, [writer], { stdio: 'inherit' });
  if (checked.status !== 0) process.exit(checked.status ?? 1);
  rmSync(writer);
}
