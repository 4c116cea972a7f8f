import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { actionLogEntrySchema, actionScriptSchema } from './actionLogSchema.js';
import { architectureSchema, type Architecture } from './architectureSchema.js';
import {
  checkActionLogFile,
  checkArchitectureReferences,
  checkScenarioReferences,
  checkScenarioTestsReferences,
} from './crossReferences.js';
import { InputError, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { parseWithSchema, readInputFile, type Parsed } from './load.js';
import { checkRubricReferences } from './rubricReferences.js';
import { rubricSchema, type Rubric } from './rubricSchema.js';
import {
  scenarioSchema,
  scenarioTestsFileSchema,
  type Scenario,
  type ScenarioTestsFile,
} from './scenarioSchema.js';
import { detectionRuleSchema, type DetectionRule } from './detectionRuleSchema.js';
import { checkRuleReferences } from './ruleReferences.js';
import { evidenceTemplateSchema, type EvidenceTemplate } from './evidenceSchema.js';
import {
  expandUse,
  listEvidenceFiles,
  shippedEvidenceDir,
  type EvidenceLibrary,
} from './evidenceTemplates.js';
import { diagnoseSchemaIssues } from './yamlSource.js';
import { offerShippedCheck, shippedCheckKey, shippedModel } from './shippedChecks.js';
import { evidenceItemSchema } from './evidenceSchema.js';
import type { ActionLogEntry } from './types.js';
import type { YamlSource } from './yamlSource.js';

/** A validated document with where it came from. */
export interface Loaded<T> {
  file: string;
  /** sha256 of the file's text, so results can tell whether a scenario changed. */
  sha256: string;
  model: T;
}

/** The outcome of checking a file: the model if it is valid, and every diagnostic either way. */
export interface Checked<T> {
  loaded?: Loaded<T>;
  diagnostics: Diagnostic[];
  /** The parsed text, for callers that locate more (the linter): no second parse. */
  source?: YamlSource;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Schema check, then reference check on the raw value (even when the schema failed, so an author
 * sees every problem in one run).
 */
function checkText<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  references: (value: z.output<S> | undefined, source: YamlSource) => Diagnostic[],
): Checked<z.output<S>> {
  const parsed: Parsed<z.output<S>> = parseWithSchema(file, text, schema);
  const syntaxBroken = parsed.source.diagnostics.length > 0;
  const diagnostics = [
    ...parsed.diagnostics,
    ...(syntaxBroken ? [] : references(parsed.value, parsed.source)),
  ];
  const ok = parsed.value !== undefined && !diagnostics.some((d) => d.severity === 'error');
  return {
    ...(ok ? { loaded: { file, sha256: hash(text), model: parsed.value as z.output<S> } } : {}),
    diagnostics: sortDiagnostics(diagnostics),
    source: parsed.source,
  };
}

/*
 * The last checks, by what they depend on (the file's name and text, the architecture and
 * evidence library they were checked against). A process that loads the same files again (a
 * workshop reading a scenario per team, `ttx test` over a folder, the in-process test suite,
 * which read architecture.yaml over a thousand times) parses and validates each once. The
 * models are frozen: they are shared, so a caller that changed one would change it for all.
 */
const RECENT_CHECKS = 32;
const recentChecks = new Map<string, Checked<unknown>>();
const objectIds = new WeakMap<object, number>();
let lastObjectId = 0;
const objectId = (o: object) => {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = ++lastObjectId));
  return id;
};

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  if (value instanceof Map) for (const child of value.values()) deepFreeze(child);
  return value;
}

function remembered<T>(key: string, check: () => Checked<T>): Checked<T> {
  const hit = recentChecks.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the first to go.
    recentChecks.delete(key);
    recentChecks.set(key, hit);
    return hit as Checked<T>;
  }
  const checked = check();
  if (checked.loaded) deepFreeze(checked.loaded.model);
  Object.freeze(checked.diagnostics);
  recentChecks.set(key, checked);
  if (recentChecks.size > RECENT_CHECKS) recentChecks.delete(recentChecks.keys().next().value!);
  return checked;
}

/**
 * The model the build made from the same bytes (src/model/shippedChecks.ts), else the check; a
 * clean check is offered to the build's recorder.
 */
function throughShipped<T>(
  key: string,
  file: string,
  sha256: string,
  check: () => Checked<T>,
): Checked<T> {
  const model = shippedModel(key) as T | undefined;
  if (model !== undefined) return { loaded: { file, sha256, model }, diagnostics: [] };
  const checked = check();
  if (checked.loaded && checked.diagnostics.length === 0)
    offerShippedCheck(key, checked.loaded.model);
  return checked;
}

/** The sha256 of the text each architecture model was made from: what a rule or scenario was checked against. */
const architectureSha = new WeakMap<Architecture, string>();

export function checkArchitectureText(file: string, text: string): Checked<Architecture> {
  return remembered(`architecture\0${file}\0${text}`, () => {
    const sha256 = hash(text);
    const checked = throughShipped(
      shippedCheckKey('architecture', file, sha256),
      file,
      sha256,
      () => checkText(file, text, architectureSchema, checkArchitectureReferences),
    );
    if (checked.loaded) architectureSha.set(checked.loaded.model, sha256);
    return checked;
  });
}

/** The shipped-check key of a check against `arch` (and `library`), when their bytes are known. */
function keyAgainst(
  kind: 'rule' | 'scenario',
  file: string,
  sha256: string,
  arch: Architecture,
  library?: EvidenceLibrary,
): string | undefined {
  const archSha = architectureSha.get(arch);
  if (archSha === undefined) return undefined;
  if (library === undefined) return shippedCheckKey(kind, file, sha256, [archSha]);
  return library.sha256 === undefined
    ? undefined
    : shippedCheckKey(kind, file, sha256, [archSha, library.sha256]);
}

/**
 * A scenario, checked against the architecture and the evidence templates (the shipped evidence/
 * folder unless another library is given). The model's `use:` items come back expanded.
 */
export function checkScenarioText(
  file: string,
  text: string,
  arch: Architecture,
  library: EvidenceLibrary = shippedEvidenceLibrary(),
): Checked<Scenario> {
  const key = `scenario\0${objectId(arch)}\0${objectId(library)}\0${file}\0${text}`;
  return remembered(key, () => {
    const sha256 = hash(text);
    const shipped = keyAgainst('scenario', file, sha256, arch, library);
    const check = () => checkScenarioUncached(file, text, arch, library);
    return shipped === undefined ? check() : throughShipped(shipped, file, sha256, check);
  });
}

function checkScenarioUncached(
  file: string,
  text: string,
  arch: Architecture,
  library: EvidenceLibrary,
): Checked<Scenario> {
  let source: YamlSource | undefined;
  const checked = checkText(file, text, scenarioSchema, (value, s) => {
    source = s;
    return checkScenarioReferences(value, arch, s, library);
  });
  if (!checked.loaded || !source) return checked;
  const expanded = expandScenarioEvidence(checked.loaded.model, library, source);
  if (expanded.diagnostics.length)
    return { diagnostics: sortDiagnostics([...checked.diagnostics, ...expanded.diagnostics]) };
  return { ...checked, loaded: { ...checked.loaded, model: expanded.scenario } };
}

/** Replaces every `use:` item by its template's items; bad parameter values are located at the use. */
function expandScenarioEvidence(
  scenario: Scenario,
  library: EvidenceLibrary,
  source: YamlSource,
): { scenario: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const states = scenario.attacker.states.map((state, s) => ({
    ...state,
    evidence: state.evidence.flatMap((entry, e) => {
      if (entry.kind !== undefined) return [entry];
      const template = library.templates.get(entry.use);
      if (!template) return [];
      const { items, issues } = expandUse(entry, template);
      const at = ['attacker', 'states', s, 'evidence', e];
      for (const problem of issues)
        for (const d of diagnoseSchemaIssues(source, problem.issues, evidenceItemSchema))
          diagnostics.push({
            ...d,
            ...source.locate(at),
            message: `template ${template.id}, item ${problem.index + 1}: ${d.message}`,
          });
      return items;
    }),
  }));
  return { scenario: { ...scenario, attacker: { ...scenario.attacker, states } }, diagnostics };
}

/** One evidence template file (evidence/<id>.yaml); its id must match the file name. */
export function checkEvidenceTemplateText(file: string, text: string): Checked<EvidenceTemplate> {
  const sha256 = hash(text);
  return throughShipped(shippedCheckKey('evidence', file, sha256), file, sha256, () =>
    checkEvidenceTemplateUncached(file, text),
  );
}

function checkEvidenceTemplateUncached(file: string, text: string): Checked<EvidenceTemplate> {
  const checked = checkText(file, text, evidenceTemplateSchema, () => []);
  const id = checked.loaded?.model.id;
  const named = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  if (checked.loaded && id !== named) {
    return {
      diagnostics: sortDiagnostics([
        ...checked.diagnostics,
        {
          file,
          ...locateKey(text, 'id'),
          severity: 'error',
          code: 'wrong-id',
          message: `the template's id "${id}" differs from its file name "${named}"`,
          expected: `id: ${named}`,
        },
      ]),
    };
  }
  return checked;
}

export const checkEvidenceTemplateFile = (file: string) =>
  fromFile(file, (text) => checkEvidenceTemplateText(file, text));

/** The templates of a folder; a broken file is left out and its diagnostics kept. */
export function loadEvidenceLibrary(dir: string): EvidenceLibrary {
  const templates = new Map<string, EvidenceTemplate>();
  const diagnostics: Diagnostic[] = [];
  const contents: string[] = [];
  for (const file of listEvidenceFiles(dir)) {
    const checked = checkEvidenceTemplateFile(file);
    diagnostics.push(...checked.diagnostics);
    if (checked.loaded) templates.set(checked.loaded.model.id, checked.loaded.model);
    contents.push(`${file.replace(/^.*[\\/]/, '')}:${checked.loaded?.sha256 ?? 'broken'}`);
  }
  return { templates, diagnostics, sha256: hash(contents.join('\n')) };
}

let shipped: EvidenceLibrary | undefined;
/** The shipped evidence/ templates, read once per process. */
export function shippedEvidenceLibrary(): EvidenceLibrary {
  return (shipped ??= loadEvidenceLibrary(shippedEvidenceDir()));
}

/** A scoring rubric, with its severities, contacts and plan steps checked against `arch`. */
export function checkRubricText(file: string, text: string, arch: Architecture): Checked<Rubric> {
  return checkText(file, text, rubricSchema, (value, source) =>
    checkRubricReferences(value, arch, source),
  );
}

/** A detection rule file (one rule per file, Sigma style), checked against the architecture. */
export function checkRuleText(
  file: string,
  text: string,
  arch: Architecture,
): Checked<DetectionRule> {
  const sha256 = hash(text);
  const check = () =>
    checkText(file, text, detectionRuleSchema, (_value, source) =>
      checkRuleReferences(arch, source),
    );
  const key = keyAgainst('rule', file, sha256, arch);
  return key === undefined ? check() : throughShipped(key, file, sha256, check);
}

export interface ActionScript {
  seed?: number | string;
  description?: string;
  actions: ActionLogEntry[];
}

export function checkActionScriptText(
  file: string,
  text: string,
  arch: Architecture,
  scenario: Scenario,
): Checked<ActionScript> {
  // A bare list is the short form; check it against the list schema so messages stay precise.
  const isList = /^\s*(#.*\n\s*)*-/.test(text);
  const schema = isList ? actionLogEntrySchema.array() : actionScriptSchema;
  const checked = checkText(file, text, schema, (_value, source) =>
    checkActionLogFile(arch, scenario, source, isList ? [] : ['actions']),
  );
  if (!checked.loaded) return { diagnostics: checked.diagnostics };
  const model = checked.loaded.model;
  return {
    loaded: {
      ...checked.loaded,
      model: Array.isArray(model) ? { actions: model } : (model as ActionScript),
    },
    diagnostics: checked.diagnostics,
  };
}

/** A tests file beside a scenario (`<id>.tests.yaml`), checked against that scenario. */
export function checkScenarioTestsText(
  file: string,
  text: string,
  arch: Architecture,
  scenario: Scenario,
): Checked<ScenarioTestsFile> {
  const checked = checkText(file, text, scenarioTestsFileSchema, (_value, source) =>
    checkScenarioTestsReferences(arch, scenario, source),
  );
  const named = checked.loaded?.model.scenario;
  if (checked.loaded && named !== undefined && named !== scenario.id) {
    return {
      diagnostics: sortDiagnostics([
        ...checked.diagnostics,
        {
          file,
          ...locateKey(text, 'scenario'),
          severity: 'error',
          code: 'wrong-scenario',
          message: `these tests are for scenario "${named}", not "${scenario.id}"`,
          expected: `scenario: ${scenario.id}`,
        },
      ]),
    };
  }
  return checked;
}

/** Line and column of a top-level key (for the few checks made after the schema passed). */
function locateKey(text: string, key: string): { line: number; column: number } {
  const index = text.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`));
  return { line: index + 1 || 1, column: 1 };
}

function fromFile<T>(file: string, check: (text: string) => Checked<T>): Checked<T> {
  const { text, diagnostic } = readInputFile(file);
  if (diagnostic) return { diagnostics: [diagnostic] };
  return check(text!);
}

export const checkArchitectureFile = (file: string) =>
  fromFile(file, (text) => checkArchitectureText(file, text));
export const checkScenarioFile = (file: string, arch: Architecture, library?: EvidenceLibrary) =>
  fromFile(file, (text) => checkScenarioText(file, text, arch, library));
export const checkRubricFile = (file: string, arch: Architecture) =>
  fromFile(file, (text) => checkRubricText(file, text, arch));
export const checkActionScriptFile = (file: string, arch: Architecture, scenario: Scenario) =>
  fromFile(file, (text) => checkActionScriptText(file, text, arch, scenario));

export const checkScenarioTestsFile = (file: string, arch: Architecture, scenario: Scenario) =>
  fromFile(file, (text) => checkScenarioTestsText(file, text, arch, scenario));
export const checkRuleFile = (file: string, arch: Architecture) =>
  fromFile(file, (text) => checkRuleText(file, text, arch));

/** Unwraps a check or throws an InputError with every diagnostic. */
export function orThrow<T>(checked: Checked<T>): Loaded<T> {
  if (!checked.loaded) throw new InputError(checked.diagnostics);
  return checked.loaded;
}
