import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { summaryCsv, SUMMARY_COLUMNS, type SummaryRow } from '../../src/export/index.js';
import { clockAt, csvCell, html, md, plain, safeJson } from '../../src/export/textSafety.js';

describe('safeJson', () => {
  it('writes C1, bidi and line-separator characters as \\u escapes that read back the same', () => {
    const value = { a: 'x\u007fy\u009fz', b: '\u202a\u202e\u2066\u2069', c: '\u2028\u2029' };
    const json = safeJson(value);
    expect(json).toBe(
      '{"a":"x\\u007fy\\u009fz","b":"\\u202a\\u202e\\u2066\\u2069","c":"\\u2028\\u2029"}',
    );
    expect(JSON.parse(json)).toEqual(value);
  });

  it('leaves the characters just outside those ranges raw', () => {
    const value = { s: '~\u00a0\u2029\u202f\u2065\u206a\u2027' };
    // \u2029 is the only one in a range; the neighbours stay as they are.
    expect(safeJson(value)).toBe('{"s":"~\u00a0\\u2029\u202f\u2065\u206a\u2027"}');
  });

  it('indents with the given space, like JSON.stringify', () => {
    expect(safeJson({ a: [1] }, 2)).toBe(JSON.stringify({ a: [1] }, null, 2));
    expect(safeJson({ a: 1 })).toBe('{"a":1}');
  });
});

describe('plain, md and html', () => {
  it('plain folds runs of tabs and newlines into one space and drops control characters', () => {
    expect(plain('a\t\tb\n\nc\u001b[31md')).toBe('a b c[31md');
    expect(plain('one\ttwo')).toBe('one two');
  });

  it('md escapes every Markdown and HTML metacharacter with a backslash', () => {
    const meta = '\\`*_[]<>|!#~&';
    expect(md(meta)).toBe([...meta].map((c) => `\\${c}`).join(''));
    expect(md('plain words.')).toBe('plain words.');
    expect(md('a\nb')).toBe('a b');
  });

  it('html escapes the five HTML metacharacters, each to its entity', () => {
    expect(html(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(html('a\tb')).toBe('a b');
    expect(html('x*y')).toBe('x*y');
  });
});

describe('csvCell', () => {
  it('keeps numbers, writes booleans as words and undefined as an empty cell', () => {
    expect(csvCell(42)).toBe(42);
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(undefined)).toBe('');
  });

  it('puts an apostrophe before text that a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}1`)).toBe(`'${lead}1`);
    // A leading tab, CR or LF is folded to a space, but the cell is still marked.
    expect(csvCell('\t=1')).toBe(`' =1`);
    expect(csvCell('\r=1')).toBe(`' =1`);
    expect(csvCell('\n=1')).toBe(`' =1`);
    // A control character in front of a formula is removed and the formula then leads.
    expect(csvCell('\u0007=1')).toBe(`'=1`);
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell('a\r\n\tb')).toBe('a b');
  });
});

describe('clockAt', () => {
  it('adds the simulated time to the start time, without milliseconds when they are zero', () => {
    expect(clockAt('2026-03-13T08:00:00Z', 90_000)).toBe('2026-03-13T08:01:30Z');
    expect(clockAt('2026-03-13T08:00:00Z', 1_500)).toBe('2026-03-13T08:00:01.500Z');
  });

  it('falls back to the elapsed time when the start time is not a date', () => {
    expect(clockAt('not a date', 90_000)).toBe('T+00:01:30');
  });
});

describe('CSV export', () => {
  it('quotes every cell, empty ones too, and ends records with LF', () => {
    const row = Object.fromEntries(
      SUMMARY_COLUMNS.map((k) => [k, undefined]),
    ) as unknown as SummaryRow;
    const csv = summaryCsv([{ ...row, file: '=a.json' }]);
    const lines = csv.split('\n');
    expect(csv).not.toContain('\r');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(SUMMARY_COLUMNS.map((k) => `"${k}"`).join(','));
    expect(lines[1]!.split(',')).toHaveLength(SUMMARY_COLUMNS.length);
    expect(lines[1]!.split(',').every((cell) => /^".*"$/.test(cell))).toBe(true);
    const [record] = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(record!.file).toBe("'=a.json");
  });
});
