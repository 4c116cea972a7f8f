import { stringify } from 'csv-stringify/sync';
import { formatDuration } from '../model/index.js';
import type { GroupStats } from './aggregate.js';
import { htmlPage, scoreBarsSvg } from './htmlReport.js';
import { csvCell, html, md, plain } from './textSafety.js';

const COLUMNS = [
  'group',
  'drills',
  'contained',
  'mean score',
  'median score',
  'TTD median',
  'TTD p90',
  'TTC median',
  'TTC p90',
  'escalation accuracy',
  'most-missed steps',
  'trend (earlier -> later)',
];

const dur = (ms: number | undefined) => (ms === undefined ? '-' : formatDuration(ms));

function cells(g: GroupStats): string[] {
  return [
    `${g.by}: ${plain(g.key)}`,
    String(g.drills),
    `${g.contained}/${g.drills}`,
    String(g.meanScore),
    String(g.medianScore),
    dur(g.ttdMedian),
    dur(g.ttdP90),
    dur(g.ttcMedian),
    dur(g.ttcP90),
    g.escalationAccuracy === undefined ? '-' : `${Math.round(g.escalationAccuracy * 100)}%`,
    g.missedSteps
      .slice(0, 3)
      .map((m) => `${m.step} (${m.count})`)
      .join(', ') || '-',
    g.trend ? `${g.trend.earlier} -> ${g.trend.later}` : '-',
  ];
}

/** A plain-text table for the terminal (control characters already removed from every cell). */
export function reportTable(groups: GroupStats[]): string {
  const rows = [COLUMNS, ...groups.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')}\n`;
}

export function reportMarkdown(groups: GroupStats[]): string {
  const row = (r: string[]) => `| ${r.join(' | ')} |`;
  return [
    '# Preparedness review',
    '',
    'Times are simulated, from the first malicious event; p90 is the nearest-rank 90th percentile.',
    '',
    row(COLUMNS),
    row(COLUMNS.map(() => '---')),
    ...groups.map((g) => row(cells(g).map(md))),
    '',
  ].join('\n');
}

export function reportCsv(groups: GroupStats[]): string {
  const header = [
    'by',
    'key',
    'drills',
    'contained',
    'mean_score',
    'median_score',
    'ttd_median_s',
    'ttd_p90_s',
    'ttc_median_s',
    'ttc_p90_s',
    'escalation_accuracy',
    'most_missed_steps',
    'trend_earlier',
    'trend_later',
  ];
  const s = (ms: number | undefined) => (ms === undefined ? '' : ms / 1000);
  const rows = groups.map((g) => [
    g.by,
    g.key,
    g.drills,
    g.contained,
    g.meanScore,
    g.medianScore,
    s(g.ttdMedian),
    s(g.ttdP90),
    s(g.ttcMedian),
    s(g.ttcP90),
    g.escalationAccuracy ?? '',
    g.missedSteps.map((m) => `${m.step}:${m.count}`).join(' '),
    g.trend?.earlier ?? '',
    g.trend?.later ?? '',
  ]);
  return stringify([header, ...rows.map((r) => r.map(csvCell))], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'unix',
  });
}

export function reportHtml(groups: GroupStats[]): string {
  const body: string[] = ['<h1>Preparedness review</h1>'];
  body.push(
    '<p>Times are simulated, from the first malicious event; p90 is the nearest-rank 90th percentile.</p>',
  );
  body.push(
    `<table><thead><tr>${COLUMNS.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${groups
      .map(
        (g) =>
          `<tr>${cells(g)
            .map((c) => `<td>${html(c)}</td>`)
            .join('')}</tr>`,
      )
      .join('')}</tbody></table>`,
  );
  body.push('<h2>Mean score by group</h2>');
  body.push(
    scoreBarsSvg(
      groups.map((g) => ({ title: `${g.by}: ${g.key}`, points: g.meanScore, max: 100 })),
    ),
  );
  return htmlPage('Preparedness review', body.join('\n'));
}
