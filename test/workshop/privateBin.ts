import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/**
 * The built CLI for tests that start many real processes. It used to be a private copy of dist/,
 * because test files rebuilt dist/ in their beforeAll; now the global setup (test/setup/buildOnce.ts)
 * builds once before any file runs and nothing rebuilds, so the checkout's binary is safe to use.
 */
export function privateBin(): string {
  return join(ROOT, 'bin/ttx.js');
}
