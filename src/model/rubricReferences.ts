import type { Architecture } from './architectureSchema.js';
import { dedupe, ReferenceChecker, select, strings } from './crossReferences.js';
import type { Diagnostic } from './diagnostic.js';
import { PLAN_ROLE_IDS } from './roles.js';
import type { Rubric } from './rubricSchema.js';
import type { YamlSource } from './yamlSource.js';
import { parseDuration } from './duration.js';

/** Targets given per severity, by pattern: each must name every severity, and nothing else. */
const PER_SEVERITY = [
  'dimensions.time-to-detect.targets',
  'dimensions.time-to-escalate.targets',
  'dimensions.time-to-contain.targets',
  'dimensions.impact.revenue.targets',
];

const msOf = (v: unknown, key: 'target' | 'limit'): number | undefined => {
  if (v === null || typeof v !== 'object') return undefined;
  const raw = (v as Record<string, unknown>)[key];
  if (typeof raw === 'number') return raw;
  return typeof raw === 'string' ? parseDuration(raw) : undefined;
};

/**
 * A worse incident never gets more time (revenue allowances may grow: a lockdown is justified): each severity's target and limit are at most those of
 * the severity below it (architecture order, least severe first). Equal is allowed.
 */
function checkTightening(
  check: ReferenceChecker,
  path: Array<string | number>,
  table: Record<string, unknown>,
  severities: string[],
): void {
  const present = severities.filter((s) => table[s] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const lower = present[i - 1]!;
    const higher = present[i]!;
    for (const key of ['target', 'limit'] as const) {
      const a = msOf(table[lower], key);
      const b = msOf(table[higher], key);
      if (a !== undefined && b !== undefined && b > a) {
        check.report(
          [...path, higher, key],
          'loosening-target',
          `the ${key} for ${higher} is longer than for ${lower}: a worse incident may not get more time`,
          {
            expected: `at most the ${key} for ${lower}`,
          },
        );
      }
    }
  }
}

/**
 * A rubric names severities and contacts of an architecture, and plan step roles (so that one
 * rubric fits every architecture's plan); every name is checked
 * on the raw value (like scenarios), and a per-severity table must cover every severity so that
 * no drill can fall through to an undefined target.
 */
export function checkRubricReferences(
  _rubric: Rubric | undefined,
  arch: Architecture,
  source: YamlSource,
): Diagnostic[] {
  const raw = source.value;
  const check = new ReferenceChecker(source);
  const severities = arch.severities.map((s) => s.id);
  for (const pattern of PER_SEVERITY) {
    for (const { path, value } of select(raw, pattern)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const given = Object.keys(value);
      for (const key of given) check.ref([...path, key], key, severities, 'severity');
      const missing = severities.filter((s) => !given.includes(s));
      if (missing.length) {
        check.report(path, 'missing-severity', `no target for severity ${missing.join(', ')}`, {
          expected: `a target for every severity (${severities.join(', ')})`,
        });
      }
      if (!pattern.startsWith('dimensions.impact'))
        checkTightening(check, path, value as Record<string, unknown>, severities);
    }
  }
  check.refs(
    raw,
    'dimensions.escalation.sensitive_contacts[]',
    arch.contacts.map((c) => c.id),
    'contact',
  );
  for (const { path, value } of select(raw, 'dimensions.plan.steps')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [step, rule] of Object.entries(value)) {
      check.ref([...path, step], step, PLAN_ROLE_IDS, 'plan step role');
      for (const found of strings(rule, 'required_from'))
        check.ref([...path, step, ...found.path], found.value, severities, 'severity');
    }
  }
  check.refs(raw, 'dimensions.plan.in_order[]', PLAN_ROLE_IDS, 'plan step role');
  return dedupe(check.diagnostics);
}
