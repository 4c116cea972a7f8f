import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/model/index.js';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { ARCHITECTURE_FILE, ROOT, scenarioVariant } from '../helpers.js';

const committed = (name: string) =>
  JSON.parse(readFileSync(`${ROOT}schemas/${name}.schema.json`, 'utf8'));

describe('committed JSON Schemas', () => {
  it('match what the loaders’ schemas generate (run `npm run schemas` after changing them)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(committed(name), `schemas/${name}.schema.json is stale`).toEqual(
        JSON.parse(JSON.stringify(schema)),
      );
    }
  });

  it('accept the shipped files and reject broken variants (independent validator: ajv)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const scenario = ajv.compile(committed('scenario'));
    const architecture = ajv.compile(committed('architecture'));
    expect(architecture(parse(readFileSync(ARCHITECTURE_FILE, 'utf8')))).toBe(true);
    for (const file of listScenarioFiles()) {
      expect(
        scenario(parse(readFileSync(file, 'utf8'))),
        `${file}: ${ajv.errorsText(scenario.errors)}`,
      ).toBe(true);
    }
    const typo = parse(
      scenarioVariant((doc) => {
        doc.sumary = doc.summary;
        delete doc.summary;
      }),
    );
    expect(scenario(typo)).toBe(false);
    const badDuration = parse(
      scenarioVariant((doc) => {
        (doc.end as Record<string, unknown>).time_limit = '4 hours';
      }),
    );
    expect(scenario(badDuration)).toBe(false);
  });
});
