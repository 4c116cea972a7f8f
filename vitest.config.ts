import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The long runs (SIGKILL soak, a day of telemetry, the deep fuzz): `npm run test:soak`.
    // test/pty (npm run test:pty): real-terminal tests, still timing-sensitive on a loaded machine.
    exclude: ['test/soak/**', 'test/pty/**', 'node_modules/**'],
    globalSetup: ['test/setup/buildOnce.ts'],
    // Generous: the machine is shared; a test's duration is never what it checks (npm run bench).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
