import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEvidenceTemplateText, lintScenario } from '../../src/authoring/index.js';
import { lintFiles } from '../../src/cli/commands/lint.js';
import {
  checkScenarioText,
  listEvidenceFiles,
  orThrow,
  PINNED_ATTACK_VERSION,
  pinnedAttackCatalog,
  pinnedAttackFile,
  techniqueOfUrl,
  techniqueProblem,
  type AttackCatalog,
} from '../../src/model/index.js';
import { architecture, DEFAULT_SCENARIO_FILE, ROOT, scenarioVariant } from '../helpers.js';

const pinned = pinnedAttackCatalog();

/** A catalog in which T1190 was revoked in favour of T1210 and T1505.003 deprecated. */
const retired: AttackCatalog = {
  ...pinned,
  techniques: {
    ...pinned.techniques,
    T1190: { name: 'Exploit Public-Facing Application', status: 'revoked', revoked_by: 'T1210' },
    'T1505.003': { name: 'Web Shell', status: 'deprecated' },
  },
};

describe('the pinned ATT&CK technique list', () => {
  it('is ATT&CK Enterprise v18.0 with its source, one entry per technique and sub-technique', () => {
    expect(PINNED_ATTACK_VERSION).toBe('18.0');
    expect(pinnedAttackFile()).toMatch(/data\/attack\/enterprise-attack-18\.0\.json$/);
    expect(pinned).toMatchObject({ domain: 'enterprise-attack', version: '18.0' });
    expect(pinned.source).toMatch(/mitre-attack\/attack-stix-data.*enterprise-attack-18\.0\.json$/);
    const ids = Object.keys(pinned.techniques);
    expect(ids.length).toBe(691);
    expect(ids.every((id) => /^T\d{4}(\.\d{3})?$/.test(id))).toBe(true);
    // Every sub-technique has its parent technique in the list.
    expect(ids.filter((id) => id.includes('.') && !pinned.techniques[id.slice(0, 5)])).toEqual([]);
  });

  it('names the techniques the issue is about as ATT&CK does', () => {
    const name = (id: string) => pinned.techniques[id]?.name;
    expect(name('T1048.002')).toBe('Exfiltration Over Asymmetric Encrypted Non-C2 Protocol');
    expect(name('T1048.003')).toBe('Exfiltration Over Unencrypted Non-C2 Protocol');
    expect(name('T1036.007')).toBe('Double File Extension');
    expect(name('T1036.008')).toBe('Masquerade File Type');
    expect(name('T1213.006')).toBe('Databases');
    expect(name('T1210')).toBe('Exploitation of Remote Services');
    expect(name('T1136.001')).toBe('Local Account');
    expect(name('T1136.003')).toBe('Cloud Account');
    expect(name('T1486')).toBe('Data Encrypted for Impact');
  });
});

describe('techniqueProblem', () => {
  it('accepts an active technique', () => {
    expect(techniqueProblem(pinned, 'T1048.002')).toBeUndefined();
    expect(techniqueProblem(pinned, 'T1048')).toBeUndefined();
  });

  it('names the parent of a sub-technique that does not exist, and its real sub-techniques', () => {
    const problem = techniqueProblem(pinned, 'T1048.004')!;
    expect(problem.message).toBe(
      'T1048.004 is not in ATT&CK Enterprise v18.0: T1048 Exfiltration Over Alternative Protocol has no sub-technique .004',
    );
    expect(problem.expected).toContain('T1048.003 Exfiltration Over Unencrypted Non-C2 Protocol');
  });

  it('reports an id that is no technique at all', () => {
    expect(techniqueProblem(pinned, 'T1000')!.message).toBe(
      'T1000 is not a technique of ATT&CK Enterprise v18.0 (unknown, or retired before it)',
    );
  });

  it('names a revoked technique and the one that replaced it; a deprecated one', () => {
    expect(techniqueProblem(retired, 'T1190')).toEqual({
      message:
        'T1190 Exploit Public-Facing Application is revoked in ATT&CK Enterprise v18.0: it became T1210 Exploitation of Remote Services',
      expected: 'T1210',
    });
    expect(techniqueProblem(retired, 'T1505.003')!.message).toBe(
      'T1505.003 Server Software Component: Web Shell is deprecated in ATT&CK Enterprise v18.0: it is no longer maintained',
    );
  });

  it('reads the id of an attack.mitre.org technique page', () => {
    expect(techniqueOfUrl('https://attack.mitre.org/techniques/T1048/002/')).toBe('T1048.002');
    expect(techniqueOfUrl('https://attack.mitre.org/techniques/T1190/')).toBe('T1190');
    expect(techniqueOfUrl('https://www.drupal.org/PSA-2014-003')).toBeUndefined();
  });
});

describe('ttx lint: ATT&CK ids', () => {
  const arch = architecture();
  const lintWith = (text: string, catalog: AttackCatalog) => {
    const checked = checkScenarioText(DEFAULT_SCENARIO_FILE, text, arch);
    const scenario = orThrow(checked).model;
    return lintScenario(arch, scenario, checked.source!, undefined, catalog).filter(
      (d) => d.code === 'unknown-technique',
    );
  };

  it('checks attack:, every state`s techniques and the ATT&CK references, each where it is written', () => {
    const text = scenarioVariant((doc) => {
      (doc.attack as string[]).push('T1071.006');
      const states = (doc.attacker as { states: Array<{ id: string; techniques: string[] }> })
        .states;
      states.find((s) => s.id === 'data-access')!.techniques = ['T1005.001'];
      (doc.references as string[]).push('https://attack.mitre.org/techniques/T9999/');
    });
    const found = lintWith(text, pinned);
    // In file order: references, attack:, then the states.
    expect(found.map((d) => /^T[\d.]+/.exec(d.message)![0])).toEqual([
      'T9999',
      'T1071.006',
      'T1005.001',
    ]);
    expect(found[0]!.message).toBe(
      'T9999 is not a technique of ATT&CK Enterprise v18.0 (unknown, or retired before it)',
    );
    const lines = text.split('\n');
    for (const d of found) expect(lines[d.line - 1]).toContain(d.message.slice(0, 5));
    expect(found.every((d) => d.severity === 'error')).toBe(true);
  });

  it('reports revoked and deprecated ids with their names, and lints the shipped ids clean', () => {
    const text = readFileSync(DEFAULT_SCENARIO_FILE, 'utf8');
    expect(lintWith(text, pinned)).toEqual([]);
    const found = lintWith(text, retired).map((d) => d.message);
    expect(
      found.some((m) => m.startsWith('T1190 Exploit Public-Facing Application is revoked')),
    ).toBe(true);
    expect(
      found.some((m) =>
        m.startsWith('T1505.003 Server Software Component: Web Shell is deprecated'),
      ),
    ).toBe(true);
  });

  it('checks an evidence template`s techniques and references', () => {
    const file = `${ROOT}evidence/https-exfiltration.yaml`;
    const text = readFileSync(file, 'utf8')
      .replace('techniques: [T1048.002]', 'techniques: [T1048.002, T1048.009]')
      .replace('/techniques/T1048/002/', '/techniques/T1048/008/');
    const found = lintEvidenceTemplateText(pinned, file, text);
    expect(found.map((d) => [d.code, d.line, d.message.split(':')[0]])).toEqual([
      ['unknown-technique', 10, 'T1048.008 is not in ATT&CK Enterprise v18.0'],
      ['unknown-technique', 11, 'T1048.009 is not in ATT&CK Enterprise v18.0'],
    ]);
  });

  it('lints every shipped scenario and evidence template when given no path, all clean', () => {
    const reports = lintFiles([], {});
    const templates = listEvidenceFiles(`${ROOT}evidence`);
    expect(templates.length).toBeGreaterThan(20);
    for (const t of templates) expect(reports.map((r) => r.file)).toContain(t);
    expect(reports.flatMap((r) => r.diagnostics)).toEqual([]);
  });
});

describe('scripts/attack-techniques.mjs', () => {
  it('reduces a STIX bundle: names, revoked (with its replacement), deprecated, active wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-attack-'));
    const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
    const bundle = {
      type: 'bundle',
      objects: [
        { type: 'x-mitre-collection', x_mitre_version: '99.1' },
        {
          type: 'attack-pattern',
          id: 'ap--new',
          name: 'PowerShell',
          external_references: ref('T1059.001'),
        },
        {
          type: 'attack-pattern',
          id: 'ap--old',
          name: 'PowerShell',
          revoked: true,
          external_references: ref('T1086'),
        },
        {
          type: 'attack-pattern',
          id: 'ap--dep',
          name: 'Scripting',
          x_mitre_deprecated: true,
          external_references: ref('T1064'),
        },
        {
          type: 'attack-pattern',
          id: 'ap--dup',
          name: 'Old copy',
          revoked: true,
          external_references: ref('T1003'),
        },
        {
          type: 'attack-pattern',
          id: 'ap--live',
          name: 'OS Credential Dumping',
          external_references: ref('T1003'),
        },
        {
          type: 'relationship',
          relationship_type: 'revoked-by',
          source_ref: 'ap--old',
          target_ref: 'ap--new',
        },
        { type: 'course-of-action', name: 'Not a technique', external_references: ref('M1040') },
      ],
    };
    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const run = spawnSync(
      process.execPath,
      [`${ROOT}scripts/attack-techniques.mjs`, '--stix', file],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as AttackCatalog;
    expect(out.version).toBe('99.1');
    expect(out.techniques).toEqual({
      T1003: { name: 'OS Credential Dumping' },
      'T1059.001': { name: 'PowerShell' },
      T1064: { name: 'Scripting', status: 'deprecated' },
      T1086: { name: 'PowerShell', status: 'revoked', revoked_by: 'T1059.001' },
    });
  });
});
