import { readdirSync } from 'node:fs';
import { compileScenarioData, runDrill, type DrillResult } from '../../src/engine/index.js';
import {
  checkRuleFile,
  orThrow,
  type DetectionRule,
  type Scenario,
} from '../../src/model/index.js';
import { createTelemetry, type Telemetry } from '../../src/telemetry/index.js';
import { architecture, defaultScenario, ROOT } from '../helpers.js';

export const HOUR = 3_600_000;

export function shippedRules(): DetectionRule[] {
  const arch = architecture();
  return readdirSync(`${ROOT}rules`)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => orThrow(checkRuleFile(`${ROOT}rules/${f}`, arch)).model);
}

/** The default scenario without its red herrings (pure baseline plus the attack). */
export function plainScenario(change: (s: Scenario) => Scenario = (s) => s): Scenario {
  const s = defaultScenario();
  return change({ ...s, telemetry: { volume: 1, red_herrings: [], rules: [] } });
}

export function telemetryFor(
  scenario: Scenario,
  seed: number | string,
  rules = shippedRules(),
): Telemetry {
  return createTelemetry(compileScenarioData(architecture(), scenario), seed, { rules });
}

export function noResponse(scenario: Scenario, seed = 7): DrillResult {
  return runDrill(architecture(), scenario, seed, []);
}

/** The first line where two texts differ (both lines, cut to 400 characters), or undefined. */
export function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, k) => line !== y[k]);
  const at = i < 0 ? x.length : i;
  return `line ${at + 1}:\n${x[at]?.slice(0, 400) ?? '(none)'}\n${y[at]?.slice(0, 400) ?? '(none)'}`;
}
