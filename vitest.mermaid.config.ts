import { defineConfig } from 'vitest/config';

// npm run check:mermaid: the optional check against the real Mermaid parser.
export default defineConfig({
  test: { include: ['test/optional/mermaid.check.ts'], testTimeout: 60_000 },
});
