import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/** Folders ttx writes into by default (relative to where it runs): tests must not fill them. */
const DEFAULT_OUTPUTS = ['results', 'ttx-logs'];

const entries = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];

/**
 * Vitest global setup: builds dist/ once, before any test file starts, for the tests that run the
 * real binary (bin/ttx.js loads dist/cli.cjs). No test file builds: a build empties dist/ first,
 * and five files building in their beforeAll used to pull it from under each other.
 *
 * Its teardown fails the run when a test left files in the checkout's default output folders
 * (./results, ./ttx-logs): tests write only into temporary folders.
 */
export default function buildOnce(): () => void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const before = new Map(DEFAULT_OUTPUTS.map((dir) => [dir, new Set(entries(join(ROOT, dir)))]));
  return () => {
    const left = DEFAULT_OUTPUTS.flatMap((dir) =>
      entries(join(ROOT, dir))
        .filter((entry) => !before.get(dir)!.has(entry))
        .map((entry) => join(dir, entry)),
    );
    if (left.length === 0) return;
    // Vitest reports a teardown error but still exits 0: fail the run by hand.
    process.stderr.write(
      `\nFAIL tests wrote into the checkout (use a temporary folder, --results-dir or --no-results): ${left.join(', ')}\n`,
    );
    process.exitCode = 1;
  };
}
