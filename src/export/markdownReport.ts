import { IMPROVEMENT_PLAN_COLUMNS, improvementPlanCells } from './improvementPlan.js';
import { DECISION_COLUMNS, decisionCells } from './decisions.js';
import { formatDuration, formatElapsed } from '../model/index.js';
import { HSEEP_LABELS } from '../scoring/index.js';
import type { Explanation } from '../scoring/explain.js';
import type { Results } from './resultsSchema.js';
import { md } from './textSafety.js';
import { timelineOf } from './timeline.js';

const row = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
const table = (header: string[], rows: Array<Array<string | number>>) =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

export function outcomeSentence(results: Results): string {
  const o = results.outcome;
  if (o.contained && o.containedAt !== undefined) {
    const after =
      o.firstMaliciousAt !== undefined
        ? ` (${formatDuration(o.containedAt - o.firstMaliciousAt)} after the first malicious event)`
        : '';
    return `contained at ${formatElapsed(o.containedAt)}${after}`;
  }
  return `not contained; the attacker ended in ${o.attackerState}${o.objectiveReached ? ' (objective reached)' : ''}`;
}

/** The team's members as one overview row ("Ana (incident lead), Bo (network)"), if any. */
export function membersRow(results: Results): Array<[string, string]> {
  const members = results.participants.members ?? [];
  if (!members.length) return [];
  return [['Participants', members.map((m) => `${m.name} (${m.role})`).join(', ')]];
}

/** What the reports add when the scenario is at hand: the reasons replays found (explainDrill). */
export interface ReportExtras {
  explanations?: readonly Explanation[];
}

/** An HSEEP-style After-Action Report / Improvement Plan in Markdown. */
export function markdownReport(results: Results, extras: ReportExtras = {}): string {
  const s = results.score;
  const o = results.outcome;
  const out: string[] = [];
  out.push(
    `# After-Action Report / Improvement Plan: ${md(results.scenario.title ?? results.scenario.id)}`,
  );
  out.push('');
  out.push('## Exercise overview');
  out.push('');
  out.push(
    table(
      ['Item', 'Value'],
      [
        ['Scenario', `${md(results.scenario.id)} (sha256 ${results.scenario.sha256.slice(0, 12)})`],
        [
          'Architecture',
          `${md(results.architecture.id)} (sha256 ${results.architecture.sha256.slice(0, 12)})`,
        ],
        ['Rubric', `${md(results.rubric.id)} (sha256 ${results.rubric.sha256.slice(0, 12)})`],
        ['Seed', md(results.seed)],
        ['Trainee', md(results.participants.trainee ?? '-')],
        ['Team', md(results.participants.team ?? '-')],
        ...membersRow(results).map(([k, v]) => [k, md(v)]),
        ['Drill code', md(results.code ?? '-')],
        ['Saved', md(results.savedAt ?? '-')],
        ['Simulated start (T+0)', md(results.summary.startTime)],
        ['Outcome', md(outcomeSentence(results))],
        ['Data reached', md(o.dataReached.join(', ') || 'none')],
        ['Revenue lost', o.revenueLost.toFixed(2)],
        ['Highest severity', md(s.measures.severity)],
        ['Score', `**${s.total} / 100**, grade ${md(s.grade)}`],
      ],
    ),
  );
  out.push('');
  out.push('## Analysis of objectives');
  out.push('');
  out.push(
    table(
      ['Objective', 'Description', 'Rating'],
      s.objectives.map((obj) => [
        md(obj.id),
        md(obj.description),
        `${obj.rating} (${HSEEP_LABELS[obj.rating]})`,
      ]),
    ),
  );
  out.push('');
  out.push(
    'Ratings: P performed without challenges, S with some challenges, M with major challenges, U unable to be performed.',
  );
  out.push('');
  out.push('## Score by dimension');
  out.push('');
  out.push(
    table(
      ['Dimension', 'Points', 'Of'],
      s.dimensions.map((d) => [md(d.title), d.points, d.max]),
    ),
  );
  for (const d of s.dimensions) {
    out.push('');
    out.push(`### ${md(d.title)}: ${d.points} / ${d.max}`);
    out.push('');
    for (const f of d.findings) {
      const when = f.t !== undefined ? `${formatElapsed(f.t)} ` : '';
      const pts = f.points > 0 ? `+${f.points}` : String(f.points);
      out.push(`- ${when}(${pts}) ${md(f.text)}`);
    }
  }
  if (extras.explanations?.length) {
    out.push('', '## Why it happened (computed by replaying the drill)', '');
    for (const e of extras.explanations) out.push(`- ${md(e.text)}`);
  }
  const list = (title: string, items: string[]) => {
    out.push('');
    out.push(`## ${title}`);
    out.push('');
    out.push(items.length ? items.map((i) => `- ${md(i)}`).join('\n') : '- none');
  };
  list('Strengths', s.strengths);
  list('Areas for improvement', s.areasForImprovement);
  out.push('');
  out.push('## Improvement plan');
  out.push('');
  out.push(
    table(
      IMPROVEMENT_PLAN_COLUMNS,
      improvementPlanCells(s).map((row) => row.map(md)),
    ),
  );
  if (results.notes.length) {
    out.push('');
    out.push('## Notes');
    out.push('');
    for (const n of results.notes)
      out.push(`- ${formatElapsed(n.at)} ${n.by ? `${md(n.by)}: ` : ''}${md(n.text)}`);
  }
  if (results.observations?.length) {
    out.push('');
    out.push('## Facilitator observations');
    out.push('');
    for (const n of results.observations)
      out.push(`- ${formatElapsed(n.at)} ${n.by ? `${md(n.by)}: ` : ''}${md(n.text)}`);
  }
  if (results.evaluations?.length) {
    out.push('', "## Evaluators' ratings", '');
    out.push(
      'Each objective as the evaluator rated it, beside the rating ttx computed from the score.',
      '',
    );
    const computed = new Map(s.objectives.map((o) => [o.id, o.rating]));
    out.push(
      table(
        ['Objective', 'Computed (ttx)', 'Evaluator', 'Observations'],
        results.evaluations.map((e) => [
          md(e.objective),
          md(computed.get(e.objective) ?? 'not evaluated'),
          `${e.rating}${e.by ? ` (${md(e.by)})` : ''}`,
          md(e.notes ?? ''),
        ]),
      ),
    );
  }
  if (results.decisions?.length) {
    out.push('', '## Decision log', '');
    out.push(table(DECISION_COLUMNS, decisionCells(results, md)));
  }
  out.push('');
  out.push('## Timeline');
  out.push('');
  out.push(
    table(
      ['Time', 'Clock (UTC)', 'Category', 'Event'],
      timelineOf(results).map((r) => [r.elapsed, r.clock.slice(11, 19), r.category, md(r.text)]),
    ),
  );
  return `${out.join('\n')}\n`;
}
