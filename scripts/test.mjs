// `npm test`: the static checks (scripts/static-checks.mjs: tsc, eslint, prettier) and vitest at
// the same time. Run one after the other, the static checks left both cores to three processes
// that are mostly one core each, then vitest started its workers; overlapped, the machine is busy
// from the first second to the last. Vitest's output streams as it comes; the static checks'
// report follows it. Arguments go to vitest (`npm test -- test/engine`). Fails if either fails.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(args, stdio) {
  const child = spawn(process.execPath, args, { cwd: root, stdio });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: 1, output: `${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const checks = run([`${root}scripts/static-checks.mjs`], ['ignore', 'pipe', 'pipe']);
const vitest = run(
  [`${root}node_modules/vitest/vitest.mjs`, 'run', ...process.argv.slice(2)],
  'inherit',
);
const [staticChecks, tests] = await Promise.all([checks, vitest]);
process.stdout.write(`\nstatic checks:\n${staticChecks.output}`);
if (staticChecks.code !== 0) process.stdout.write('FAIL static checks\n');
process.exitCode = staticChecks.code !== 0 || tests.code !== 0 ? 1 : 0;
