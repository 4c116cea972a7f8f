// The static checks of `npm test`: the type checker, the linter and the formatter, run at the same
// time (each is mostly one core), each with its cache under node_modules/.cache so a second run
// only looks at what changed. Prints each tool's output whole, labelled; fails if any fails.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = 'node_modules/.cache';
const checks = [
  ['tsc', ['--noEmit', '--incremental', '--tsBuildInfoFile', `${cache}/tsc/tsconfig.tsbuildinfo`]],
  [
    'eslint',
    ['--cache', '--cache-strategy', 'content', '--cache-location', `${cache}/eslint/`, '.'],
  ],
  ['prettier', ['--check', '--cache', '--cache-strategy', 'content', '--log-level', 'warn', '.']],
];

function run([tool, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(`${root}node_modules/.bin/${tool}`, args, { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    child.on('error', (error) =>
      resolve({ tool, code: 1, output: `${error.message}\n`, seconds: seconds() }),
    );
    child.on('close', (code) => resolve({ tool, code: code ?? 1, output, seconds: seconds() }));
  });
}

const results = await Promise.all(checks.map(run));
for (const { tool, code, output, seconds } of results) {
  process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${tool} (${seconds} s)\n`);
  if (output.trim()) process.stdout.write(output.replace(/^/gm, `  ${tool}| `).trimEnd() + '\n');
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
