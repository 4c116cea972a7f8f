import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/cli/commands/lint.js';
import { ROOT } from '../helpers.js';

const DIR = `${ROOT}test/fixtures/invalid/`;
const MARK = /\s# <- here$/;

// One minimal scenario per diagnostic code, named after the code: test/fixtures/minimal.yaml with
// one change, the offending line marked `# <- here`. Not the shipped content, so editing a
// shipped scenario never breaks them.
const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({
    name,
    code: name.replace(/\.yaml$/, ''),
    text: readFileSync(DIR + name, 'utf8'),
  }))
  .filter((f) => f.text.split('\n').some((line) => MARK.test(line)));

/** The codes docs/authoring.md documents for scenarios (section 4): first column, in backticks. */
function documentedCodes(): string[] {
  const doc = readFileSync(`${ROOT}docs/authoring.md`, 'utf8');
  const section = doc.slice(doc.indexOf('## 4. What `ttx lint` checks'), doc.indexOf('## 5.'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
}

/** Codes a JSON Schema can see; the others need the YAML text, the architecture or the semantics. */
const SCHEMA_LEVEL = [
  'unknown-key',
  'wrong-type',
  'invalid-format',
  'invalid-value',
  'missing-key',
  'out-of-range',
];

const lint = (file: string) => lintFiles([file], {})[0]!.diagnostics;

describe('invalid fixtures: one minimal scenario per diagnostic code', () => {
  it('the scenario they are variants of validates and lints clean', () => {
    expect(lint(`${ROOT}test/fixtures/minimal.yaml`)).toEqual([]);
  });

  it('exist for every code docs/authoring.md documents, and document every fixture', () => {
    const documented = documentedCodes();
    expect(documented.length).toBeGreaterThanOrEqual(45);
    expect(fixtures.map((f) => f.code).sort()).toEqual([...new Set(documented)].sort());
  });

  for (const fixture of fixtures) {
    it(`${fixture.name} gives [${fixture.code}] at the marked line, and nothing it does not declare`, () => {
      const lines = fixture.text.split('\n');
      const line = lines.findIndex((l) => MARK.test(l)) + 1;
      const diagnostics = lint(DIR + fixture.name);
      const hit = diagnostics.find((d) => d.code === fixture.code);
      expect(hit, JSON.stringify(diagnostics.map((d) => [d.code, d.line]))).toBeDefined();
      expect(hit!.line).toBe(line);
      expect(hit!.column).toBeGreaterThanOrEqual(1);
      expect(hit!.sourceLine).toBe(lines[line - 1]!.replace(/\0/g, ''));
      expect(hit!.file).toBe(DIR + fixture.name);
      // Minimal: its own code once, plus only the codes its header says necessarily come with it.
      const also = /^# Also: ([a-z-]+(?:, [a-z-]+)*)/m.exec(fixture.text)?.[1]?.split(', ') ?? [];
      expect(diagnostics.map((d) => d.code).sort()).toEqual([fixture.code, ...also].sort());
    });
  }

  it('are rejected by the committed JSON Schema where a schema can see the mistake (ajv)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(
      JSON.parse(readFileSync(`${ROOT}schemas/scenario.schema.json`, 'utf8')),
    );
    expect(validate(parse(readFileSync(`${ROOT}test/fixtures/minimal.yaml`, 'utf8')))).toBe(true);
    const checked = fixtures.filter((f) => SCHEMA_LEVEL.includes(f.code));
    expect(checked.map((f) => f.code).sort()).toEqual([...SCHEMA_LEVEL].sort());
    for (const fixture of checked) {
      expect(validate(parse(fixture.text)), fixture.name).toBe(false);
    }
  });
});
