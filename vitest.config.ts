import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The long runs (SIGKILL soak, a day of telemetry, the deep fuzz): `npm run test:soak`.
    exclude: ['test/soak/**', 'node_modules/**'],
    globalSetup: ['test/setup/buildOnce.ts'],
    // Generous: the machine is shared; a test's duration is never what it checks (npm run bench).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
