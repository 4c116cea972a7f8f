import { stringify } from 'csv-stringify/sync';
import { formatDuration, stripControl, type Scenario } from '../model/index.js';
import { conditionFlow } from './conditionText.js';
import { estimatedText, formatExpected, type TimelineRow } from './timeline.js';

export type TimelineFormat = 'table' | 'markdown' | 'csv';
export const TIMELINE_FORMATS: readonly TimelineFormat[] = ['table', 'markdown', 'csv'];

/** The MSEL CSV columns, in order (close to common MSEL templates; `ttx msel import` reads them). */
export const MSEL_COLUMNS = [
  'Serial',
  'Inject ID',
  'Time',
  'Est. time',
  'Inject type',
  'From',
  'To',
  'Title',
  'Description',
  'Expected action',
  'Severity',
  'Malicious',
  'Condition',
] as const;

/** Text from a scenario, safe for a terminal cell: no controls, one line. */
function cell(text: string): string {
  return stripControl(text).replace(/\s*\n\s*/g, ' ');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

export function timelineTable(scenario: Scenario, rows: readonly TimelineRow[]): string {
  const head = ['#', 'time / trigger', 'est.', 'type', 'from', 'inject', 'expected response'];
  const body = rows.map((row, i) => [
    String(i + 1),
    row.trigger,
    estimatedText(row),
    row.type,
    row.from,
    `${row.title}${row.malicious ? '' : ' (noise)'}${row.condition ? ` [if ${row.condition}]` : ''}`,
    row.expected
      .map((e) => `${e.action}${e.target ? ` ${e.target}` : ''} ≤${formatDuration(e.within)}`)
      .join('; '),
  ]);
  const widths = [3, 30, 11, 6, 12, 60, 40];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => truncate(cell(c), widths[i]!))
      .join('  ')
      .trimEnd();
  const unlinked = scenario.expected.filter((e) => e.inject === undefined);
  return [
    `MSEL: ${cell(scenario.title)} (${scenario.id}); T+0 = ${scenario.start_time}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...(unlinked.length
      ? [
          '',
          'Expected responses not tied to an inject:',
          ...unlinked.map((e) => `  ${cell(formatExpected(e))}`),
        ]
      : []),
    '',
  ].join('\n');
}

function mdCell(text: string): string {
  return cell(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

export function timelineMarkdown(scenario: Scenario, rows: readonly TimelineRow[]): string {
  const lines = [
    `# MSEL: ${mdCell(scenario.title)}`,
    '',
    `Scenario \`${scenario.id}\`; T+0 is ${scenario.start_time}.`,
    '',
    '| # | time / trigger | est. | type | from | to | inject | expected response |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row, i) =>
        `| ${i + 1} | ${mdCell(row.trigger)} | ${estimatedText(row)} | ${row.type} | ${mdCell(row.from)} | ${mdCell(row.to.join(', '))} | **${mdCell(row.title)}**${row.body ? `<br>${mdCell(row.body)}` : ''}${row.malicious ? '' : ' _(noise)_'} | ${row.expected.map((e) => mdCell(formatExpected(e))).join('<br>')} |`,
    ),
  ];
  const unlinked = scenario.expected.filter((e) => e.inject === undefined);
  if (unlinked.length) {
    lines.push('', '## Expected responses not tied to an inject', '');
    for (const e of unlinked) lines.push(`- ${mdCell(formatExpected(e))}`);
  }
  return `${lines.join('\n')}\n`;
}

const FORMULA_START = /^[=+\-@\t\r\n]/;

/** OWASP CSV injection: a cell that a spreadsheet would run as a formula gets a leading quote. */
export function csvSafe(text: string): string {
  const clean = stripControl(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

/** The MSEL as CSV; unlinked expected responses follow as rows of type `response`. */
export function timelineCsv(scenario: Scenario, rows: readonly TimelineRow[]): string {
  const records: string[][] = [[...MSEL_COLUMNS]];
  rows.forEach((row, i) => {
    const inject = scenario.injects.find((inj) => inj.id === row.id)!;
    records.push([
      String(i + 1),
      row.id,
      row.trigger,
      estimatedText(row),
      row.type,
      row.from,
      row.to.join(' '),
      row.title,
      row.body,
      row.expected.map(formatExpected).join('\n'),
      row.severity,
      row.malicious ? 'yes' : 'no',
      inject.when ? conditionFlow(inject.when) : '',
    ]);
  });
  for (const response of scenario.expected.filter((e) => e.inject === undefined)) {
    records.push([
      String(records.length),
      '',
      '',
      '',
      'response',
      '',
      '',
      '',
      '',
      formatExpected(response),
      '',
      '',
      '',
    ]);
  }
  return stringify(
    records.map((r) => r.map(csvSafe)),
    { quoted: true, record_delimiter: '\n' },
  );
}
