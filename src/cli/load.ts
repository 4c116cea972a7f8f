import {
  checkActionScriptFile,
  checkArchitectureFile,
  checkScenarioFile,
  orThrow,
  type ActionScript,
  type Architecture,
  type Loaded,
  type Scenario,
} from '../model/index.js';
import type { NavigatorDrill, Results } from '../export/index.js';
import { defaultArchitecturePath, resolveScenarioPath } from './paths.js';

export interface LoadedDrillInputs {
  architecture: Loaded<Architecture>;
  scenario: Loaded<Scenario>;
  script?: Loaded<ActionScript>;
}

/** Loads architecture, scenario and (optionally) an action script; throws InputError on problems. */
export function loadDrillInputs(options: {
  scenario?: string;
  architecture?: string;
  actions?: string;
}): LoadedDrillInputs {
  const architecture = orThrow(
    checkArchitectureFile(options.architecture ?? defaultArchitecturePath()),
  );
  const scenario = orThrow(
    checkScenarioFile(resolveScenarioPath(options.scenario), architecture.model),
  );
  const script = options.actions
    ? orThrow(checkActionScriptFile(options.actions, architecture.model, scenario.model))
    : undefined;
  return { architecture, scenario, ...(script ? { script } : {}) };
}

/**
 * Each drill with its scenario, loaded once per scenario id (the built-in scenarios, or files
 * by path); drills whose scenario cannot be loaded are left out with a note.
 */
export function withScenarios(
  drills: readonly Results[],
  io: { err: (s: string) => void },
  /** A scenario file or id to use instead of each drill's saved id (`--scenario`). */
  scenarioArg?: string,
): NavigatorDrill[] {
  const scenarios = new Map<string, NavigatorDrill['scenario'] | undefined>();
  const out: NavigatorDrill[] = [];
  for (const results of drills) {
    const id = results.scenario.id;
    if (!scenarios.has(id)) {
      try {
        scenarios.set(id, loadDrillInputs({ scenario: scenarioArg ?? id }).scenario.model);
      } catch {
        scenarios.set(id, undefined);
        io.err(`ttx: note: scenario ${id} is not at hand; its drills are left out\n`);
      }
    }
    const scenario = scenarios.get(id);
    if (scenario) out.push({ results, scenario });
  }
  return out;
}
