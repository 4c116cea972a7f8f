import type { Architecture } from './architectureSchema.js';
import { isRecord, ReferenceChecker, strings } from './crossReferences.js';
import { conditionRefs, parseCondition } from './detectionCondition.js';
import {
  COMMON_FIELDS,
  FIELD_MODIFIERS,
  LOG_FIELDS,
  type LogSource,
} from './detectionRuleSchema.js';
import type { Diagnostic } from './diagnostic.js';
import type { PathSegment, YamlSource } from './yamlSource.js';

/**
 * What the schema cannot say about a detection rule: the condition parses and names declared
 * selections, fields exist for the log source, regular expressions compile, baselines and
 * components exist. Works on the raw value, so schema errors and these come in one run.
 */
export function checkRuleValue(
  raw: unknown,
  base: PathSegment[],
  arch: Architecture,
  check: ReferenceChecker,
): void {
  if (!isRecord(raw)) return;
  const source = isRecord(raw.logsource) ? raw.logsource.source : undefined;
  const fields: readonly string[] =
    typeof source === 'string' && source in LOG_FIELDS
      ? [...LOG_FIELDS[source as LogSource], ...COMMON_FIELDS]
      : [];
  const components = arch.components.map((c) => c.id);
  for (const found of strings(raw, 'logsource.components[]'))
    check.ref([...base, ...found.path], found.value, components, 'component');

  const detection = raw.detection;
  if (!isRecord(detection)) return;
  const names = Object.keys(detection).filter((k) => k !== 'condition');
  if (typeof detection.condition !== 'string') {
    check.report([...base, 'detection'], 'missing-condition', 'the detection has no condition', {
      expected:
        'condition: a boolean expression of the selections, e.g. "selection and not filter"',
    });
  } else {
    const parsed = parseCondition(detection.condition);
    if ('error' in parsed) {
      check.report([...base, 'detection', 'condition'], 'bad-condition', parsed.error, {
        expected: 'selection names joined by and, or, not and parentheses',
      });
    } else {
      const used = conditionRefs(parsed.node);
      for (const name of used)
        check.ref([...base, 'detection', 'condition'], name, names, 'selection');
      for (const name of names.filter((n) => !used.includes(n)))
        check.report(
          [...base, 'detection', name],
          'unused-selection',
          `selection "${name}" is not used in the condition`,
          {
            severity: 'warning',
          },
        );
    }
  }
  const baselines = arch.baselines
    .filter((b) => b.naming_convention !== undefined || b.allowed_extensions !== undefined)
    .map((b) => b.id);
  for (const name of names) {
    const selection = detection[name];
    if (!isRecord(selection)) {
      check.report(
        [...base, 'detection', name],
        'bad-selection',
        `selection "${name}" is not a map of fields`,
        {
          expected: 'a map such as { path|startswith: /media/static/ }',
        },
      );
      continue;
    }
    for (const [key, value] of Object.entries(selection)) {
      const path = [...base, 'detection', name, key];
      const [field = '', modifier = 'equals'] = key.split('|');
      if (fields.length) check.ref(path, field, fields, `field of ${String(source)}`);
      if (!FIELD_MODIFIERS.includes(modifier))
        check.ref(path, modifier, FIELD_MODIFIERS, 'modifier');
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v, i) => {
        const at = Array.isArray(value) ? [...path, i] : path;
        if (modifier === 're') {
          try {
            new RegExp(String(v));
          } catch (error) {
            check.report(
              at,
              'bad-regex',
              `invalid regular expression: ${(error as Error).message}`,
              {
                expected: 'a JavaScript regular expression',
              },
            );
          }
        }
        if (modifier === 'baseline')
          check.ref(at, String(v), baselines, 'baseline with a naming convention');
      });
    }
  }
}

/** Reference problems of a rule file. */
export function checkRuleReferences(arch: Architecture, source: YamlSource): Diagnostic[] {
  const check = new ReferenceChecker(source);
  checkRuleValue(source.value, [], arch, check);
  return check.diagnostics;
}
