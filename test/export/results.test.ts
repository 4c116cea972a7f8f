import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDrillCode, MAX_CODE_SEED, runDrill } from '../../src/engine/index.js';
import {
  buildResults,
  drillCodeFor,
  MAX_RESULTS_BYTES,
  parseResultsText,
  readResultsFile,
  ResultsFileError,
  resultsSchema,
} from '../../src/export/index.js';
import { parseDuration } from '../../src/model/index.js';
import { architectureLoaded, GOOD_ACTIONS, rubricLoaded, scenarioLoaded } from './fixtures.js';

const architecture = architectureLoaded();
const scenario = scenarioLoaded();
const rubric = rubricLoaded();
const actions = GOOD_ACTIONS.map((a) => ({ ...a, at: parseDuration(a.at)! }));

function build(extra: Partial<Parameters<typeof buildResults>[0]> = {}, seed = '7') {
  const all = extra.actions ?? actions;
  const result = runDrill(architecture.model, scenario.model, seed, all);
  return buildResults({ architecture, scenario, rubric, seed, actions: all, result, ...extra });
}

describe('drillCodeFor', () => {
  it('gives the code of a seed a code can hold, and none for other seeds', () => {
    expect(decodeDrillCode(drillCodeFor('fe-bash-rce', '7')!)).toEqual({
      scenarioId: 'fe-bash-rce',
      seed: 7,
    });
    expect(drillCodeFor('fe-bash-rce', '0')).toBeDefined();
    expect(decodeDrillCode(drillCodeFor('x', String(MAX_CODE_SEED))!)?.seed).toBe(MAX_CODE_SEED);
    for (const seed of ['07', '-1', '1.5', 'abc', '', String(MAX_CODE_SEED + 1), '12345678', ' 7'])
      expect(drillCodeFor('fe-bash-rce', seed), seed).toBeUndefined();
  });
});

describe('buildResults', () => {
  it('counts the trace: entries, injects fired, actions done and rejected', () => {
    const withRejected = [...actions, { at: parseDuration('39m')!, do: 'no-such-action' }];
    const results = build({ actions: withRejected });
    const count = (type: string) => results.trace.filter((e) => e.type === type).length;
    expect(results.summary).toEqual({
      entries: results.trace.length,
      injectsFired: count('inject.fired'),
      actionsDone: count('action.done'),
      actionsRejected: count('action.rejected'),
      startTime: scenario.model.start_time,
    });
    expect(results.summary.injectsFired).toBeGreaterThan(0);
    expect(results.summary.actionsDone).toBeGreaterThan(0);
    expect(results.summary.actionsRejected).toBe(1);
    expect(results.summary.injectsFired + results.summary.actionsDone).toBeLessThan(
      results.summary.entries,
    );
  });

  it('references each input by id, title and sha256', () => {
    const results = build();
    for (const [ref, loaded] of [
      [results.scenario, scenario],
      [results.architecture, architecture],
      [results.rubric, rubric],
    ] as const)
      expect(ref).toEqual({
        id: loaded.model.id,
        title: loaded.model.title,
        sha256: loaded.sha256,
      });
  });

  it('cleans participant names: control characters, spaces, 200 characters, empty is none', () => {
    const results = build({
      trainee: '  \u001b[31mAnn\u0007  ',
      team: '   ',
      members: [
        { name: 'x'.repeat(250), role: ' lead ' },
        { name: '\u0007', role: '' },
      ],
    });
    expect(results.participants).toEqual({
      trainee: '[31mAnn',
      members: [
        { name: 'x'.repeat(200), role: 'lead' },
        { name: '?', role: '-' },
      ],
    });
    expect(build().participants).toEqual({});
  });

  it('derives the drill code from a code seed, takes a given one, and has none otherwise', () => {
    expect(build().code).toBe(drillCodeFor('fe-bash-rce', '7'));
    expect(build({ code: 'given-code' }).code).toBe('given-code');
    expect(build({}, 'not-a-number')).not.toHaveProperty('code');
  });

  it('keeps notes and observations with their text and author; no empty optional sections', () => {
    const logged = [
      ...actions,
      { at: parseDuration('41m')!, do: 'note', text: 'by someone', by: 'Bo' },
      { at: parseDuration('42m')!, do: 'note' },
      { at: parseDuration('43m')!, do: 'facilitator.observe', text: 'calm team' },
    ];
    const results = build({ actions: logged, savedAt: '2026-03-13T08:00:00.000Z' });
    // Strict: a note without an author has no `by` key at all.
    expect(results.notes).toStrictEqual([
      { at: 40 * 60_000, text: 'CVE-2019-11043 confirmed on FEServ1' },
      { at: 41 * 60_000, text: 'by someone', by: 'Bo' },
    ]);
    expect(results.observations).toEqual([{ at: 43 * 60_000, text: 'calm team' }]);
    expect(results.actions).toEqual(logged);
    expect(results.actions[0]).not.toBe(logged[0]);
    expect(results.savedAt).toBe('2026-03-13T08:00:00.000Z');
    const bare = build();
    for (const key of ['observations', 'decisions', 'evaluations', 'savedAt'])
      expect(bare, key).not.toHaveProperty(key);
  });
});

describe('buildResults: decisions and ratings', () => {
  it('records the decisions taken and the latest rating of each objective', () => {
    const logged = [
      { at: 60_000, do: 'facilitator.inject', inject: 'press-inquiry' },
      { at: 120_000, do: 'decide', decision: 'press-statement', option: 'no-comment', owner: 'PR' },
      { at: 180_000, do: 'facilitator.rate', objective: 'detect', rating: 'S' as const },
    ];
    const results = build({ actions: logged });
    expect(results.decisions).toMatchObject([
      { at: 120_000, decision: 'press-statement', option: 'no-comment', owner: 'PR' },
    ]);
    expect(results.evaluations).toStrictEqual([{ at: 180_000, objective: 'detect', rating: 'S' }]);
  });
});

describe('readResultsFile and parseResultsText', () => {
  const good = build();
  const text = JSON.stringify(good);

  it('reads back a file as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-read-'));
    writeFileSync(join(dir, 'r.json'), text);
    expect(readResultsFile(join(dir, 'r.json'))).toEqual(good);
  });

  it('refuses a path with a NUL byte, a folder, an oversized file and an unreadable path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-read-'));
    const fail = (file: string) => {
      try {
        readResultsFile(file);
      } catch (error) {
        expect(error).toBeInstanceOf(ResultsFileError);
        expect((error as ResultsFileError).file).toBe(file);
        expect((error as Error).name).toBe('ResultsFileError');
        return (error as Error).message;
      }
      throw new Error(`${file} was read`);
    };
    expect(fail(join(dir, 'a\u0000.json'))).toBe(`${dir}/a.json: the path contains a NUL byte`);
    mkdirSync(join(dir, 'folder.json'));
    expect(fail(join(dir, 'folder.json'))).toBe(`${dir}/folder.json: not a regular file`);
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_RESULTS_BYTES + 1);
    expect(fail(big)).toBe(
      `${big}: ${MAX_RESULTS_BYTES + 1} bytes is too large for a results file`,
    );
    const limit = join(dir, 'limit.json');
    writeFileSync(limit, '');
    truncateSync(limit, MAX_RESULTS_BYTES);
    expect(fail(limit)).toMatch(/limit\.json: not valid JSON/);
    writeFileSync(join(dir, 'file'), text);
    expect(fail(join(dir, 'file', 'r.json'))).toBe(
      `${dir}/file/r.json: cannot read the file (ENOTDIR)`,
    );
    expect(fail(join(dir, 'none.json'))).toBe(`${dir}/none.json: no such file`);
  });

  it('says what is wrong with JSON that is not a results file', () => {
    const message = (content: string) => {
      try {
        parseResultsText('f.json', content);
      } catch (error) {
        return (error as Error).message;
      }
      return 'parsed';
    };
    expect(message('{')).toMatch(
      /^f\.json: not valid JSON \(.+\); the file is damaged or not a ttx results file$/,
    );
    expect(message('{')).not.toContain('(invalid JSON)');
    expect(message('null')).toBe(
      'f.json: not a ttx results file: no "format" field (expected "ttx-results/1")',
    );
    expect(message('{"format":3}')).toBe(
      'f.json: not a ttx results file: no "format" field (expected "ttx-results/1")',
    );
    expect(message(`{"format":"${'y'.repeat(80)}"}`)).toBe(
      `f.json: not a ttx results file: format "${'y'.repeat(60)}" (expected "ttx-results/1")`,
    );
    expect(message('{"format":"ttx-results/0"}')).toBe(
      'f.json: not a ttx results file: format "ttx-results/0" (expected "ttx-results/1"); it was written by another version of ttx',
    );
    expect(message('{"format":"xttx-results/0"}')).not.toContain('another version');
  });

  it('names at most three problems of a damaged file, with their paths, and counts the rest', () => {
    const damaged = (doc: object) => {
      try {
        parseResultsText('d.json', JSON.stringify(doc));
      } catch (error) {
        return (error as Error).message;
      }
      return 'parsed';
    };
    // The message is the first three issues zod finds, path and text, in its order.
    const issues = (doc: object) =>
      resultsSchema
        .safeParse(doc)
        .error!.issues.map(
          (i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`,
        );
    const one = damaged({ ...good, extra: 1 });
    expect(one).toBe(`d.json: damaged results file: ${issues({ ...good, extra: 1 }).join('; ')}`);
    expect(one).toMatch(/^d\.json: damaged results file: \(top level\): .*extra/);
    expect(one).not.toContain('more)');
    const three = damaged({ ...good, seed: 1, outcome: 2, score: 3 });
    expect(three).toBe(
      `d.json: damaged results file: ${issues({ ...good, seed: 1, outcome: 2, score: 3 }).join('; ')}`,
    );
    expect(three).not.toContain('more)');
    const five = damaged({ ...good, seed: 1, outcome: 2, score: 3, trace: 4, notes: 5 });
    expect(five).toMatch(
      /^d\.json: damaged results file: seed: [^;]+; \w+: [^;]+; \w+: [^;]+ \(and 2 more\)$/,
    );
  });
});
