import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkActionScriptText,
  checkArchitectureText,
  checkScenarioFile,
  checkScenarioText,
  formatDiagnostic,
  LIMITS,
  type Diagnostic,
} from '../../src/model/index.js';
import {
  architecture,
  ARCHITECTURE_FILE,
  defaultScenario,
  ROOT,
  scenarioVariant,
} from '../helpers.js';

const arch = architecture();
const check = (text: string) => checkScenarioText('broken.yaml', text, arch);
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('architecture.yaml', () => {
  it('models every component of the source text, plus the log collector and SIEM', () => {
    const ids = arch.components.map((c) => c.id);
    for (const id of [
      'FW1',
      'FW2',
      'IPS1',
      'WAF1',
      'LB1',
      'LB2',
      'FEServ1',
      'FEServ2',
      'FEServ3',
      'BEServ1',
      'BEServ2',
      'BEServ3',
      'DB1',
      'DB2',
      'LDAP1',
      'EBUS1',
      'LOG1',
      'SIEM1',
    ]) {
      expect(ids).toContain(id);
    }
    const fe = arch.components.find((c) => c.id === 'FEServ1')!;
    expect(fe.os).toBe('CentOS 7');
    expect(fe.stack.join(' ')).toMatch(/nginx.*PHP/);
    expect(arch.components.find((c) => c.id === 'DB1')!.data).toContain('personal-data');
  });

  it('has the reachability chain internet -> FW1 -> IPS1 -> WAF1 -> LB -> FE -> FW2 -> BE -> DB/LDAP/EBUS', () => {
    const reaches = (id: string) => arch.components.find((c) => c.id === id)!.reaches;
    expect(reaches('FW1')).toEqual(['IPS1']);
    expect(reaches('IPS1')).toEqual(['WAF1']);
    expect(reaches('WAF1')).toEqual(['LB1', 'LB2']);
    expect(reaches('LB1')).toEqual(['FEServ1', 'FEServ2', 'FEServ3']);
    expect(reaches('FEServ2')).toEqual(['FW2']);
    expect(reaches('FW2')).toEqual(['BEServ1', 'BEServ2', 'BEServ3']);
    expect(reaches('BEServ3')).toEqual(['DB1', 'DB2', 'LDAP1', 'EBUS1']);
  });

  it('carries business value, severities, escalation matrix, contacts, vulnerabilities, baselines and the 11-step plan', () => {
    expect(arch.business.revenue_per_hour).toBe(1000);
    expect(arch.emergency_plan).toHaveLength(11);
    expect(arch.emergency_plan.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(arch.contacts.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'snow',
        'duck',
        'skywalker',
        'mouse',
        'epp-provider',
        'soc-provider',
        'infra-team',
        'pr-dept',
        'upper-mgmt',
      ]),
    );
    // The organisation's own people at acme.example; the outside parties (acquirer, insurer,
    // authorities) at their own domains.
    expect(
      arch.contacts
        .filter((c) => c.recipient === undefined)
        .every((c) => c.email.endsWith('acme.example')),
    ).toBe(true);
    expect(arch.contacts.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'dpo',
        'ciso',
        'acquirer',
        'scrubbing-provider',
        'insurer',
        'police',
      ]),
    );
    expect(arch.lockdown_thresholds).toMatchObject({ minor: 'degraded', major: 'lockdown' });
    expect(Object.keys(arch.escalation_matrix)).toEqual(arch.severities.map((s) => s.id));
    expect(arch.vulnerabilities.find((v) => v.cve === 'CVE-2014-3704')!.components).toEqual([
      'FEServ3',
    ]);
    expect(
      arch.vulnerabilities.some((v) => v.kind === 'rce' && v.components.includes('FEServ1')),
    ).toBe(true);
    const staticMedia = arch.baselines.find((b) => b.path === '/media/static')!;
    expect(new RegExp(staticMedia.naming_convention!).test('hero-banner-0a1b2c3d.jpg')).toBe(true);
    expect(new RegExp(staticMedia.naming_convention!).test('thumb.php')).toBe(false);
  });

  it('reports a reference to an unknown component in the architecture itself', () => {
    const text = readFileSync(ARCHITECTURE_FILE, 'utf8').replace(
      'reaches: [IPS1]',
      'reaches: [IPS9]',
    );
    const result = checkArchitectureText('arch.yaml', text);
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'unknown-reference',
      suggestion: 'IPS1',
      line: lineOf(text, 'reaches: [IPS9]'),
    });
  });
});

describe('scenario loader errors', () => {
  it('reports an unknown component, an unknown action and a wrong type in one run, each located', () => {
    const file = `${ROOT}test/fixtures/invalid/three-errors.yaml`;
    const text = readFileSync(file, 'utf8');
    const { loaded, diagnostics } = checkScenarioFile(file, arch);
    expect(loaded).toBeUndefined();
    expect(diagnostics).toHaveLength(3);
    const byCode = Object.fromEntries(
      diagnostics.map((d) => [d.message.split(' ').slice(0, 2).join(' '), d]),
    );
    expect(diagnostics.map((d) => d.line).sort((a, b) => a - b)).toEqual([
      lineOf(text, 'FEServ9'),
      lineOf(text, 'objective: yes'),
      lineOf(text, 'isolate-hots'),
    ]);
    expect(byCode['unknown component']).toMatchObject({ suggestion: 'FEServ1', column: 21 });
    expect(byCode['unknown action']).toMatchObject({ suggestion: 'isolate-host' });
    expect(diagnostics.find((d) => d.code === 'wrong-type')).toMatchObject({
      expected: 'a boolean',
    });
    for (const d of diagnostics)
      expect(formatDiagnostic(d)).toMatch(/^\/.*three-errors\.yaml:\d+:\d+: error/);
  });

  it('suggests the closest key for a typo in a key', () => {
    const text = scenarioVariant((doc) => {
      doc.sumary = doc.summary;
      delete doc.summary;
    });
    const ds = check(text).diagnostics;
    expect(codes(ds)).toEqual(['missing-key', 'unknown-key']);
    expect(ds[1]).toMatchObject({ suggestion: 'summary', line: lineOf(text, 'sumary:') });
  });

  it('explains a bad duration', () => {
    const text = scenarioVariant((doc) => {
      (doc.end as Record<string, unknown>).time_limit = '4 hours';
    });
    const [d] = check(text).diagnostics;
    expect(d).toMatchObject({ code: 'invalid-format', expected: expect.stringContaining('15m') });
    expect(d!.line).toBe(lineOf(text, '4 hours'));
  });

  it('reports an invalid enum value with a suggestion', () => {
    const text = scenarioVariant((doc) => {
      doc.difficulty = 'hrad';
    });
    expect(check(text).diagnostics[0]).toMatchObject({ code: 'invalid-value', suggestion: 'hard' });
  });

  it('reports a YAML syntax error with its position', () => {
    const ds = check('id: x\ntitle: [unclosed\nsummary: y\n').diagnostics;
    expect(ds[0]).toMatchObject({ code: 'yaml-syntax', file: 'broken.yaml' });
    expect(ds[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys', () => {
    const ds = check('id: a\nid: b\n').diagnostics;
    expect(ds[0]).toMatchObject({ code: 'duplicate-key', line: 2 });
  });

  it('refuses alias bombs, deep nesting, binary files and oversized files', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? 'a' : `b${i - 1}`;
        return `b${i}: &b${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
    ].join('\n');
    expect(codes(check(bomb).diagnostics)).toEqual(['alias-limit']);
    const deep = `${'a:\n'.split('').length ? Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') : ''} 1\n`;
    expect(codes(check(deep).diagnostics)).toEqual(['too-deep']);
    expect(codes(check('id: x\u0000y').diagnostics)).toEqual(['binary-file']);
    expect(LIMITS.maxFileBytes).toBe(1024 * 1024);
  });

  it('treats __proto__ and constructor as unknown keys without polluting prototypes', () => {
    const text = scenarioVariant((doc) => {
      Object.defineProperty(doc, '__proto__', { value: { polluted: true }, enumerable: true });
    });
    const ds = check(text).diagnostics;
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      code: 'unknown-key',
      message: expect.stringContaining('__proto__'),
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips control characters from messages and source lines', () => {
    const text = scenarioVariant((doc) => {
      doc.difficulty = 'x\u001b]52;c;ZXZpbA==\u0007';
    });
    const rendered = check(text)
      .diagnostics.map((d) => formatDiagnostic(d))
      .join('\n');
    // eslint-disable-next-line no-control-regex
    expect(rendered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(rendered).toContain('x]52;c;ZXZpbA==');
  });

  it('accepts the default scenario without diagnostics', () => {
    expect(defaultScenario().id).toBe('fe-bash-rce');
  });
});

describe('action scripts', () => {
  const scenario = defaultScenario();
  it('accepts a bare list and a document with seed', () => {
    const list = checkActionScriptText(
      'a.yaml',
      '- { at: 5m, do: plan.confirm }\n',
      arch,
      scenario,
    );
    expect(list.loaded?.model.actions).toEqual([{ at: 300_000, do: 'plan.confirm' }]);
    const doc = checkActionScriptText(
      'a.yaml',
      'seed: 9\nactions:\n  - { at: 1h, do: end }\n',
      arch,
      scenario,
    );
    expect(doc.loaded?.model).toMatchObject({ seed: 9, actions: [{ at: 3_600_000, do: 'end' }] });
  });

  it('locates unknown actions and targets that the action does not take', () => {
    const text =
      '- { at: 5m, do: isolate-hosts, target: FEServ1 }\n- { at: 6m, do: block-ip, target: DB1 }\n';
    const ds = checkActionScriptText('a.yaml', text, arch, scenario).diagnostics;
    expect(ds.map((d) => [d.line, d.code, d.suggestion])).toEqual([
      [1, 'unknown-reference', 'isolate-host'],
      [2, 'unknown-reference', undefined],
    ]);
  });
});
