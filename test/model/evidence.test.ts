import { describe, expect, it } from 'vitest';
import {
  checkEvidenceTemplateText,
  checkScenarioText,
  shippedEvidenceLibrary,
  stateEvidence,
  type Diagnostic,
} from '../../src/model/index.js';
import { architecture, scenarioVariant } from '../helpers.js';

const arch = architecture();
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const withEvidence = (evidence: unknown[], injectRefs?: string[]) =>
  scenarioVariant((doc: Doc) => {
    doc.attacker.states[1].evidence = evidence;
    for (const inject of doc.injects) delete inject.evidence;
    if (injectRefs) doc.injects[0].evidence = injectRefs;
  });
const check = (text: string) => checkScenarioText('s.yaml', text, arch);

describe('evidence in attacker states', () => {
  it('accepts concrete items of every kind and expands templates in place', () => {
    const checked = check(
      withEvidence(
        [
          { id: 'cmd', kind: 'process', on: 'FEServ1', command: 'id', at: '40s' },
          { id: 'x', use: 'php-fpm-cve-2019-11043', on: 'FEServ1', with: { requests: 5 } },
        ],
        ['cmd', 'x', 'x.exploit-requests'],
      ),
    );
    expect(checked.diagnostics).toEqual([]);
    const state = checked.loaded!.model.attacker.states[1]!;
    const items = stateEvidence(state);
    expect(items.map((i) => i.id)).toEqual(['cmd', 'x.exploit-requests', 'x.payload-check']);
    expect(items[1]).toMatchObject({ kind: 'http', on: 'FEServ1', count: 5, group: 'x' });
    expect(items[1]!.template).toBe('php-fpm-cve-2019-11043');
    expect(items[0]!.at).toBe(40_000);
  });

  it('locates an unknown kind and suggests the closest', () => {
    const text = withEvidence([{ kind: 'procss', on: 'FEServ1', command: 'id' }]);
    const { diagnostics } = check(text);
    expect(diagnostics[0]).toMatchObject({ code: 'invalid-value', suggestion: 'process' });
    expect(diagnostics[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('procss')) + 1);
  });

  it('names the keys of the right kind for an unknown key', () => {
    const { diagnostics } = check(
      withEvidence([{ kind: 'dns', on: 'FEServ1', name: 'x.example', typ: 'TXT' }]),
    );
    expect(diagnostics[0]).toMatchObject({ code: 'unknown-key', suggestion: 'type' });
  });

  it('reports an unknown template, parameter, component and inject reference with did-you-mean', () => {
    const { diagnostics } = check(
      withEvidence(
        [
          { use: 'nikto-scna', on: 'FEServ1' },
          { use: 'nikto-scan', on: 'FEServ9', with: { reqests: 3 } },
          { id: 'c1', kind: 'process', command: 'id' },
        ],
        ['c2'],
      ),
    );
    const suggestions = diagnostics.map((d) => d.suggestion);
    expect(codes(diagnostics)).toEqual(expect.arrayContaining(['unknown-reference', 'missing-on']));
    expect(suggestions).toEqual(
      expect.arrayContaining(['nikto-scan', 'requests', 'FEServ1', 'c1']),
    );
  });

  it('rejects a parameter value the template item cannot take, at the use item', () => {
    const text = withEvidence([{ use: 'nikto-scan', on: 'FEServ1', with: { requests: 'many' } }]);
    const { diagnostics, loaded } = check(text);
    expect(loaded).toBeUndefined();
    expect(diagnostics[0]!.message).toMatch(/template nikto-scan/);
  });

  it('keeps deprecated inject lines accepted', () => {
    expect(check(withEvidence([])).loaded).toBeDefined();
  });
});

describe('evidence templates', () => {
  it('ships templates that load without problems', () => {
    const library = shippedEvidenceLibrary();
    expect(library.diagnostics).toEqual([]);
    expect([...library.templates.keys()]).toEqual(
      expect.arrayContaining(['nikto-scan', 'php-fpm-cve-2019-11043', 'php-web-shell']),
    );
  });

  const template = (evidence: string) =>
    [
      'id: t1',
      'title: T',
      'description: d',
      'parameters:',
      '  n: { description: how many, default: 3 }',
      'evidence:',
      evidence,
    ].join('\n');

  it('checks items with the defaults filled in, located in the template', () => {
    const { diagnostics } = checkEvidenceTemplateText(
      't1.yaml',
      template('  - kind: http\n    count: "{{n}}"\n    stauts: 200\n    path: /'),
    );
    expect(diagnostics[0]).toMatchObject({ code: 'unknown-key', line: 9 });
  });

  it('reports an unknown placeholder with did-you-mean', () => {
    const { diagnostics } = checkEvidenceTemplateText(
      't1.yaml',
      template('  - kind: http\n    path: /\n    count: "{{m}}"'),
    );
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/unknown parameter "\{\{m\}\}"/);
  });

  it('wants the id to match the file name', () => {
    const { diagnostics } = checkEvidenceTemplateText(
      't2.yaml',
      template('  - kind: http\n    path: /'),
    );
    expect(codes(diagnostics)).toEqual(['wrong-id']);
  });
});
