import { safeJson } from '../../export/index.js';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  checkActionScriptFile,
  checkArchitectureFile,
  checkEvidenceTemplateFile,
  checkRubricFile,
  checkRuleFile,
  checkScenarioFile,
  checkScenarioTestsFile,
  closest,
  formatDiagnostic,
  listEvidenceFiles,
  parseYamlSource,
  shippedEvidenceDir,
  readInputFile,
  stripControl,
  type Architecture,
  type Diagnostic,
  type Scenario,
} from '../../model/index.js';
import {
  defaultArchitecturePath,
  listRuleFiles,
  listScenarioFiles,
  resolveScenarioPath,
  scenarioFilesIn,
  scoringDir,
  TESTS_FILE_SUFFIX,
} from '../paths.js';
import { scenarioOfTestsFile, siblingTestsFile } from '../scenarioFiles.js';

export type FileKind =
  'architecture' | 'scenario' | 'tests' | 'actions' | 'rule' | 'rubric' | 'evidence' | 'unknown';

/**
 * The keys of a YAML file's top-level block mapping, found by their lines: a key at column 0 can
 * only be a top-level key (everything nested, block scalars included, is indented). Undefined when
 * the top level is not a block mapping (a list, a flow mapping, a syntax error): then only a parse
 * tells.
 */
function topLevelKeys(text: string): Set<string> | undefined {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/, 20_000)) {
    if (line === '' || line[0] === '#' || line[0] === ' ' || line.startsWith('---')) continue;
    const key = /^(?:"([^"]+)"|'([^']+)'|([A-Za-z_][\w-]*))\s*:(?:\s|$)/.exec(line);
    if (!key) return undefined;
    keys.add(key[1] ?? key[2] ?? key[3]!);
  }
  return keys.size > 0 ? keys : undefined;
}

/** What a file with these top-level keys is (an actions log is a list: no keys). */
function kindOfKeys(keys: { has(key: string): boolean }): FileKind | undefined {
  if (keys.has('components')) return 'architecture';
  if (keys.has('logsource') || keys.has('detection')) return 'rule';
  if (keys.has('dimensions') && keys.has('grades')) return 'rubric';
  if (keys.has('attacker') || keys.has('injects')) return 'scenario';
  if (keys.has('evidence') && !keys.has('tests')) return 'evidence';
  if (keys.has('tests')) return 'tests';
  if (keys.has('actions')) return 'actions';
  return undefined;
}

/**
 * Guesses what a YAML file is from its top-level keys (cheap; the real check follows). The keys
 * come from the lines when they can: parsing here as well made every file parse twice (a
 * 15,000-inject scenario spent 1.3 CPU-seconds on the guess alone).
 */
export function detectKind(file: string): FileKind {
  if (TESTS_FILE_SUFFIX.test(file)) return 'tests';
  const { text } = readInputFile(file);
  if (text === undefined) return 'unknown';
  const keys = topLevelKeys(text);
  if (keys) return kindOfKeys(keys) ?? 'scenario';
  // The loaders' own parser: linear duplicate-key check, limits, no console warnings.
  const value: unknown = parseYamlSource(file, text).value;
  if (Array.isArray(value)) return 'actions';
  if (value && typeof value === 'object')
    return kindOfKeys(new Set(Object.keys(value))) ?? 'scenario';
  // A syntax error or a limit: the scenario loader locates it.
  return 'scenario';
}

export interface FileReport {
  file: string;
  kind: FileKind;
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** A report for a file that could not be checked at all (one diagnostic at 1:1). */
function fileProblem(
  file: string,
  kind: FileKind,
  code: string,
  message: string,
  expected?: string,
): FileReport {
  return {
    file,
    kind,
    ok: false,
    diagnostics: [
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        code,
        message,
        ...(expected ? { expected } : {}),
      },
    ],
  };
}

export interface ValidateOptions {
  architecture?: string;
  scenario?: string;
  json?: boolean;
}

export function validateFiles(files: string[], options: ValidateOptions): FileReport[] {
  const archFile = options.architecture ?? defaultArchitecturePath();
  const archCheck = checkArchitectureFile(archFile);
  const arch: Architecture | undefined = archCheck.loaded?.model;
  const reports: FileReport[] = [];
  const targets = (
    files.length
      ? files
      : [
          archFile,
          ...listScenarioFiles(),
          ...listRuleFiles(),
          ...listScenarioFiles(scoringDir()),
          ...listEvidenceFiles(shippedEvidenceDir()),
        ]
  ).flatMap((file) =>
    existsSync(file) && statSync(file).isDirectory()
      ? files.length
        ? scenarioFilesIn(file)
        : listScenarioFiles(file)
      : [file],
  );
  // A scenario's tests file is checked with it.
  for (const file of [...targets]) {
    const tests =
      /\.ya?ml$/.test(file) && !TESTS_FILE_SUFFIX.test(file) ? siblingTestsFile(file) : undefined;
    if (tests && !targets.includes(tests)) targets.push(tests);
  }
  let scenarioForScripts: Scenario | undefined;
  for (const file of targets) {
    const kind = detectKind(file);
    if (kind === 'architecture') {
      const check = file === archFile ? archCheck : checkArchitectureFile(file);
      reports.push({ file, kind, ok: !!check.loaded, diagnostics: check.diagnostics });
      continue;
    }
    if (!arch) {
      reports.push(
        fileProblem(
          file,
          kind,
          'architecture-invalid',
          `cannot check references: the architecture ${archFile} has errors`,
        ),
      );
      continue;
    }
    if (kind === 'rubric') {
      const check = checkRubricFile(file, arch);
      reports.push({ file, kind, ok: !!check.loaded, diagnostics: check.diagnostics });
      continue;
    }
    if (kind === 'evidence') {
      const check = checkEvidenceTemplateFile(file);
      reports.push({ file, kind, ok: !!check.loaded, diagnostics: check.diagnostics });
      continue;
    }
    if (kind === 'rule') {
      const check = checkRuleFile(file, arch);
      reports.push({ file, kind, ok: !!check.loaded, diagnostics: check.diagnostics });
      continue;
    }
    if (kind === 'actions') {
      scenarioForScripts ??= options.scenario
        ? checkScenarioFile(resolveScenarioPath(options.scenario), arch).loaded?.model
        : undefined;
      if (!scenarioForScripts) {
        reports.push(
          fileProblem(
            file,
            kind,
            'needs-scenario',
            'an action script is checked against a scenario',
            '--scenario <id or file>',
          ),
        );
        continue;
      }
      const check = checkActionScriptFile(file, arch, scenarioForScripts);
      reports.push({ file, kind, ok: !!check.loaded, diagnostics: check.diagnostics });
      continue;
    }
    if (kind === 'tests') {
      const scenarioFile = scenarioOfTestsFile(file);
      const scenario = existsSync(scenarioFile)
        ? checkScenarioFile(scenarioFile, arch).loaded?.model
        : undefined;
      if (!scenario) {
        reports.push(
          fileProblem(
            file,
            kind,
            'no-scenario',
            `no valid scenario ${scenarioFile} beside the tests file`,
            'a tests file named <scenario id>.tests.yaml next to a valid <scenario id>.yaml',
          ),
        );
        continue;
      }
      const check = checkScenarioTestsFile(file, arch, scenario);
      reports.push({ file, kind, ok: !!check.loaded, diagnostics: check.diagnostics });
      continue;
    }
    const check = checkScenarioFile(file, arch);
    const diagnostics = [...check.diagnostics, ...rubricReference(file, check.loaded?.model)];
    reports.push({
      file,
      kind: 'scenario',
      ok: !!check.loaded && !diagnostics.some((d) => d.severity === 'error'),
      diagnostics,
    });
  }
  return reports;
}

/** A scenario's `rubric:` must name a rubric in scoring/ (or be a rubric file path). */
function rubricReference(file: string, scenario: Scenario | undefined): Diagnostic[] {
  const id = scenario?.rubric;
  if (id === undefined) return [];
  const known = listScenarioFiles(scoringDir()).map((f) => basename(f).replace(/\.ya?ml$/, ''));
  if (known.includes(id) || existsSync(id)) return [];
  const source = parseYamlSource(file, readInputFile(file).text ?? '');
  const { line, column } = source.locate(['rubric']);
  const suggestion = closest(id, known);
  return [
    {
      file,
      line,
      column,
      severity: 'error',
      code: 'unknown-reference',
      message: `unknown rubric "${id}"`,
      expected: `a rubric in scoring/ (one of: ${known.join(', ')})`,
      ...(suggestion ? { suggestion } : {}),
      sourceLine: stripControl(source.text.split(/\r?\n/)[line - 1] ?? ''),
    },
  ];
}

export function validateCommand(
  files: string[],
  options: ValidateOptions,
  out: (s: string) => void,
): number {
  const reports = validateFiles(files, options);
  const errors = reports.flatMap((r) => r.diagnostics).filter((d) => d.severity === 'error').length;
  const warnings = reports
    .flatMap((r) => r.diagnostics)
    .filter((d) => d.severity === 'warning').length;
  if (options.json) {
    out(`${safeJson({ files: reports, errors, warnings }, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const report of reports) {
      for (const d of report.diagnostics) lines.push(formatDiagnostic(d));
      if (report.ok) lines.push(`ok   ${report.file} (${report.kind})`);
    }
    lines.push(`${reports.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`);
    out(`${lines.join('\n')}\n`);
  }
  return errors > 0 ? 1 : 0;
}
