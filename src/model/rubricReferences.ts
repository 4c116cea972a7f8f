import type { Architecture } from './architectureSchema.js';
import { dedupe, ReferenceChecker, select, strings } from './crossReferences.js';
import type { Diagnostic } from './diagnostic.js';
import { PLAN_ROLE_IDS } from './roles.js';
import type { Rubric } from './rubricSchema.js';
import type { YamlSource } from './yamlSource.js';

/** Targets given per severity, by pattern: each must name every severity, and nothing else. */
const PER_SEVERITY = [
  'dimensions.time-to-detect.targets',
  'dimensions.time-to-escalate.targets',
  'dimensions.time-to-contain.targets',
  'dimensions.impact.revenue.targets',
];

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
