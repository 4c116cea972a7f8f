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
