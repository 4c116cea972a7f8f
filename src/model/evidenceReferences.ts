import type { ReferenceChecker } from './crossReferences.js';
import { isRecord, select } from './crossReferences.js';
import { parameterDefaults, type EvidenceLibrary } from './evidenceTemplates.js';
import type { PathSegment } from './yamlSource.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ENDPOINT_WORDS = ['attacker', 'internet'];

/** The ids injects may name: items' ids, `use:` ids and the ids their templates expand to. */
export function evidenceIds(raw: unknown, library: EvidenceLibrary): string[] {
  const out: string[] = [];
  for (const { value } of select(raw, 'attacker.states[].evidence[]')) {
    if (!isRecord(value)) continue;
    if (typeof value.id === 'string') out.push(value.id);
    const template = typeof value.use === 'string' ? library.templates.get(value.use) : undefined;
    if (template && typeof value.id === 'string') {
      template.evidence.forEach((item, i) => {
        const own = isRecord(item) && typeof item.id === 'string' ? item.id : String(i + 1);
        out.push(`${value.id as string}.${own}`);
      });
    } else if (template) {
      for (const item of template.evidence)
        if (isRecord(item) && typeof item.id === 'string') out.push(item.id);
    }
  }
  return out;
}

/** Checks the evidence of a scenario's attacker states and the injects' `evidence:` references. */
export function checkEvidenceReferences(
  raw: unknown,
  check: ReferenceChecker,
  ns: { component: string[]; 'WAF rule': string[] },
  library: EvidenceLibrary,
): void {
  const templateIds = [...library.templates.keys()];
  const endpoint = (path: PathSegment[], value: unknown, what: string) => {
    if (typeof value !== 'string' || IPV4.test(value) || ENDPOINT_WORDS.includes(value)) return;
    check.ref(path, value, [...ENDPOINT_WORDS, ...ns.component], what);
  };
  for (const { path, value } of select(raw, 'attacker.states[].evidence[]')) {
    if (!isRecord(value)) continue;
    if (typeof value.on === 'string')
      check.ref([...path, 'on'], value.on, ns.component, 'component');
    endpoint([...path, 'from'], value.from, 'source');
    endpoint([...path, 'to'], value.to, 'peer');
    if (typeof value.client === 'string') endpoint([...path, 'client'], value.client, 'client');
    if (typeof value.waf_rule === 'string')
      check.ref([...path, 'waf_rule'], value.waf_rule, ns['WAF rule'], 'WAF rule');
    if (typeof value.use === 'string') {
      check.ref([...path, 'use'], value.use, templateIds, 'evidence template');
      const template = library.templates.get(value.use);
      if (template && isRecord(value.with)) {
        const parameters = Object.keys(parameterDefaults(template));
        for (const name of Object.keys(value.with))
          check.ref([...path, 'with', name], name, parameters, `parameter of ${template.id}`);
      }
      const itemsOn = template?.evidence.every((item) => isRecord(item) && item.on !== undefined);
      if (template && value.on === undefined && !itemsOn)
        check.report(path, 'missing-on', `"use: ${value.use}" needs "on"`, {
          expected: 'on: <the component where it happens>',
        });
    } else if (value.kind !== undefined && value.on === undefined) {
      check.report(path, 'missing-on', `evidence item of kind "${String(value.kind)}" needs "on"`, {
        expected: 'on: <the component where it happens>',
      });
    }
  }
  check.unique(raw, 'attacker.states[].evidence', 'evidence item');
  check.refs(raw, 'injects[].evidence[]', evidenceIds(raw, library), 'evidence item');
}
