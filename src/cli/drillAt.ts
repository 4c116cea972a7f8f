import { compileScenarioData, Drill, type CompiledScenario } from '../engine/index.js';
import {
  parseDuration,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
} from '../model/index.js';
import { readResultsFile } from '../export/index.js';
import { createTelemetry, type Telemetry } from '../telemetry/index.js';
import { CliError, EXIT } from './exitCodes.js';
import { loadDrillInputs } from './load.js';
import { loadRules } from './commands/logs.js';
import { parseSeed } from './commands/run.js';

export interface DrillAtOptions {
  seed?: string;
  actions?: string;
  architecture?: string;
  at?: string;
}

/** A drill played up to a simulated time: what `ttx search` and `ttx shell` look at. */
export interface DrillAt {
  architecture: Architecture;
  scenario: Scenario;
  compiled: CompiledScenario;
  seed: string;
  at: number;
  drill: Drill;
  telemetry: Telemetry;
  /** The actions taken up to `at` (from the script or the results file). */
  actions: ActionLogEntry[];
}

/**
 * Plays a scenario (with `--actions`) or a results file's drill up to `--at`: only the actions
 * taken by then count, so nothing after `--at` can show.
 */
export function drillAt(target: string | undefined, options: DrillAtOptions): DrillAt {
  if (options.at === undefined)
    throw new CliError('--at <time> is required (e.g. 45m)', EXIT.usage);
  const at = parseDuration(options.at);
  if (at === undefined)
    throw new CliError(`--at "${options.at}" is not a duration (e.g. 90s, 45m, 1h30m)`, EXIT.usage);
  const fromResults = target !== undefined && /\.json$/i.test(target);
  const results = fromResults ? readResultsFile(target) : undefined;
  if (results && options.actions)
    throw new CliError('--actions applies to a scenario, not to a results file', EXIT.usage);
  const inputs = loadDrillInputs({
    ...(results
      ? { scenario: results.scenario.id }
      : target !== undefined
        ? { scenario: target }
        : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
    ...(options.actions !== undefined ? { actions: options.actions } : {}),
  });
  const architecture = inputs.architecture.model;
  const scenario = inputs.scenario.model;
  const seed = parseSeed(results?.seed ?? options.seed ?? inputs.script?.model.seed);
  const all: ActionLogEntry[] = (results?.actions ?? inputs.script?.model.actions ?? []).map(
    (a) => ({ ...a }) as ActionLogEntry,
  );
  const actions = all.filter((a) => a.at <= at);
  const drill = new Drill(architecture, scenario, seed);
  for (const entry of [...actions].sort((a, b) => a.at - b.at)) {
    drill.advanceTo(entry.at);
    const { at: _at, ...request } = entry;
    drill.act(request);
  }
  drill.advanceTo(Math.max(drill.now, at));
  const compiled = compileScenarioData(architecture, scenario);
  const telemetry = createTelemetry(compiled, seed, { rules: loadRules(architecture) });
  return { architecture, scenario, compiled, seed, at, drill, telemetry, actions };
}
