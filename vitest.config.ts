import { defineConfig } from 'vitest/config';

const TESTS = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
// The long runs (SIGKILL soak, a day of telemetry, the deep fuzz): `npm run test:soak`.
// test/pty (npm run test:pty): real-terminal tests, run on their own.
const ELSEWHERE = ['test/soak/**', 'test/pty/**', 'node_modules/**'];
/** Files that replace a module with vi.mock: each needs a module registry of its own. */
const MOCKING = ['test/reliability/writeErrors.test.ts'];
/**
 * React's and Ink's production builds (what the bundle ships, scripts/build.mjs) with the
 * production JSX runtime: the development builds' checks and warnings cost the TUI tests about a
 * tenth of their CPU time (decision 1070). The transform is per project (a project does not
 * inherit the root's); NODE_ENV (test.env) is what React's entry points pick their build by.
 */
const PRODUCTION_JSX = { oxc: { jsx: { runtime: 'automatic', development: false } } } as const;
// Generous: the machine is shared; a test's duration is never what it checks (npm run bench).
const TIMEOUTS = { testTimeout: 60_000, hookTimeout: 60_000 };
/**
 * The workers' young generation at 64 MiB a half (Node's default is 16): the telemetry tests
 * allocate hours of log lines, and the garbage collector was 30% of their CPU profile; with it,
 * test/telemetry took 6-12% fewer CPU-seconds (decision 1070).
 */
const WORKERS = { ...TIMEOUTS, execArgv: ['--max-semi-space-size=64'] };

export default defineConfig({
  test: {
    env: { NODE_ENV: 'production' },
    // Once for the whole run (a project that extends the root would run it again).
    globalSetup: ['test/setup/buildOnce.ts'],
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine.
    maxWorkers: 2,
    projects: [
      {
        ...PRODUCTION_JSX,
        test: {
          name: 'shared',
          include: TESTS,
          exclude: [...ELSEWHERE, ...MOCKING],
          ...WORKERS,
          // The files of a worker share one module registry: src/, React, Ink, zod and yaml are
          // imported once per worker instead of once per file (the imports were a third of the
          // suite's CPU time). Safe because no file here mocks a module or leaves global state
          // behind (cli() in test/helpers.ts restores the working folder and NO_COLOR).
          isolate: false,
        },
      },
      { ...PRODUCTION_JSX, test: { name: 'isolated', include: MOCKING, ...WORKERS } },
    ],
  },
});
