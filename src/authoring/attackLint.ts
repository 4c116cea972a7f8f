import {
  checkEvidenceTemplateText,
  parseYamlSource,
  sortDiagnostics,
  techniqueOfUrl,
  techniqueProblem,
  type AttackCatalog,
  type Diagnostic,
  type PathSegment,
  type Scenario,
  type YamlSource,
} from '../model/index.js';
import { Reporter } from './located.js';

/** The code of every ATT&CK finding: an id that is not an active technique of the pinned version. */
export const ATTACK_CODE = 'unknown-technique';

/** Where technique ids sit in a file: the id and the data path to report it at. */
interface Mention {
  id: string;
  path: PathSegment[];
}

function referenceMentions(references: readonly string[]): Mention[] {
  return references.flatMap((url, i) => {
    const id = techniqueOfUrl(url);
    return id ? [{ id, path: ['references', i] }] : [];
  });
}

function report(catalog: AttackCatalog, mentions: readonly Mention[], out: Reporter): void {
  for (const { id, path } of mentions) {
    const problem = techniqueProblem(catalog, id);
    if (problem) out.error(path, ATTACK_CODE, problem.message, problem.expected);
  }
}

/** A scenario's `attack:` list, each state's `techniques:` and the ATT&CK pages it references. */
export function lintScenarioAttack(
  catalog: AttackCatalog,
  scenario: Scenario,
  out: Reporter,
): void {
  report(
    catalog,
    [
      ...scenario.attack.map((id, i) => ({ id, path: ['attack', i] })),
      ...scenario.attacker.states.flatMap((state, i) =>
        state.techniques.map((id, j) => ({ id, path: ['attacker', 'states', i, 'techniques', j] })),
      ),
      ...referenceMentions(scenario.references),
    ],
    out,
  );
}

/**
 * An evidence template (evidence/<id>.yaml): validated as `ttx validate` does, then its
 * `techniques:` and ATT&CK references checked against the pinned list.
 */
export function lintEvidenceTemplateText(
  catalog: AttackCatalog,
  file: string,
  text: string,
): Diagnostic[] {
  const checked = checkEvidenceTemplateText(file, text);
  if (!checked.loaded) return checked.diagnostics;
  const template = checked.loaded.model;
  const source: YamlSource = checked.source ?? parseYamlSource(file, text);
  const out = new Reporter(source);
  report(
    catalog,
    [
      ...template.techniques.map((id, i) => ({ id, path: ['techniques', i] })),
      ...referenceMentions(template.references),
    ],
    out,
  );
  return sortDiagnostics([...checked.diagnostics, ...out.diagnostics]);
}
