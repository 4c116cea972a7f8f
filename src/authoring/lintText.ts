import {
  checkScenarioText,
  parseYamlSource,
  sortDiagnostics,
  type Architecture,
  type Diagnostic,
  type Rubric,
  type Scenario,
} from '../model/index.js';
import { lintScenario } from './lint.js';

/** Validates a scenario text, then (if it is valid) lints it: one list of located diagnostics. */
export function lintScenarioText(
  file: string,
  text: string,
  architecture: Architecture,
  /** The scenario's rubric, for the objectives no dimension measures. */
  rubricFor?: (scenario: Scenario) => Rubric | undefined,
): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const checked = checkScenarioText(file, text, architecture);
  if (!checked.loaded) return { diagnostics: checked.diagnostics };
  const scenario = checked.loaded.model;
  const lint = lintScenario(
    architecture,
    scenario,
    checked.source ?? parseYamlSource(file, text),
    rubricFor?.(scenario),
  );
  return { scenario, diagnostics: sortDiagnostics([...checked.diagnostics, ...lint]) };
}
