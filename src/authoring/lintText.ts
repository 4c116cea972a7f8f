import {
  checkScenarioText,
  parseYamlSource,
  sortDiagnostics,
  type Architecture,
  type Diagnostic,
  type Scenario,
} from '../model/index.js';
import { lintScenario } from './lint.js';

/** Validates a scenario text, then (if it is valid) lints it: one list of located diagnostics. */
export function lintScenarioText(
  file: string,
  text: string,
  architecture: Architecture,
): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const checked = checkScenarioText(file, text, architecture);
  if (!checked.loaded) return { diagnostics: checked.diagnostics };
  const scenario = checked.loaded.model;
  const lint = lintScenario(architecture, scenario, parseYamlSource(file, text));
  return { scenario, diagnostics: sortDiagnostics([...checked.diagnostics, ...lint]) };
}
