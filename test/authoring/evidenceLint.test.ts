import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintScenarioText } from '../../src/authoring/index.js';
import { namedArtefacts } from '../../src/authoring/evidenceLint.js';
import { architecture, ROOT } from '../helpers.js';

const arch = architecture();

describe('namedArtefacts', () => {
  it('finds the files, accounts and addresses prose names', () => {
    const found = namedArtefacts(
      'Deploy key /root/.ssh/deploy_ed25519 read by j.doe from 198.51.100.140; administrator "drupaldev" created, then (ops-admin) and user nginx; c.sql.gz staged',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: 'file', text: '/root/.ssh/deploy_ed25519' },
        { kind: 'account', text: 'j.doe' },
        { kind: 'address', text: '198.51.100.140' },
        { kind: 'account', text: 'drupaldev' },
        { kind: 'account', text: 'ops-admin' },
        { kind: 'account', text: 'nginx' },
        { kind: 'file', text: 'c.sql.gz' },
      ]),
    );
  });

  it('leaves prose alone: and/or, /24, rates, e-mail, trailing full stops', () => {
    const found = namedArtefacts(
      'Check and/or escalate by e-mail; three /24 networks at 400 /s, for the service account since Tuesday. Files under /media/static.',
    );
    expect(found).toEqual([{ kind: 'file', text: '/media/static' }]);
  });
});

// The parsed YAML is edited freely, as an author would; its shape is checked by the loader.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

/** A shipped scenario with a change applied to its parsed YAML, linted. */
function lintVariant(id: string, change: (doc: Doc) => void) {
  const file = `${ROOT}scenarios/${id}.yaml`;
  const doc = parse(readFileSync(file, 'utf8')) as Doc;
  change(doc);
  return lintScenarioText(file, stringify(doc), arch).diagnostics;
}

describe('ttx lint: evidence checks on the shipped scenarios', () => {
  it('warns with telemetry-gap when a malicious state loses its evidence', () => {
    const diagnostics = lintVariant('after-hours-admin', (doc) => {
      delete doc.attacker.states.find((s: { id: string }) => s.id === 'key-theft').evidence;
      doc.injects = doc.injects.filter(
        (i: { evidence?: string[] }) => !i.evidence?.some((e) => e.startsWith('key-')),
      );
    });
    const gaps = diagnostics.filter((d) => d.code === 'telemetry-gap');
    expect(gaps.map((d) => d.message)).toEqual([
      'malicious attacker state "key-theft" leaves no evidence: no log will show it',
    ]);
    expect(gaps[0]!.sourceLine).toMatch(/id: key-theft/);
  });

  it('warns when an inject names a file no evidence produces, at the inject text', () => {
    const diagnostics = lintVariant('intro-static-webshell', (doc) => {
      const use = (state: string) =>
        doc.attacker.states.find((s: { id: string }) => s.id === state).evidence[0];
      use('upload').with = { name: 'banner-autumn.jpg.php' };
      use('shell-commands').with = { shell: '/media/static/banner-autumn.jpg.php' };
      use('persistence').with = { file: '/var/www/shop/public/media/static/banner-autumn.jpg.php' };
    });
    const found = diagnostics.filter((d) => d.code === 'artefact-without-evidence');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toMatch(/banner-summer\.jpg\.php/);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.line).toBeGreaterThan(1);
  });

  it('warns when an inject names an account no evidence produces', () => {
    const diagnostics = lintVariant('after-hours-admin', (doc) => {
      const inject = doc.injects.find((i: { id: string }) => i.id === 'siem-ldap-modify');
      inject.title = 'LDAP1: account svc-backup9 created and added to cn=admins';
    });
    const found = diagnostics.filter((d) => d.code === 'artefact-without-evidence');
    expect(found.map((d) => d.message)).toEqual([
      'inject "siem-ldap-modify" names the account svc-backup9, which no evidence produces',
    ]);
  });
});
