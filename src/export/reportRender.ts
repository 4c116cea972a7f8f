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
      .map((m) => `${m.title ?? m.step} (${m.count})`)
      .join(', ') || '-',
    g.trend ? `${g.trend.earlier} -> ${g.trend.later}` : '-',
  ];
}

/** The dimensions of all groups, in first-seen order. */
function dimensionColumns(groups: GroupStats[]): Array<{ id: string; title: string }> {
  const seen = new Map<string, string>();
  for (const g of groups)
    for (const d of g.dimensions) if (!seen.has(d.id)) seen.set(d.id, d.title);
  return [...seen.entries()].map(([id, title]) => ({ id, title }));
}

/** Per group, the mean share of each dimension where evaluated ("87% of 4"), "N/E" where never. */
function dimensionTable(groups: GroupStats[]): string[][] {
  const dims = dimensionColumns(groups);
  return [
    ['group', ...dims.map((d) => plain(d.title))],
    ...groups.map((g) => [
      `${g.by}: ${plain(g.key)}`,
      ...dims.map((col) => {
        const d = g.dimensions.find((x) => x.id === col.id);
        return d?.meanShare === undefined
          ? 'N/E'
          : `${Math.round(d.meanShare * 100)}% of ${d.evaluated}`;
      }),
    ]),
  ];
}

/** Per group, the mean score per day: "2026-11-30 62.3 (4) -> 2026-12-01 71 (3)". */
function trendLine(g: GroupStats): string {
  return g.series.map((p) => `${p.date} ${p.meanScore} (${p.drills})`).join(' -> ');
}

function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** A plain-text table for the terminal (control characters already removed from every cell). */
export function reportTable(groups: GroupStats[]): string {
  return [
    textTable([COLUMNS, ...groups.map(cells)]),
    '',
    'By dimension (mean share earned over the drills that evaluated it):',
    textTable(dimensionTable(groups)),
    '',
    'Trend (mean score by day saved):',
    ...groups.map((g) => `  ${g.by}: ${plain(g.key)}: ${trendLine(g)}`),
    '',
  ].join('\n');
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
    '## By dimension',
    '',
    'Mean share earned over the drills that evaluated the dimension; N/E: no drill evaluated it.',
    '',
    ...dimensionTable(groups).flatMap((r, i) =>
      i === 0 ? [row(r.map(md)), row(r.map(() => '---'))] : [row(r.map(md))],
    ),
    '',
    '## Trend',
    '',
    'Mean score by day saved (UTC), oldest first; drills in brackets.',
    '',
    ...groups.map((g) => `- ${md(`${g.by}: ${g.key}`)}: ${md(trendLine(g))}`),
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
  const dims = dimensionTable(groups);
  body.push(
    '<h2>By dimension</h2><p>Mean share earned over the drills that evaluated the dimension; N/E: no drill evaluated it.</p>',
    `<table><thead><tr>${dims[0]!.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${dims
      .slice(1)
      .map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`,
    '<h2>Trend</h2><p>Mean score by day saved (UTC), oldest first; drills in brackets.</p><ul>',
    ...groups.map((g) => `<li>${html(`${g.by}: ${g.key}`)}: ${html(trendLine(g))}</li>`),
    '</ul>',
  );
  body.push('<h2>Mean score by group</h2>');
  body.push(
    scoreBarsSvg(
      groups.map((g) => ({ title: `${g.by}: ${g.key}`, points: g.meanScore, max: 100 })),
    ),
  );
  return htmlPage('Preparedness review', body.join('\n'));
}
