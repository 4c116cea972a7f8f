import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  htmlReport,
  markdownReport,
  parseResultsText,
  readResultsFile,
  resultsJsonSchema,
  saveDrillResults,
  summaryCsv,
  summaryRow,
  timelineCsv,
  timelineOf,
} from '../../src/export/index.js';
import { runDrill } from '../../src/engine/index.js';
import { stripControl } from '../../src/model/index.js';
import { ROOT } from '../helpers.js';
import {
  architectureLoaded,
  GOOD_ACTIONS,
  HOSTILE,
  hostileScenario,
  makeResults,
  rubricLoaded,
  scenarioLoaded,
} from './fixtures.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('results file', () => {
  const results = makeResults({ actions: GOOD_ACTIONS, trainee: 'Ann', team: 'blue' });

  it('validates against the committed JSON Schema (ajv) and matches the generator', () => {
    const committed = JSON.parse(readFileSync(`${ROOT}schemas/results.schema.json`, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(resultsJsonSchema())));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(committed);
    expect(validate(JSON.parse(JSON.stringify(results))), JSON.stringify(validate.errors)).toBe(
      true,
    );
    expect(validate({ ...results, format: 'ttx-results/2' })).toBe(false);
  });

  it('records ids, hashes, seed, action log, participants, notes, trace and score', () => {
    expect(results).toMatchObject({
      format: 'ttx-results/1',
      scenario: { id: 'fe-bash-rce', sha256: scenarioLoaded().sha256 },
      architecture: { id: 'acme-ecommerce', sha256: architectureLoaded().sha256 },
      rubric: { id: 'default', sha256: rubricLoaded().sha256 },
      seed: '7',
      participants: { trainee: 'Ann', team: 'blue' },
      notes: [{ at: 40 * 60_000, text: 'CVE-2019-11043 confirmed on FEServ1' }],
    });
    expect(results.actions).toHaveLength(GOOD_ACTIONS.length);
    expect(results.trace.length).toBe(results.summary.entries);
    expect(results.score.total).toBeGreaterThan(50);
    expect(results.savedAt).toBeUndefined();
  });

  it('is saved atomically into the results folder, never over an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-results-'));
    const architecture = architectureLoaded();
    const scenario = scenarioLoaded();
    const result = runDrill(architecture.model, scenario.model, '7', []);
    const common = {
      architecture,
      scenario,
      scoringDir: `${ROOT}scoring`,
      seed: '7',
      actions: [],
      result,
      resultsDir: join(dir, 'nested'),
      savedAt: new Date('2026-03-13T08:00:00Z'),
    };
    const first = saveDrillResults(common);
    const second = saveDrillResults(common);
    expect(first.file).toBe(join(dir, 'nested', '20260313T080000Z-fe-bash-rce-seed-7.json'));
    expect(second.file).toBe(join(dir, 'nested', '20260313T080000Z-fe-bash-rce-seed-7-2.json'));
    // no temporary files left behind
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual([
      '20260313T080000Z-fe-bash-rce-seed-7-2.json',
      '20260313T080000Z-fe-bash-rce-seed-7.json',
    ]);
    expect(readResultsFile(first.file)).toEqual(first.results);
    expect(first.results.savedAt).toBe('2026-03-13T08:00:00.000Z');
  });

  it('gives a clear error naming the file and the problem for damaged or foreign files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-bad-'));
    const text = JSON.stringify(results);
    const cases: Array<[string, string, RegExp]> = [
      ['torn.json', text.slice(0, 200), /torn\.json: not valid JSON/],
      [
        'foreign.json',
        '{"name":"package","version":"1.0.0"}',
        /foreign\.json: not a ttx results file: no "format" field/,
      ],
      [
        'run.json',
        '{"format":"ttx-run/1"}',
        /run\.json: not a ttx results file: format "ttx-run\/1"/,
      ],
      ['future.json', '{"format":"ttx-results/9"}', /future\.json: .*another version of ttx/],
      ['array.json', '[1,2,3]', /array\.json: not a ttx results file/],
      [
        'damaged.json',
        JSON.stringify({ ...results, score: { ...results.score, total: 'ninety' } }),
        /damaged\.json: damaged results file: score\.total: /,
      ],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      expect(() => readResultsFile(join(dir, name))).toThrow(message);
    }
    expect(() => readResultsFile(join(dir, 'missing.json'))).toThrow(/missing\.json: no such file/);
    expect(() => parseResultsText('x.json', `{"format":"\u001b[31m"}`)).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(CONTROL) }),
    );
  });
});

describe('exports', () => {
  const results = makeResults({ actions: GOOD_ACTIONS, trainee: 'Ann', team: 'blue' });

  it('Markdown follows the HSEEP AAR/IP layout', () => {
    const text = markdownReport(results);
    const headings = text.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Exercise overview',
      '## Analysis of objectives',
      '## Score by dimension',
      '## Strengths',
      '## Areas for improvement',
      '## Improvement plan',
      '## Notes',
      '## Timeline',
    ]);
    expect(text).toContain('| detect | Confirm the suspicious command execution');
    expect(text).toContain('Corrective action');
  });

  it('CSV reads back with a real CSV parser into the same values', () => {
    const rows = parse(timelineCsv(results)) as string[][];
    const timeline = timelineOf(results);
    expect(rows[0]).toEqual(['index', 't_ms', 'elapsed', 'clock', 'category', 'event', 'text']);
    expect(rows.slice(1)).toEqual(
      timeline.map((r) => [
        String(r.index),
        String(r.t),
        r.elapsed,
        r.clock,
        r.category,
        r.type,
        r.text,
      ]),
    );
    const summary = parse(summaryCsv([summaryRow(results, 'a.json')]), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({
      file: 'a.json',
      scenario: 'fe-bash-rce',
      trainee: 'Ann',
      total: String(results.score.total),
      ttc_s: String(results.score.measures.timeToContain! / 1000),
    });
  });

  it('HTML is self-contained: no scripts, no external resources, print CSS', () => {
    const page = htmlReport(results);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\b(src|href)\s*=/i);
    expect(page).not.toMatch(/url\(/i);
    expect(page).toContain('@media print');
    expect(page).toContain('<svg');
    expect(page).toContain("default-src 'none'");
  });
});

describe('hostile scenario text stays inert in every format', () => {
  const results = makeResults({
    scenario: hostileScenario(),
    actions: [...GOOD_ACTIONS, { at: '41m', do: 'note', text: `@${HOSTILE}` }],
    trainee: `=${HOSTILE}`,
  });

  it('Markdown: no raw HTML, no control characters', () => {
    const text = markdownReport(results);
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain('<script>');
    expect(text).toContain('\\<script\\>');
  });

  it('CSV: no cell starts a formula, no control characters, values otherwise intact', () => {
    for (const csv of [timelineCsv(results), summaryCsv([summaryRow(results)])]) {
      expect(csv).not.toMatch(CONTROL);
      const cells = (parse(csv) as string[][]).flat();
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    // The trainee name starts with "=": kept, but behind an apostrophe.
    const summary = parse(summaryCsv([summaryRow(results)]), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(summary[0]!.trainee).toMatch(
      /^'==HYPERLINK\("http:\/\/evil\.example\/x","click"\) <script>/,
    );
    // An inject title inside a sentence keeps its text.
    const timeline = (parse(timelineCsv(results)) as string[][]).flat();
    expect(timeline).toContain(`alert [high] SIEM1: +${stripControl(HOSTILE)}`);
  });

  it('HTML: escaped, no script element, no control characters', () => {
    const page = htmlReport(results);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(CONTROL);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('JSON: control characters only as \\u escapes', () => {
    const json = JSON.stringify(results, null, 2);
    expect(json).not.toMatch(CONTROL);
    expect(JSON.parse(json).scenario.title).toBe(HOSTILE);
  });
});

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

const chromium = findChromium();

describe.skipIf(!chromium)('HTML in headless Chromium', () => {
  it('opens without console errors and renders the report (hostile strings as text)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-html-'));
    const file = join(dir, 'report.html');
    const results = makeResults({ scenario: hostileScenario(), actions: GOOD_ACTIONS });
    writeFileSync(file, htmlReport(results));
    const run = spawnSync(
      chromium!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--enable-logging=stderr',
        '--v=0',
        '--virtual-time-budget=2000',
        '--dump-dom',
        `file://${file}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(0);
    const dom = run.stdout;
    expect(dom).toContain('After-Action Report');
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dom).not.toMatch(/<script/i);
    // Console errors, CSP violations and failed loads are logged as CONSOLE lines.
    expect(run.stderr).not.toMatch(/CONSOLE|Uncaught|Refused to|Failed to load/);
  });
});
