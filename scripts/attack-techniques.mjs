#!/usr/bin/env node
// Reduces a MITRE ATT&CK technique list to the small JSON file `ttx lint` checks ids against
// (data/attack/enterprise-attack-<version>.json): id -> name, plus the status of retired ones.
//
//   node scripts/attack-techniques.mjs --stix enterprise-attack-18.0.json > data/attack/enterprise-attack-18.0.json
//   node scripts/attack-techniques.mjs --pysigma mitre_attack.py --version 18.0 > ...
//
// --stix    MITRE's STIX 2.1 bundle (github.com/mitre-attack/attack-stix-data,
//           enterprise-attack/enterprise-attack-<version>.json). Every attack-pattern with an ATT&CK
//           id is kept; revoked ones carry `status: revoked` and, from the bundle's `revoked-by`
//           relationships, the id that replaces them; deprecated ones `status: deprecated`.
// --pysigma pySigma's generated table (sigma/data/mitre_attack.py), which pySigma reduces from the
//           same bundle keeping only the active techniques (not revoked, not deprecated). The
//           shipped file was made this way (see its `source`): it names no retired technique.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const ID = /^T\d{4}(\.\d{3})?$/;
const byId = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function attackId(object) {
  const ref = (object.external_references ?? []).find((r) => r.source_name === 'mitre-attack');
  return ref?.external_id;
}

function fromStix(file) {
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  const objects = bundle.objects ?? [];
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const patterns = objects.filter((o) => o.type === 'attack-pattern' && ID.test(attackId(o) ?? ''));
  const idOf = new Map(patterns.map((o) => [o.id, attackId(o)]));
  const revokedBy = new Map(
    objects
      .filter((o) => o.type === 'relationship' && o.relationship_type === 'revoked-by')
      .map((r) => [r.source_ref, idOf.get(r.target_ref)]),
  );
  const techniques = new Map();
  for (const o of patterns) {
    const id = attackId(o);
    const entry = { name: o.name };
    if (o.revoked) {
      entry.status = 'revoked';
      if (revokedBy.get(o.id)) entry.revoked_by = revokedBy.get(o.id);
    } else if (o.x_mitre_deprecated) entry.status = 'deprecated';
    // An active object wins over a retired one that reuses its id.
    if (!techniques.has(id) || entry.status === undefined) techniques.set(id, entry);
  }
  return {
    version: collection?.x_mitre_version ?? option('--version'),
    reducedFrom: `MITRE ATT&CK STIX 2.1 bundle ${file}`,
    techniques,
  };
}

function fromPySigma(file) {
  const text = readFileSync(file, 'utf8');
  const version = /mitre_attack_version[^=]*=\s*"([^"]+)"/.exec(text)?.[1] ?? option('--version');
  const start = text.indexOf('mitre_attack_techniques');
  const body = text.slice(text.indexOf('{', start), text.indexOf('}', start));
  const techniques = new Map();
  for (const m of body.matchAll(/"(T\d{4}(?:\.\d{3})?)":\s*"((?:[^"\\]|\\.)*)"/g))
    techniques.set(m[1], { name: m[2] });
  return {
    version,
    reducedFrom:
      "pySigma's sigma/data/mitre_attack.py (SigmaHQ/pySigma, generated from MITRE's " +
      'enterprise-attack STIX bundle; active techniques only: revoked and deprecated ones are left out)',
    techniques,
  };
}

const stix = option('--stix');
const pysigma = option('--pysigma');
if (!stix === !pysigma) {
  process.stderr.write(
    'usage: attack-techniques.mjs --stix <bundle.json> | --pysigma <mitre_attack.py>\n',
  );
  process.exit(2);
}
const { version, reducedFrom, techniques } = stix ? fromStix(stix) : fromPySigma(pysigma);
if (!version || techniques.size === 0) {
  process.stderr.write('no ATT&CK version or no technique found\n');
  process.exit(1);
}

const header = {
  domain: 'enterprise-attack',
  version,
  source: `https://github.com/mitre-attack/attack-stix-data/blob/master/enterprise-attack/enterprise-attack-${version}.json`,
  reduced_from: reducedFrom,
  reduced_by: 'scripts/attack-techniques.mjs',
  terms_of_use: 'https://attack.mitre.org/resources/legal-and-branding/terms-of-use/',
};
// One technique a line, so a version bump reads as a diff of techniques.
const lines = [...techniques]
  .sort(byId)
  .map(([id, entry]) => `    ${JSON.stringify(id)}: ${JSON.stringify(entry)}`);
const head = Object.entries(header).map(
  ([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`,
);
process.stdout.write(`{\n${head.join('\n')}\n  "techniques": {\n${lines.join(',\n')}\n  }\n}\n`);
