import {
  parseCondition,
  type Architecture,
  type ConditionNode,
  type DetectionRule,
} from '../../model/index.js';
import type { Fields } from './parseLine.js';

type Matcher = (fields: Fields) => boolean;

/** A rule ready to run: its condition tree and one matcher per selection. */
export interface CompiledRule {
  rule: DetectionRule;
  matches: Matcher;
  /** Alerts are grouped per rule and component within this many ms. */
  groupMs: number;
}

function baselineTest(arch: Architecture, id: string): (value: string) => boolean {
  const baseline = arch.baselines.find((b) => b.id === id);
  const naming = baseline?.naming_convention ? new RegExp(baseline.naming_convention) : undefined;
  const extensions = baseline?.allowed_extensions?.map((e) => e.toLowerCase());
  return (value) => {
    const name = value.split('?')[0]!.split('/').pop() ?? '';
    const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    return (!naming || naming.test(name)) && (!extensions || extensions.includes(ext));
  };
}

function fieldMatcher(arch: Architecture, key: string, expected: unknown): Matcher {
  const [field = '', modifier = 'equals'] = key.split('|');
  const values = (Array.isArray(expected) ? expected : [expected]) as Array<
    string | number | boolean
  >;
  let test: (actual: string | number | boolean) => boolean;
  switch (modifier) {
    case 'contains':
      test = (a) => values.some((v) => String(a).includes(String(v)));
      break;
    case 'startswith':
      test = (a) => values.some((v) => String(a).startsWith(String(v)));
      break;
    case 'endswith':
      test = (a) => values.some((v) => String(a).endsWith(String(v)));
      break;
    case 're': {
      const patterns = values.map((v) => new RegExp(String(v)));
      test = (a) => patterns.some((p) => p.test(String(a)));
      break;
    }
    case 'baseline': {
      const tests = values.map((v) => baselineTest(arch, String(v)));
      test = (a) => tests.some((t) => t(String(a)));
      break;
    }
    default:
      test = (a) => values.some((v) => String(a) === String(v));
  }
  return (fields) => {
    const actual = fields[field];
    return actual !== undefined && test(actual);
  };
}

function evaluate(node: ConditionNode, selections: Map<string, Matcher>, fields: Fields): boolean {
  switch (node.op) {
    case 'ref':
      return selections.get(node.name)?.(fields) ?? false;
    case 'not':
      return !evaluate(node.arg, selections, fields);
    case 'and':
      return node.args.every((a) => evaluate(a, selections, fields));
    case 'or':
      return node.args.some((a) => evaluate(a, selections, fields));
  }
}

/** Compiles a validated rule (the loader has checked its condition, fields and expressions). */
export function compileRule(arch: Architecture, rule: DetectionRule): CompiledRule {
  const selections = new Map<string, Matcher>();
  let condition: ConditionNode = { op: 'or', args: [] };
  for (const [name, value] of Object.entries(rule.detection)) {
    if (name === 'condition') {
      const parsed = parseCondition(String(value));
      if ('node' in parsed) condition = parsed.node;
      continue;
    }
    if (typeof value === 'string') continue;
    const matchers = Object.entries(value).map(([key, expected]) =>
      fieldMatcher(arch, key, expected),
    );
    selections.set(name, (fields) => matchers.every((m) => m(fields)));
  }
  const components = rule.logsource.components;
  return {
    rule,
    groupMs: rule.group_by_window ?? 600_000,
    matches: (fields) =>
      (!components || components.includes(String(fields.component))) &&
      evaluate(condition, selections, fields),
  };
}
