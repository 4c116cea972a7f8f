import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkArchitectureText,
  checkRuleText,
  checkScenarioFile,
  orThrow,
  shippedEvidenceLibrary,
  checkRuleFile,
  checkEvidenceTemplateFile,
} from '../../src/model/index.js';
import {
  readShippedChecks,
  recordShippedChecks,
  shippedCheckKey,
  useShippedChecksTable,
  type ShippedChecksTable,
} from '../../src/model/shippedChecks.js';
import { ARCHITECTURE_FILE, ROOT, architecture } from '../helpers.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const archText = readFileSync(ARCHITECTURE_FILE, 'utf8');
const yamlIn = (dir: string) =>
  readdirSync(`${ROOT}${dir}`)
    .filter((f) => /\.ya?ml$/.test(f) && !f.includes('.tests.'))
    .map((f) => `${ROOT}${dir}/${f}`);

afterEach(() => useShippedChecksTable(undefined));

describe('models the build checked (dist/shipped-checks.json)', () => {
  it('are found by the bytes they were made from, and only by those', () => {
    // A file name of its own: the loaders remember recent checks by name and text.
    const file = `${ROOT}elsewhere/architecture.yaml`;
    const stand = { made: 'by the build' };
    useShippedChecksTable({ [shippedCheckKey('architecture', file, sha(archText))]: stand });
    const found = checkArchitectureText(file, archText);
    expect(found.loaded?.model).toEqual(stand);
    expect(found.loaded?.sha256).toBe(sha(archText));
    expect(found.diagnostics).toEqual([]);
    const edited = checkArchitectureText(file, `${archText}\n# edited\n`);
    expect(edited.loaded?.model.components.length).toBeGreaterThan(0);
  });

  it('are recorded only from checks that said nothing: a warning is never lost', () => {
    useShippedChecksTable(null);
    const kept: Record<string, unknown> = {};
    const arch = architecture();
    const rule = `${ROOT}rules/${readdirSync(`${ROOT}rules`)[0]}`;
    const ruleText = readFileSync(rule, 'utf8');
    recordShippedChecks(
      (key, model) => (kept[key] = model),
      () => {
        checkRuleText(`${ROOT}x/clean.yaml`, ruleText, arch);
        checkRuleText(`${ROOT}x/broken.yaml`, `${ruleText}\nnot_a_field: 1\n`, arch);
      },
    );
    expect(Object.keys(kept)).toEqual([
      shippedCheckKey('rule', 'clean.yaml', sha(ruleText), [sha(archText)]),
    ]);
  });

  it('hold every shipped file, each equal to what checking it now gives', () => {
    const table = JSON.parse(
      readFileSync(`${ROOT}dist/shipped-checks.json`, 'utf8'),
    ) as ShippedChecksTable;
    expect(table.format).toBe('ttx-shipped-checks/1');
    useShippedChecksTable(null);
    const arch = architecture();
    const library = shippedEvidenceLibrary();
    const expected: Record<string, unknown> = {
      [shippedCheckKey('architecture', ARCHITECTURE_FILE, sha(archText))]: arch,
    };
    for (const file of yamlIn('evidence'))
      expected[shippedCheckKey('evidence', file, sha(readFileSync(file, 'utf8')))] = orThrow(
        checkEvidenceTemplateFile(file),
      ).model;
    for (const file of yamlIn('rules'))
      expected[shippedCheckKey('rule', file, sha(readFileSync(file, 'utf8')), [sha(archText)])] =
        orThrow(checkRuleFile(file, arch)).model;
    for (const file of yamlIn('scenarios'))
      expected[
        shippedCheckKey('scenario', file, sha(readFileSync(file, 'utf8')), [
          sha(archText),
          library.sha256!,
        ])
      ] = orThrow(checkScenarioFile(file, arch)).model;
    expect(Object.keys(table.models).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, model] of Object.entries(expected))
      expect(table.models[key], key).toStrictEqual(JSON.parse(JSON.stringify(model)));
  });
});

describe('reading a table of shipped checks', () => {
  const at = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'ttx-checks-')), 'shipped-checks.json');
    writeFileSync(file, text);
    return file;
  };
  it('reads the models of a table of its format', () => {
    const table = readShippedChecks(
      at(JSON.stringify({ format: 'ttx-shipped-checks/1', models: { k: { a: 1 } } })),
    );
    expect(table?.get('k')).toEqual({ a: 1 });
  });
  it.each([
    ['of another format', JSON.stringify({ format: 'ttx-shipped-checks/2', models: { k: 1 } })],
    ['without models', JSON.stringify({ format: 'ttx-shipped-checks/1' })],
    ['whose models are no object', JSON.stringify({ format: 'ttx-shipped-checks/1', models: 'k' })],
    ['of models null', JSON.stringify({ format: 'ttx-shipped-checks/1', models: null })],
    ['that is no JSON', '{"format":'],
  ])('ignores a table %s (every file is then checked)', (_what, text) => {
    expect(readShippedChecks(at(text))).toBeNull();
  });
  it('ignores a missing table', () => {
    expect(readShippedChecks(join(tmpdir(), 'no-such-folder', 'shipped-checks.json'))).toBeNull();
  });
  it('gives the recorder back: a check after recording is recorded no more', () => {
    const kept: string[] = [];
    recordShippedChecks(
      (key) => kept.push(key),
      () => {},
    );
    expect(() =>
      recordShippedChecks(
        (key) => kept.push(key),
        () => {
          throw new Error('a check failed');
        },
      ),
    ).toThrow('a check failed');
    useShippedChecksTable(null);
    checkArchitectureText(`${ROOT}after/architecture.yaml`, archText);
    expect(kept).toEqual([]);
  });
});
