import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { parse, stringify } from 'yaml';
import {
  checkArchitectureFile,
  checkScenarioText,
  orThrow,
  type Architecture,
  type Scenario,
} from '../src/model/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ARCHITECTURE_FILE = `${ROOT}architecture.yaml`;
export const DEFAULT_SCENARIO_FILE = `${ROOT}scenarios/fe-bash-rce.yaml`;

export function architecture(): Architecture {
  return orThrow(checkArchitectureFile(ARCHITECTURE_FILE)).model;
}

export function defaultScenarioText(): string {
  return readFileSync(DEFAULT_SCENARIO_FILE, 'utf8');
}

/**
 * Frozen copies of shipped scenarios (test/fixtures/golden/README.md): the engine and scoring
 * tests pin their figures on these, so editing a shipped scenario does not move them.
 */
export const GOLDEN_DIR = `${ROOT}test/fixtures/golden/`;

/** A golden scenario by id, loaded against the shipped architecture. */
export function goldenScenario(id = 'fe-bash-rce'): Scenario {
  const file = `${GOLDEN_DIR}${id}.yaml`;
  return orThrow(checkScenarioText(file, readFileSync(file, 'utf8'), architecture())).model;
}

export function defaultScenario(): Scenario {
  return orThrow(checkScenarioText(DEFAULT_SCENARIO_FILE, defaultScenarioText(), architecture()))
    .model;
}

/** The default scenario with a change applied to its parsed YAML, re-serialised. */
export function scenarioVariant(change: (doc: Record<string, unknown>) => void): string {
  const doc = parse(defaultScenarioText()) as Record<string, unknown>;
  change(doc);
  return stringify(doc);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`bin`, default the checkout's bin/ttx.js) like a user would, without colour:
 * a real process, for the smoke tests of the binary (start-up, pipes, signals, the bundle). The
 * other tests use `cli`, which runs the same program in process and is ~20 times faster.
 */
export function runCli(
  args: readonly string[],
  options: { bin?: string; cwd?: string } = {},
): CliRun {
  const result = spawnSync(process.execPath, [options.bin ?? `${ROOT}bin/ttx.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a ttx command line in this process through the program object (src/cli/main.ts), with
 * standard output and error captured, without colour, in `cwd` (default the checkout) and gives
 * what `runCli` gives. Commands that need a terminal (play, workshop, resume without --headless)
 * belong to the pty tests.
 */
export async function cli(
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<CliRun> {
  const { runTtx } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const before = { cwd: process.cwd(), noColor: process.env.NO_COLOR };
  process.env.NO_COLOR = '1';
  const cwd = resolve(options.cwd ?? ROOT);
  // Worker threads (Stryker's vitest pool) cannot chdir: there a command that must run in another
  // folder runs as the real binary (the same program, built), the only way to give it that folder.
  if (cwd !== resolve(before.cwd) && !isMainThread) {
    if (before.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = before.noColor;
    return runCli(args, { cwd });
  }
  if (cwd !== resolve(before.cwd)) process.chdir(cwd);
  try {
    const code = await runTtx(args, {
      out: (s) => void (stdout += s),
      err: (s) => void (stderr += s),
    });
    return { code, stdout, stderr };
  } finally {
    if (process.cwd() !== before.cwd) process.chdir(before.cwd);
    if (before.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = before.noColor;
  }
}
