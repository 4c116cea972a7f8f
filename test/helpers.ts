import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** Runs the built CLI (`bin`, default the checkout's bin/ttx.js) like a user would, without colour. */
export function runCli(args: readonly string[], options: { bin?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [options.bin ?? `${ROOT}bin/ttx.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
