import { defineConfig } from 'vitest/config';

/** `npm run test:pty`: ttx play, ttx workshop and ttx resume in a real pseudo-terminal (test/pty). */
export default defineConfig({
  test: {
    include: ['test/pty/**/*.test.ts'],
    globalSetup: ['test/setup/buildOnce.ts'],
    testTimeout: 300_000,
    fileParallelism: false,
  },
});
