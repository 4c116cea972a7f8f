import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the in-process ones. Tests of
 * the real binary (the bundle smoke test, the pseudo-terminal tests) run dist/, which a mutant of
 * src/ never reaches.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/soak/**', 'test/pty/**', 'test/tui/bundle.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
