import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/**
 * A private copy of the built CLI (package.json, bin/, dist/; data folders linked). Other test
 * files rebuild dist/ in their beforeAll (the build empties it first), so a test that starts
 * hundreds of processes over many seconds runs its own copy instead of racing those builds, and
 * does not rebuild dist/ itself (which would pull it from under the others).
 */
export function privateBin(): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    // npm test builds first; build here only when run alone (a build empties dist/ for everyone).
    if (!existsSync(join(ROOT, 'dist/cli.js')))
      spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
    if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    const dir = mkdtempSync(join(tmpdir(), 'ttx-bin-'));
    try {
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      mkdirSync(join(dir, 'bin'));
      cpSync(join(ROOT, 'bin/ttx.js'), join(dir, 'bin/ttx.js'));
      cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
      for (const data of ['architecture.yaml', 'scenarios', 'scoring', 'rules', 'node_modules'])
        symlinkSync(join(ROOT, data), join(dir, data));
    } catch {
      continue; // a concurrent build emptied dist/ mid-copy: build again
    }
    const bin = join(dir, 'bin/ttx.js');
    // Load every chunk the tests use: a copy taken mid-build would miss some.
    const works = (...args: string[]) => spawnSync(process.execPath, [bin, ...args]).status === 0;
    if (
      works('run', 'fe-bash-rce', '--no-results', '--json') &&
      works('resume', '--sessions', dir) &&
      works('report', '--help')
    )
      return bin;
  }
  throw new Error('could not build a private copy of the CLI');
}
