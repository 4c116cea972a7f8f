import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintScenarioText } from '../../src/authoring/index.js';
import { architecture, ROOT } from '../helpers.js';

const arch = architecture();
const DIR = `${ROOT}test/fixtures/invalid/`;
const MARK = /\s# <- here$/;

// One broken variant of the shipped scenario per diagnostic code, named after the code, with the
// offending line marked `# <- here`.
const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({
    name,
    code: name.replace(/\.yaml$/, ''),
    text: readFileSync(DIR + name, 'utf8'),
  }))
  .filter((f) => f.text.split('\n').some((line) => MARK.test(line)));

/** Codes a JSON Schema can see; the others need the YAML text, the architecture or the semantics. */
const SCHEMA_LEVEL = [
  'unknown-key',
  'wrong-type',
  'invalid-format',
  'invalid-value',
  'missing-key',
  'out-of-range',
];

describe('broken variants of the shipped scenario', () => {
  it('cover the codes the issue names, and more', () => {
    expect(fixtures.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        'unknown-key',
        'unknown-reference',
        'wrong-type',
        'invalid-format',
        'unreachable-state',
        'inject-never-fires',
        'no-containment-path',
        'expected-names-nothing',
        'jitter-exceeds-after',
      ]),
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name} gives [${fixture.code}] at the marked line`, () => {
      const line = fixture.text.split('\n').findIndex((l) => MARK.test(l)) + 1;
      const { diagnostics, scenario } = lintScenarioText(DIR + fixture.name, fixture.text, arch);
      const hit = diagnostics.find((d) => d.code === fixture.code);
      expect(hit, JSON.stringify(diagnostics.map((d) => [d.code, d.line]))).toBeDefined();
      expect(hit!.line).toBe(line);
      expect(hit!.column).toBeGreaterThanOrEqual(1);
      expect(hit!.sourceLine).toBe(fixture.text.split('\n')[line - 1]);
      expect(hit!.file).toBe(DIR + fixture.name);
      // Lint findings come after a successful validation; schema findings stop before the model.
      if (SCHEMA_LEVEL.includes(fixture.code)) expect(scenario).toBeUndefined();
    });
  }

  it('are rejected by the committed JSON Schema where a schema can see the mistake (ajv)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(
      JSON.parse(readFileSync(`${ROOT}schemas/scenario.schema.json`, 'utf8')),
    );
    const checked = fixtures.filter((f) => SCHEMA_LEVEL.includes(f.code));
    expect(checked.map((f) => f.code).sort()).toEqual([...SCHEMA_LEVEL].sort());
    for (const fixture of checked) {
      expect(validate(parse(fixture.text)), fixture.name).toBe(false);
    }
  });
});
