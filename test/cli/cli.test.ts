import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, runCli } from '../helpers.js';

const BIN = join(ROOT, 'bin/ttx.js');
const GOOD = join(ROOT, 'scenarios/scripts/fe-bash-rce-good.yaml');

function ttx(...args: string[]) {
  // Headless runs write results files; keep them out of the checkout.
  if (args[0] === 'run' && !args.some((a) => a.startsWith('--results-dir') || a === '--no-results'))
    args = [...args, '--no-results'];
  return cli(args);
}

/** The real binary, for the smoke tests of start-up, usage errors and the terminal check. */
const binary = (...args: string[]) => runCli(args, { bin: BIN });

describe('ttx run', () => {
  it('gives byte-identical JSON for the same seed and script', async () => {
    const a = await ttx('run', 'fe-bash-rce', '--seed', '7', '--actions', GOOD, '--json');
    const b = await ttx('run', 'fe-bash-rce', '--seed', '7', '--actions', GOOD, '--json');
    expect(a.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc).toMatchObject({ format: 'ttx-run/1', seed: '7', scenario: { id: 'fe-bash-rce' } });
    expect(doc.outcome.contained).toBe(true);
  });

  it('gives a different trace for seed 8', async () => {
    const a = JSON.parse((await ttx('run', '--seed', '7', '--actions', GOOD, '--json')).stdout);
    const b = JSON.parse((await ttx('run', '--seed', '8', '--actions', GOOD, '--json')).stdout);
    expect(JSON.stringify(a.trace)).not.toBe(JSON.stringify(b.trace));
  });

  it('changes the outcome with the action log', async () => {
    const none = JSON.parse((await ttx('run', '--seed', '7', '--json')).stdout);
    const good = JSON.parse((await ttx('run', '--seed', '7', '--actions', GOOD, '--json')).stdout);
    expect(none.outcome).toMatchObject({ contained: false, objectiveReached: true });
    expect(good.outcome).toMatchObject({ contained: true, objectiveReached: false });
  });

  it('prints a readable trace and outcome', async () => {
    const { code, stdout } = await ttx('run', '--seed', '7', '--actions', GOOD);
    expect(code).toBe(0);
    expect(stdout).toMatch(/T\+00:31:37 {2}23:11:37 {2}inject/);
    expect(stdout).toMatch(/Outcome: contained at T\+00:43:00/);
  });

  it('fails with three located errors and no stack trace for a broken scenario', async () => {
    const { code, stderr, stdout } = await ttx(
      'run',
      join(ROOT, 'test/fixtures/invalid/three-errors.yaml'),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const located = stderr.split('\n').filter((l) => /three-errors\.yaml:\d+:\d+: error/.test(l));
    expect(located).toHaveLength(3);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a broken action script with its location', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '- { at: 5m, do: isolate-hosts, target: FEServ1 }\n');
    const { code, stderr } = await ttx('run', '--actions', file);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}:1:`);
    expect(stderr).toContain('did you mean "isolate-host"?');
  });

  it('says clearly when a scenario does not exist', async () => {
    const { code, stderr } = await ttx('run', 'no-such-scenario');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ttx: no scenario "no-such-scenario"/);
  });
});

describe('ttx validate', () => {
  it('checks rubrics and a scenario’s rubric reference', async () => {
    const shipped = await ttx('validate');
    expect(shipped.stdout).toMatch(/ok {3}\S*scoring\/default\.yaml \(rubric\)/);
    const dir = mkdtempSync(join(tmpdir(), 'ttx-'));
    const file = join(dir, 'rubric-typo.yaml');
    const text = readFileSync(join(ROOT, 'scenarios/fe-bash-rce.yaml'), 'utf8');
    writeFileSync(file, text.replace('difficulty: medium', 'rubric: defualt\ndifficulty: medium'));
    const { code, stdout } = await ttx('validate', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /rubric-typo\.yaml:\d+:9: error \[unknown-reference\] unknown rubric "defualt"/,
    );
    expect(stdout).toContain('did you mean "default"?');
  });

  it('passes the shipped files', async () => {
    const { code, stdout } = await ttx('validate');
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 error\(s\)/);
  });

  it('fails on a broken file and reports JSON with --json', async () => {
    const { code, stdout } = await ttx(
      'validate',
      '--json',
      join(ROOT, 'test/fixtures/invalid/three-errors.yaml'),
    );
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.errors).toBe(3);
    expect(doc.files[0].diagnostics.map((d: { code: string }) => d.code).sort()).toEqual([
      'unknown-reference',
      'unknown-reference',
      'wrong-type',
    ]);
  });
});

describe('usage', () => {
  it('prints help and version with exit 0', async () => {
    expect(binary('--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: ttx'),
    });
    expect(binary('run', '--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('--actions'),
    });
    expect(binary('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on unknown options', async () => {
    const { code, stderr } = binary('run', '--bogus');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--bogus'");
  });

  it('play --coach refuses a scenario without coach notes, and an unknown one (exit 2)', async () => {
    const plain = binary('play', '--coach', 'lb-ddos');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('scenario "lb-ddos" has no coach notes');
    expect(plain.stderr).toContain('ttx play --coach');
    const unknown = binary('play', '--coach', 'no-such-scenario');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no scenario "no-such-scenario"');
    // The introductory drill has them: it gets as far as asking for a terminal.
    const intro = binary('play', '--coach');
    expect(intro.code).toBe(2);
    expect(intro.stderr).toContain('interactive terminal');
  });

  it('refuses to open the UI without a terminal and points to ttx run (exit 2)', async () => {
    const { code, stderr } = binary('play');
    expect(code).toBe(2);
    expect(stderr).toContain('ttx run');
  });
});

describe('pipes', () => {
  it('stops quietly when the reader closes the pipe early (ttx run | head -1)', async () => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" run --seed 7 --no-results | head -1`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.stdout.trim()).toMatch(/^Bash command execution/);
    expect(result.stderr).not.toMatch(/EPIPE|node:events/);
  });
});
