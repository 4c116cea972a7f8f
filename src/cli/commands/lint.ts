import { safeJson } from '../../export/index.js';
import { lintEvidenceTemplateText, lintScenarioText } from '../../authoring/index.js';
import {
  checkArchitectureFile,
  formatDiagnostic,
  orThrow,
  listEvidenceFiles,
  pinnedAttackCatalog,
  readInputFile,
  shippedEvidenceDir,
  type Diagnostic,
  type Scenario,
} from '../../model/index.js';
import { loadRubricFor } from '../../export/index.js';
import { defaultArchitecturePath, scoringDir } from '../paths.js';
import { expandScenarioPaths } from '../scenarioFiles.js';
import { detectKind } from './validate.js';

export interface LintOptions {
  architecture?: string;
  json?: boolean;
  strict?: boolean;
}

export interface LintReport {
  file: string;
  diagnostics: Diagnostic[];
}

export function lintFiles(paths: readonly string[], options: LintOptions): LintReport[] {
  const architecture = orThrow(
    checkArchitectureFile(options.architecture ?? defaultArchitecturePath()),
  ).model;
  // No paths: the shipped scenarios and the evidence templates they are built from.
  const files = paths.length
    ? expandScenarioPaths(paths)
    : [...expandScenarioPaths([]), ...listEvidenceFiles(shippedEvidenceDir())];
  return files.map((file) => {
    const { text, diagnostic } = readInputFile(file);
    if (diagnostic) return { file, diagnostics: [diagnostic] };
    if (detectKind(file) === 'evidence')
      return { file, diagnostics: lintEvidenceTemplateText(pinnedAttackCatalog(), file, text!) };
    const rubricFor = (scenario: Scenario) => {
      try {
        return loadRubricFor(scenario, architecture, scoringDir()).model;
      } catch {
        return undefined; // a broken rubric is `ttx validate`'s to report
      }
    };
    return {
      file,
      diagnostics: lintScenarioText(file, text!, architecture, rubricFor).diagnostics,
    };
  });
}

/** `ttx lint`: validation plus what the schema cannot see (scenarios and evidence templates). Exit 1 on errors (or warnings with --strict). */
export function lintCommand(
  paths: string[],
  options: LintOptions,
  out: (s: string) => void,
): number {
  const reports = lintFiles(paths, options);
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  if (options.json) {
    out(`${safeJson({ files: reports, errors, warnings }, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const report of reports) {
      for (const d of report.diagnostics) lines.push(formatDiagnostic(d));
      if (report.diagnostics.length === 0) lines.push(`ok   ${report.file}`);
    }
    lines.push(`${reports.length} file(s) linted: ${errors} error(s), ${warnings} warning(s)`);
    out(`${lines.join('\n')}\n`);
  }
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
