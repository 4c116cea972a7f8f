import type { ReportExtras } from './markdownReport.js';
import { IMPROVEMENT_PLAN_COLUMNS, improvementPlanCells } from './improvementPlan.js';
import { DECISION_COLUMNS, decisionCells } from './decisions.js';
import { formatElapsed } from '../model/index.js';
import { HSEEP_LABELS } from '../scoring/index.js';
import { membersRow, outcomeSentence } from './markdownReport.js';
import type { Results } from './resultsSchema.js';
import { html } from './textSafety.js';
import { timelineOf, type TimelineRow } from './timeline.js';

const COLORS: Record<TimelineRow['category'], string> = {
  drill: '#555',
  attacker: '#c0392b',
  inject: '#d68910',
  action: '#2471a3',
  severity: '#7d3c98',
  traffic: '#117a65',
  containment: '#1e8449',
  obligation: '#922b21',
};

/** A self-contained page's style: nothing is fetched, and it prints on paper. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}.num{text-align:right}.rating{font-weight:bold}
.P{color:#1e8449}.S{color:#b7950b}.M{color:#ca6f1e}.U{color:#c0392b}
.plus{color:#1e8449}.minus{color:#c0392b}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:11px}h2{page-break-after:avoid}
tr,svg{page-break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/** Score bars: one per dimension, earned points over the available ones. */
export function scoreBarsSvg(
  dimensions: Array<{ title: string; points: number; max: number }>,
): string {
  const width = 640;
  const label = 200;
  const bar = width - label - 70;
  const rows = dimensions.map((d, i) => {
    const y = i * 26 + 4;
    const share = d.max > 0 ? d.points / d.max : 1;
    const fill = share >= 0.9 ? '#1e8449' : share >= 0.6 ? '#d68910' : '#c0392b';
    return `<text x="0" y="${y + 14}" font-size="12">${html(d.title)}</text><rect x="${label}" y="${y}" width="${bar}" height="18" fill="#eee"/><rect x="${label}" y="${y}" width="${(bar * share).toFixed(1)}" height="18" fill="${fill}"/><text x="${label + bar + 6}" y="${y + 14}" font-size="12">${d.points}/${d.max}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="score by dimension" viewBox="0 0 ${width} ${dimensions.length * 26 + 8}" width="${width}">${rows.join('')}</svg>`;
}

/** The trace on a time axis: one lane per category, a mark per event (hover for its text). */
export function timelineSvg(rows: TimelineRow[], end: number): string {
  const categories = Object.keys(COLORS) as Array<TimelineRow['category']>;
  const width = 900;
  const left = 90;
  const lane = 22;
  const span = Math.max(end, 1);
  const x = (t: number) => (left + ((width - left - 10) * t) / span).toFixed(1);
  const height = categories.length * lane + 30;
  const parts: string[] = [];
  categories.forEach((c, i) => {
    const y = i * lane + 15;
    parts.push(
      `<text x="0" y="${y + 4}" font-size="11">${c}</text><line x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="#ddd"/>`,
    );
  });
  for (const r of rows) {
    const y = categories.indexOf(r.category) * lane + 15;
    parts.push(
      `<circle cx="${x(r.t)}" cy="${y}" r="4" fill="${COLORS[r.category]}"><title>${html(`${r.elapsed} ${r.text}`)}</title></circle>`,
    );
  }
  const axisY = categories.length * lane + 15;
  for (let k = 0; k <= 4; k++) {
    const t = (span * k) / 4;
    parts.push(
      `<text x="${x(t)}" y="${axisY + 10}" font-size="10" text-anchor="middle">${formatElapsed(t)}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="timeline" viewBox="0 0 ${width} ${height}" width="${width}">${parts.join('')}</svg>`;
}

export function htmlPage(title: string, body: string): string {
  // The CSP forbids every script and every fetch: the page is inert even if a string slipped through.
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title><style>${REPORT_CSS}</style></head>
<body>
${body}
</body></html>
`;
}

const tableHtml = (header: string[], rows: string[][]) =>
  `<table><thead><tr>${header.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** The after-action report as one self-contained HTML page (inline SVG, no external resources). */
export function htmlReport(results: Results, extras: ReportExtras = {}): string {
  const s = results.score;
  const timeline = timelineOf(results);
  const end = results.outcome.endedAt ?? results.trace[results.trace.length - 1]?.t ?? 0;
  const b: string[] = [];
  const title = `After-Action Report: ${results.scenario.title ?? results.scenario.id}`;
  b.push(`<h1>${html(title)}</h1>`);
  b.push('<h2>Exercise overview</h2>');
  b.push(
    tableHtml(
      ['Item', 'Value'],
      [
        [
          'Scenario',
          `${html(results.scenario.id)} (sha256 ${html(results.scenario.sha256.slice(0, 12))})`,
        ],
        ['Architecture', html(results.architecture.id)],
        ['Rubric', html(results.rubric.id)],
        ['Seed', html(results.seed)],
        ['Trainee', html(results.participants.trainee ?? '-')],
        ['Team', html(results.participants.team ?? '-')],
        ...membersRow(results).map(([k, v]) => [k, html(v)]),
        ['Drill code', html(results.code ?? '-')],
        ['Saved', html(results.savedAt ?? '-')],
        ['Outcome', html(outcomeSentence(results))],
        ['Data reached', html(results.outcome.dataReached.join(', ') || 'none')],
        ['Revenue lost', results.outcome.revenueLost.toFixed(2)],
        ['Score', `<strong>${s.total} / 100</strong>, grade ${html(s.grade)}`],
      ].map(([k, v]) => [html(k!), v!]),
    ),
  );
  b.push('<h2>Analysis of objectives</h2>');
  b.push(
    tableHtml(
      ['Objective', 'Description', 'Rating'],
      s.objectives.map((o) => [
        html(o.id),
        html(o.description),
        `<span class="rating ${o.rating}">${o.rating}</span> ${html(HSEEP_LABELS[o.rating])}`,
      ]),
    ),
  );
  b.push('<h2>Score by dimension</h2>');
  b.push(scoreBarsSvg(s.dimensions));
  for (const d of s.dimensions) {
    b.push(`<h3>${html(d.title)}: ${d.points} / ${d.max}</h3><ul>`);
    for (const f of d.findings) {
      const cls = f.points > 0 ? 'plus' : f.points < 0 ? 'minus' : '';
      b.push(
        `<li>${f.t !== undefined ? `${formatElapsed(f.t)} ` : ''}<span class="${cls}">(${f.points > 0 ? '+' : ''}${f.points})</span> ${html(f.text)}</li>`,
      );
    }
    b.push('</ul>');
  }
  if (extras.explanations?.length)
    b.push(
      `<h2>Why it happened (computed by replaying the drill)</h2><ul>${extras.explanations.map((e) => `<li>${html(e.text)}</li>`).join('')}</ul>`,
    );
  const list = (heading: string, items: string[]) =>
    b.push(
      `<h2>${heading}</h2><ul>${(items.length ? items : ['none']).map((i) => `<li>${html(i)}</li>`).join('')}</ul>`,
    );
  list('Strengths', s.strengths);
  list('Areas for improvement', s.areasForImprovement);
  b.push('<h2>Improvement plan</h2>');
  b.push(
    tableHtml(
      IMPROVEMENT_PLAN_COLUMNS,
      improvementPlanCells(s).map((row) => row.map(html)),
    ),
  );
  if (results.notes.length) {
    b.push('<h2>Notes</h2><ul>');
    for (const n of results.notes)
      b.push(`<li>${formatElapsed(n.at)} ${html(n.by ? `${n.by}: ` : '')}${html(n.text)}</li>`);
    b.push('</ul>');
  }
  if (results.observations?.length) {
    b.push('<h2>Facilitator observations</h2><ul>');
    for (const n of results.observations)
      b.push(`<li>${formatElapsed(n.at)} ${html(n.by ? `${n.by}: ` : '')}${html(n.text)}</li>`);
    b.push('</ul>');
  }
  if (results.evaluations?.length) {
    const computed = new Map(s.objectives.map((o) => [o.id, o.rating]));
    b.push(
      "<h2>Evaluators' ratings</h2><p>Each objective as the evaluator rated it, beside the rating ttx computed from the score.</p>",
      tableHtml(
        ['Objective', 'Computed (ttx)', 'Evaluator', 'Observations'],
        results.evaluations.map((e) => [
          html(e.objective),
          html(computed.get(e.objective) ?? 'not evaluated'),
          `<span class="rating ${html(e.rating)}">${html(e.rating)}</span>${e.by ? ` ${html(`(${e.by})`)}` : ''}`,
          html(e.notes ?? ''),
        ]),
      ),
    );
  }
  if (results.decisions?.length) {
    b.push('<h2>Decision log</h2>', tableHtml(DECISION_COLUMNS, decisionCells(results, html)));
  }
  b.push('<h2>Timeline</h2>');
  b.push(timelineSvg(timeline, end));
  b.push(
    tableHtml(
      ['Time', 'Clock (UTC)', 'Category', 'Event'],
      timeline.map((r) => [r.elapsed, r.clock.slice(11, 19), r.category, html(r.text)]),
    ),
  );
  return htmlPage(title, b.join('\n'));
}
