import { defineConfig } from 'vitest/config';

/**
 * `npm run test:soak`: the long runs kept out of `npm test` (.ci/run runs both): the SIGKILL soak,
 * a whole day of telemetry against the detection rules, and the deep fuzz (10,000 rounds).
 */
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts', 'test/authoring/fuzz.test.ts'],
    globalSetup: ['test/setup/buildOnce.ts'],
    env: { TTX_FUZZ_ROUNDS: '10000' },
    testTimeout: 900_000,
  },
});
