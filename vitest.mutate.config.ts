import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the in-process ones. Tests of
 * the real binary (the bundle smoke test, the pseudo-terminal tests) run dist/, which a mutant of
 * src/ never reaches. `TTX_MUTATE_TESTS` narrows them to globs (comma-separated) for a run over
 * one folder, e.g.
 *   TTX_MUTATE_TESTS='test/session/**\/*.test.ts' npm run mutate -- --mutate 'src/session/**\/*.ts'
 * (a survivor is then one those tests miss: a lower bound of the folder's score, in minutes
 * instead of the whole suite's hours on two cores).
 */
export default defineConfig({
  test: {
    include: process.env.TTX_MUTATE_TESTS?.split(',') ?? [
      'test/**/*.test.ts',
      'test/**/*.test.tsx',
    ],
    exclude: ['test/soak/**', 'test/pty/**', 'test/tui/bundle.test.ts', 'node_modules/**'],
    // A test file that cannot load is a failed test, not an absent one (see the reporter).
    reporters: ['default', './test/setup/unloadableFileFails.ts'],
    // Instrumented code on a shared two-core machine: the crash-cut test took over 60 s there.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
