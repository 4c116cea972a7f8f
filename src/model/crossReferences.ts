import { BUILT_IN_ACTIONS, PLAN_ACTION_PREFIX, TECHNICAL_ACTION_KINDS } from './actionKinds.js';
import { RECIPIENTS, type Architecture } from './architectureSchema.js';
import { stripControl, type Diagnostic } from './diagnostic.js';
import type { Scenario } from './scenarioSchema.js';
import { closest } from './suggest.js';
import { checkRuleValue } from './ruleReferences.js';
import { checkArchitectureRoles } from './roleReferences.js';
import { checkEvidenceReferences } from './evidenceReferences.js';
import { EMPTY_EVIDENCE_LIBRARY, type EvidenceLibrary } from './evidenceTemplates.js';
import type { PathSegment, YamlSource } from './yamlSource.js';

/*
 * Cross-references are checked on the raw YAML value, from declarative tables, so that a file
 * with schema errors still gets its reference errors in the same run. Paths use `[]` for "every
 * item of a list" and `{}` for "every key of a map".
 */

type Raw = unknown;
type Found = { path: PathSegment[]; value: Raw };

export function isRecord(value: Raw): value is Record<string, Raw> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every (path, value) a pattern such as `attacker.states[].next[].to` selects. */
export function select(root: Raw, pattern: string): Found[] {
  const segments = pattern.split('.').flatMap((part) => {
    const out: string[] = [];
    const match = /^([^[{]*)((?:\[\]|\{\})*)$/.exec(part);
    if (match?.[1]) out.push(match[1]);
    for (const suffix of match?.[2]?.match(/\[\]|\{\}/g) ?? []) out.push(suffix);
    return out;
  });
  let current: Found[] = [{ path: [], value: root }];
  for (const segment of segments) {
    const next: Found[] = [];
    for (const { path, value } of current) {
      if (segment === '[]') {
        if (Array.isArray(value))
          value.forEach((item, i) => next.push({ path: [...path, i], value: item }));
      } else if (segment === '{}') {
        if (isRecord(value))
          for (const key of Object.keys(value)) next.push({ path: [...path, key], value: key });
      } else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
        next.push({ path: [...path, segment], value: value[segment] });
      }
    }
    current = next;
  }
  return current;
}

export function strings(root: Raw, pattern: string): Array<{ path: PathSegment[]; value: string }> {
  return select(root, pattern).flatMap((f) =>
    typeof f.value === 'string' ? [{ path: f.path, value: f.value }] : [],
  );
}

function ids(root: Raw, pattern: string): string[] {
  return strings(root, pattern).map((f) => f.value);
}

/** Collects reference problems for one source file. */
export class ReferenceChecker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: string[];
  constructor(private readonly source: YamlSource) {
    this.lines = source.text.split(/\r?\n/);
  }

  /** Reports `value` at `path` unless it is one of `valid`. */
  ref(path: readonly PathSegment[], value: string, valid: readonly string[], what: string): void {
    if (valid.includes(value)) return;
    const suggestion = closest(value, valid);
    this.report(path, 'unknown-reference', `unknown ${what} "${value}"`, {
      expected: `${what} ${describeCandidates(valid)}`,
      ...(suggestion ? { suggestion } : {}),
    });
  }

  /** Checks every string a pattern selects against `valid`. */
  refs(root: Raw, pattern: string, valid: readonly string[], what: string): void {
    for (const { path, value } of strings(root, pattern)) this.ref(path, value, valid, what);
  }

  unique(root: Raw, listPattern: string, what: string): void {
    const seen = new Set<string>();
    for (const { path, value } of strings(root, `${listPattern}[].id`)) {
      if (seen.has(value))
        this.report(path, 'duplicate-id', `duplicate ${what} id "${value}"`, {
          expected: 'each id once',
        });
      seen.add(value);
    }
  }

  report(
    path: readonly PathSegment[],
    code: string,
    message: string,
    extra: {
      expected?: string;
      suggestion?: string;
      severity?: 'error' | 'warning';
      /** Point at the key of `path` rather than at its value (a whole list that lacks something). */
      atKey?: boolean;
    } = {},
  ): void {
    const pos = this.source.locate(path, { key: extra.atKey === true });
    this.diagnostics.push({
      file: this.source.file,
      line: pos.line,
      column: pos.column,
      severity: extra.severity ?? 'error',
      code,
      message: stripControl(message),
      sourceLine: stripControl(this.lines[pos.line - 1] ?? ''),
      ...(extra.expected ? { expected: stripControl(extra.expected) } : {}),
      ...(extra.suggestion ? { suggestion: stripControl(extra.suggestion) } : {}),
    });
  }
}

function describeCandidates(candidates: readonly string[]): string {
  if (candidates.length === 0) return '(none are declared)';
  const shown = candidates.slice(0, 12).join(', ');
  return `(one of: ${shown}${candidates.length > 12 ? ', …' : ''})`;
}

/** What each kind of reference may name, for one architecture (and scenario). */
interface Namespaces {
  component: string[];
  severity: string[];
  contact: string[];
  channel: string[];
  'plan step': string[];
  'data class': string[];
  'attacker state': string[];
  action: string[];
  inject: string[];
  'WAF rule': string[];
  flag: string[];
  'incident category': string[];
  vulnerability: string[];
  backup: string[];
  artefact: string[];
  secret: string[];
  obligation: string[];
  'contact or recipient': string[];
}

function architectureNamespaces(arch: Raw) {
  return {
    component: ids(arch, 'components[].id'),
    severity: ids(arch, 'severities[].id'),
    contact: ids(arch, 'contacts[].id'),
    channel: ids(arch, 'channels[].id'),
    'plan step': ids(arch, 'emergency_plan[].id'),
    'data class': ids(arch, 'data_classes[].id'),
    layer: ids(arch, 'layers[].id'),
    baseline: ids(arch, 'baselines[].id'),
    'incident category': ids(arch, 'incident_categories[].id'),
    vulnerability: ids(arch, 'vulnerabilities[].id'),
    backup: ids(arch, 'backups[].id'),
    obligation: ids(arch, 'obligations[].id'),
  };
}

export function checkArchitectureReferences(
  arch: Architecture | undefined,
  source: YamlSource,
): Diagnostic[] {
  const raw = source.value;
  const check = new ReferenceChecker(source);
  const ns = architectureNamespaces(raw);
  for (const [list, what] of [
    ['components', 'component'],
    ['layers', 'layer'],
    ['severities', 'severity'],
    ['contacts', 'contact'],
    ['channels', 'channel'],
    ['emergency_plan', 'plan step'],
    ['vulnerabilities', 'vulnerability'],
    ['baselines', 'baseline'],
    ['data_classes', 'data class'],
    ['backups', 'backup'],
  ] as const) {
    check.unique(raw, list, what);
  }
  check.refs(raw, 'components[].layer', ns.layer, 'layer');
  check.refs(raw, 'components[].reaches[]', ns.component, 'component');
  check.refs(raw, 'components[].data[]', ns['data class'], 'data class');
  check.refs(raw, 'components[].baseline[]', ns.baseline, 'baseline');
  check.refs(raw, 'escalation_matrix{}', ns.severity, 'severity');
  for (const { path } of select(raw, 'escalation_matrix{}')) {
    const severity = String(path[path.length - 1]);
    check.refs(raw, `escalation_matrix.${severity}[].contact`, ns.contact, 'contact');
    check.refs(raw, `escalation_matrix.${severity}[].channel`, ns.channel, 'channel');
    check.refs(
      raw,
      `escalation_matrix.${severity}[].categories[]`,
      ns['incident category'],
      'incident category',
    );
  }
  check.refs(raw, 'emergency_plan[].contact', ns.contact, 'contact');
  check.refs(raw, 'contacts[].backup', ns.contact, 'contact');
  check.refs(raw, 'severities[].data_classes[]', ns['data class'], 'data class');
  check.unique(raw, 'obligations', 'obligation');
  check.refs(raw, 'obligations[].data_classes[]', ns['data class'], 'data class');
  check.refs(raw, 'obligations[].severity', ns.severity, 'severity');
  check.refs(raw, 'obligations[].contact', ns.contact, 'contact');
  check.refs(raw, 'lockdown_thresholds{}', ns.severity, 'severity');
  check.refs(raw, 'vulnerabilities[].components[]', ns.component, 'component');
  check.refs(raw, 'backups[].components[]', ns.component, 'component');
  const seen = new Map<unknown, boolean>();
  for (const { path, value } of select(raw, 'emergency_plan[].order')) {
    if (seen.has(value))
      check.report(path, 'duplicate-order', `plan order ${String(value)} is used twice`);
    seen.set(value, true);
  }
  checkArchitectureRoles(arch, raw, check);
  return dedupe(check.diagnostics);
}

export function dedupe(list: Diagnostic[]): Diagnostic[] {
  const keys = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** Decision ids are unique across the scenario, option ids within their decision. */
function checkDecisions(raw: Raw, check: ReferenceChecker): void {
  const seen = new Set<string>();
  for (const { path, value } of strings(raw, 'injects[].decision.id')) {
    if (seen.has(value))
      check.report(path, 'duplicate-id', `duplicate decision id "${value}"`, {
        expected: 'each id once',
      });
    seen.add(value);
  }
  for (const { path, value } of select(raw, 'injects[].decision')) {
    const options = new Set<string>();
    for (const option of strings(value, 'options[].id')) {
      if (options.has(option.value))
        check.report(
          [...path, ...option.path],
          'duplicate-id',
          `duplicate option id "${option.value}"`,
          {
            expected: 'each option id once in its decision',
          },
        );
      options.add(option.value);
    }
  }
}

/** Every action id a scenario accepts, with the targets each one takes. */
export function actionCatalogue(arch: Architecture, scenario: Scenario): Map<string, string[]> {
  return rawActionCatalogue(arch, scenario);
}

function rawActionCatalogue(arch: Raw, scenario: Raw): Map<string, string[]> {
  const catalogue = new Map<string, string[]>();
  for (const step of ids(arch, 'emergency_plan[].id'))
    catalogue.set(`${PLAN_ACTION_PREFIX}${step}`, []);
  for (const name of Object.keys(BUILT_IN_ACTIONS)) catalogue.set(name, []);
  for (const { value } of select(scenario, 'actions[]')) {
    if (isRecord(value) && typeof value.id === 'string') {
      const targets = Array.isArray(value.targets)
        ? value.targets.filter((t): t is string => typeof t === 'string')
        : [];
      catalogue.set(value.id, targets);
    }
  }
  return catalogue;
}

/** Where conditions appear in a scenario. */
const CONDITION_SITES = [
  'attacker.states[].next[].when',
  'attacker.states[].next[].unless',
  'attacker.rotate_on_block.unless',
  'injects[].when',
  'actions[].available_when',
  'containment.when',
  'end.when',
  'coach.hints[].when',
  'attacker.states[].access[].unless',
  'spreads[].unless',
];

/** Which namespace each condition test names. */
const CONDITION_REFS: Array<[key: string, kind: keyof Namespaces | 'component-or-compromised']> = [
  ['done', 'action'],
  ['target', 'component'],
  ['plan_step', 'plan step'],
  ['escalated', 'contact'],
  ['channel', 'channel'],
  ['isolated', 'component-or-compromised'],
  ['patched', 'component'],
  ['compromised', 'component'],
  ['snapshot', 'component'],
  ['restored', 'component'],
  ['credentials_reset', 'component'],
  ['waf_rule', 'WAF rule'],
  ['flag', 'flag'],
  ['attacker_in[]', 'attacker state'],
  ['attacker_reached', 'attacker state'],
  ['severity_at_least', 'severity'],
  ['notified', 'contact or recipient'],
  ['obligation_overdue', 'obligation'],
];

/** Scenario fields that name something: pattern -> namespace. */
const SCENARIO_REFS: Array<[pattern: string, kind: keyof Namespaces]> = [
  ['severity', 'severity'],
  ['category', 'incident category'],
  ['attacker.initial', 'attacker state'],
  ['attacker.states[].compromises[]', 'component'],
  ['attacker.states[].reaches_data[]', 'data class'],
  ['attacker.states[].severity', 'severity'],
  ['attacker.states[].next[].to', 'attacker state'],
  ['attacker.states[].clears[]', 'flag'],
  ['attacker.states[].leaves[].on', 'component'],
  ['attacker.states[].leaves[].reentry', 'attacker state'],
  ['attacker.states[].exposes[].works_on[]', 'component'],
  ['attacker.states[].exposes[].reentry', 'attacker state'],
  ['attacker.states[].access[].from', 'component'],
  ['attacker.states[].access[].to', 'component'],
  ['attacker.states[].access[].secret', 'secret'],
  ['attacker.states[].access[].artefact', 'artefact'],
  ['attacker.states[].evidence[].through', 'artefact'],
  ['attacker.states[].exploits[]', 'vulnerability'],
  ['spreads[].from', 'component'],
  ['spreads[].to[]', 'component'],
  ['spreads[].vulnerability', 'vulnerability'],
  ['spreads[].state', 'attacker state'],
  ['backups_compromised[].backup', 'backup'],
  ['backups_compromised[].state', 'attacker state'],
  ['architecture_overrides.components[].id', 'component'],
  ['injects[].source', 'component'],
  ['injects[].from', 'contact'],
  ['injects[].about[]', 'component'],
  ['injects[].raises_severity', 'severity'],
  ['injects[].reveals_data[]', 'data class'],
  ['replies[].contact', 'contact'],
  ['replies[].sets[]', 'flag'],
  ['channels_down[].channel', 'channel'],
  ['architecture_overrides.obligations[].id', 'obligation'],
  ['architecture_overrides.contacts[].backup', 'contact'],
  ['injects[].on_enter', 'attacker state'],
  ['injects[].on_action', 'action'],
  ['injects[].on_target', 'component'],
  ['actions[].targets[]', 'component'],
  ['expected[].action', 'action'],
  ['expected[].contact', 'contact'],
  ['expected[].channel', 'channel'],
  ['expected[].inject', 'inject'],
  ['tests[].expect.attacker_reached[]', 'attacker state'],
  ['tests[].expect.attacker_not_reached[]', 'attacker state'],
  ['tests[].expect.alerts[]', 'inject'],
  ['tests[].expect.data_reached[]', 'data class'],
  ['coach.hints[].plan_step', 'plan step'],
  ['coach.explanations[].action', 'action'],
  ['coach.explanations[].target', 'component'],
];

export function checkScenarioReferences(
  _scenario: Scenario | undefined,
  arch: Architecture,
  source: YamlSource,
  library: EvidenceLibrary = EMPTY_EVIDENCE_LIBRARY,
): Diagnostic[] {
  const raw = source.value;
  const check = new ReferenceChecker(source);
  const catalogue = rawActionCatalogue(arch, raw);
  const shared = architectureNamespaces(arch);
  const ns: Namespaces = {
    ...shared,
    // The contacts the scenario adds are contacts like the architecture's.
    contact: [...shared.contact, ...ids(raw, 'architecture_overrides.contacts[].id')],
    'attacker state': ids(raw, 'attacker.states[].id'),
    action: [...catalogue.keys()],
    inject: ids(raw, 'injects[].id'),
    'WAF rule': ids(raw, 'actions[].rule'),
    artefact: ids(raw, 'attacker.states[].leaves[].id'),
    secret: ids(raw, 'attacker.states[].exposes[].id'),
    // Flags come from actions and from the replies of contacts (a decision taken).
    flag: [...ids(raw, 'actions[].sets[]'), ...ids(raw, 'replies[].sets[]')],
    'contact or recipient': [],
  };
  ns['contact or recipient'] = [...ns.contact, ...RECIPIENTS];

  check.unique(raw, 'attacker.states', 'attacker state');
  check.unique(raw, 'replies', 'reply');
  check.unique(raw, 'injects', 'inject');
  check.unique(raw, 'actions', 'action');
  check.unique(raw, 'expected', 'expected response');
  check.unique(raw, 'tests', 'test');
  // Artefacts and secrets share one namespace: re-entry timers and actions name them by id.
  checkLeftoverIds(raw, check);
  checkDecisions(raw, check);

  for (const [pattern, kind] of SCENARIO_REFS) check.refs(raw, pattern, ns[kind], kind);
  check.unique(raw, 'architecture_overrides.contacts', 'contact');
  for (const { path } of select(raw, 'architecture_overrides.escalation_matrix{}')) {
    const severity = String(path[path.length - 1]);
    const at = `architecture_overrides.escalation_matrix.${severity}`;
    check.refs(raw, `${at}[].contact`, ns.contact, 'contact');
    check.refs(raw, `${at}[].channel`, ns.channel, 'channel');
    check.refs(raw, `${at}[].categories[]`, ns['incident category'], 'incident category');
  }
  check.refs(raw, 'architecture_overrides.escalation_matrix{}', ns.severity, 'severity');
  check.refs(raw, 'telemetry.red_herrings[].target', ns.component, 'component');
  checkEvidenceReferences(raw, check, ns, library);
  for (const { path, value } of select(raw, 'telemetry.rules[]'))
    checkRuleValue(value, path, arch, check);

  const checkCondition = (condition: Raw, path: PathSegment[]): void => {
    if (!isRecord(condition)) return;
    for (const [key, kind] of CONDITION_REFS) {
      for (const found of strings(condition, key)) {
        const valid =
          kind === 'component-or-compromised' ? [...ns.component, 'compromised'] : ns[kind];
        check.ref(
          [...path, ...found.path],
          found.value,
          valid,
          kind === 'component-or-compromised' ? 'component' : kind,
        );
      }
    }
    for (const child of select(condition, 'all[]'))
      checkCondition(child.value, [...path, ...child.path]);
    for (const child of select(condition, 'any[]'))
      checkCondition(child.value, [...path, ...child.path]);
    if (condition.not !== undefined) checkCondition(condition.not, [...path, 'not']);
  };
  for (const site of CONDITION_SITES) {
    for (const { path, value } of select(raw, site)) checkCondition(value, path);
  }

  // Targets must be among what the named action accepts.
  for (const { path, value } of select(raw, 'expected[]')) {
    if (isRecord(value) && typeof value.action === 'string' && typeof value.target === 'string') {
      const targets = catalogue.get(value.action);
      if (targets && targets.length)
        check.ref([...path, 'target'], value.target, targets, `target of ${value.action}`);
    }
  }
  checkTestReferences(raw, arch, catalogue, ns, check);

  for (const { path, value } of select(raw, 'actions[]')) {
    if (!isRecord(value) || typeof value.id !== 'string') continue;
    if (value.kind === undefined && !(value.id in TECHNICAL_ACTION_KINDS)) {
      const suggestion = closest(value.id, Object.keys(TECHNICAL_ACTION_KINDS));
      check.report([...path, 'id'], 'missing-kind', `action "${value.id}" needs a "kind"`, {
        expected: `a kind from: ${Object.keys(TECHNICAL_ACTION_KINDS).join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    if (value.id in BUILT_IN_ACTIONS || value.id.startsWith(PLAN_ACTION_PREFIX)) {
      check.report([...path, 'id'], 'reserved-id', `"${value.id}" is a built-in action id`, {
        expected: 'another id',
      });
    }
  }
  return dedupe(check.diagnostics);
}

/** The references inside `tests:` (of a scenario, or of a tests file beside it). */
function checkTestReferences(
  raw: Raw,
  arch: Architecture,
  catalogue: Map<string, string[]>,
  ns: Namespaces,
  check: ReferenceChecker,
): void {
  for (const [pattern, kind] of SCENARIO_REFS) {
    if (pattern.startsWith('tests[]')) check.refs(raw, pattern, ns[kind], kind);
  }
  for (const { path, value } of select(raw, 'tests[].actions')) {
    checkActionLogValue(
      value,
      arch,
      catalogue,
      ns.inject,
      (p, v, valid, what) => check.ref([...path, ...p], v, valid, what),
      ns.contact,
    );
  }
}

/** The contacts of the architecture and those the scenario adds (`architecture_overrides`). */
function scenarioContacts(arch: Architecture, scenario: Scenario): string[] {
  return [
    ...architectureNamespaces(arch).contact,
    ...(scenario.architecture_overrides?.contacts ?? []).map((c) => c.id),
  ];
}

/** Checks a tests file (`<id>.tests.yaml`) against the scenario it tests. */
export function checkScenarioTestsReferences(
  arch: Architecture,
  scenario: Scenario,
  source: YamlSource,
): Diagnostic[] {
  const raw = source.value;
  const check = new ReferenceChecker(source);
  const catalogue = rawActionCatalogue(arch, scenario);
  const ns: Namespaces = {
    ...architectureNamespaces(arch),
    contact: scenarioContacts(arch, scenario),
    'attacker state': scenario.attacker.states.map((s) => s.id),
    action: [...catalogue.keys()],
    inject: scenario.injects.map((i) => i.id),
    'WAF rule': scenario.actions.flatMap((a) => (a.rule ? [a.rule] : [])),
    artefact: scenario.attacker.states.flatMap((s) => s.leaves.map((l) => l.id)),
    secret: scenario.attacker.states.flatMap((s) => s.exposes.map((e) => e.id)),
    flag: [...scenario.actions.flatMap((a) => a.sets), ...scenario.replies.flatMap((r) => r.sets)],
    'contact or recipient': [],
  };
  check.unique(raw, 'tests', 'test');
  checkTestReferences(raw, arch, catalogue, ns, check);
  return dedupe(check.diagnostics);
}

type RefReporter = (
  path: PathSegment[],
  value: string,
  valid: readonly string[],
  what: string,
) => void;

function checkActionLogValue(
  entries: Raw,
  arch: Architecture,
  catalogue: Map<string, string[]>,
  injects: readonly string[],
  report: RefReporter,
  /** The contacts one may escalate to: the architecture's and the scenario's own. */
  contacts: readonly string[] = architectureNamespaces(arch).contact,
): void {
  if (!Array.isArray(entries)) return;
  const ns = architectureNamespaces(arch);
  entries.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const str = (key: string) =>
      typeof entry[key] === 'string' ? (entry[key] as string) : undefined;
    const action = str('do');
    if (action !== undefined) report([i, 'do'], action, [...catalogue.keys()], 'action');
    const targets = action !== undefined ? catalogue.get(action) : undefined;
    const target = str('target');
    if (target !== undefined)
      report(
        [i, 'target'],
        target,
        targets && targets.length ? targets : ns.component,
        action ? `target of ${action}` : 'component',
      );
    const contact = str('contact');
    if (contact !== undefined) report([i, 'contact'], contact, contacts, 'contact');
    const channel = str('channel');
    if (channel !== undefined) report([i, 'channel'], channel, ns.channel, 'channel');
    const severity = str('severity');
    if (severity !== undefined) report([i, 'severity'], severity, ns.severity, 'severity');
    const inject = str('inject');
    if (inject !== undefined) report([i, 'inject'], inject, injects, 'inject');
  });
}

/** Checks an action script (its raw `actions` list at `basePath`) against a scenario. */
export function checkActionLogFile(
  arch: Architecture,
  scenario: Scenario,
  source: YamlSource,
  basePath: PathSegment[],
): Diagnostic[] {
  const check = new ReferenceChecker(source);
  const entries = basePath.reduce<Raw>(
    (node, key) => (isRecord(node) ? node[String(key)] : undefined),
    source.value,
  );
  checkActionLogValue(
    entries,
    arch,
    rawActionCatalogue(arch, scenario),
    scenario.injects.map((i) => i.id),
    (p, v, valid, what) => check.ref([...basePath, ...p], v, valid, what),
    scenarioContacts(arch, scenario),
  );
  return dedupe(check.diagnostics);
}

/** Artefact and secret ids are unique across every state's `leaves` and `exposes`. */
function checkLeftoverIds(raw: Raw, check: ReferenceChecker): void {
  const seen = new Set<string>();
  for (const pattern of ['attacker.states[].leaves[].id', 'attacker.states[].exposes[].id'])
    for (const { path, value } of strings(raw, pattern)) {
      if (seen.has(value))
        check.report(path, 'duplicate-id', `duplicate artefact or secret id "${value}"`, {
          expected: 'each id once across leaves and exposes',
        });
      seen.add(value);
    }
}
