import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/**
 * A private copy of the built CLI (package.json, bin/, dist/; data folders linked). Other test
 * files rebuild dist/ in their beforeAll (the build empties it first), so a test that starts
 * hundreds of processes over many seconds runs its own copy instead of racing those builds.
 */
export function privateBin(): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
    if (build.status !== 0) continue;
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
    if (spawnSync(process.execPath, [bin, 'run', '--help']).status === 0) return bin;
  }
  throw new Error('could not build a private copy of the CLI');
}
