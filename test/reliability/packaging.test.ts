import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const work = mkdtempSync(join(tmpdir(), 'ttx-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_cache: join(work, 'cache'),
      npm_config_update_notifier: 'false',
    },
  });

describe('the package', () => {
  it('declares no runtime dependencies: the bundle carries them all', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toMatch(/build/);
    expect(pkg.devDependencies.mermaid).toBeUndefined();
    expect(pkg.devDependencies.jsdom).toBeUndefined();
  });

  it('packs, installs globally offline without a warning, and runs from another folder', () => {
    // --ignore-scripts: the bundle npm test built already is the one packed; prepack would
    // rebuild dist/ under the feet of the test files running beside this one.
    const packed = npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', work], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(work, packed.stdout.trim().split('\n').pop()!);
    const prefix = join(work, 'prefix');
    const installed = npm(
      ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball],
      work,
    );
    expect(installed.status, installed.stderr).toBe(0);
    expect(installed.stderr).not.toMatch(/warn/i);
    const elsewhere = mkdtempSync(join(work, 'elsewhere-'));
    const out = execFileSync(
      join(prefix, 'bin', 'ttx'),
      ['run', '--autopilot', 'best', '--results-dir', join(elsewhere, 'results')],
      { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(out).toMatch(/score/i);
    const help = spawnSync(join(prefix, 'bin', 'ttx'), ['--help'], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: ttx/);
    // The lint reads the pinned ATT&CK list (data/): the package must carry it.
    const lint = spawnSync(join(prefix, 'bin', 'ttx'), ['lint', 'fe-bash-rce'], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
  }, 240_000);
});
