import type { Architecture, Rubric, Scenario } from '../model/index.js';
import { formatDuration } from '../model/index.js';
import { htmlPage } from './htmlReport.js';
import { html, md, plain } from './textSafety.js';

/**
 * An Exercise Evaluation Guide (HSEEP): for each objective, the critical tasks an evaluator watches
 * for, where to observe them, and the rating fields filled on paper. Pure: (scenario, architecture,
 * rubric) in, a model out; the writers below only format it.
 */
export interface EvaluationGuide {
  scenario: { id: string; title: string; summary: string; duration: string };
  objectives: Array<{
    id: string;
    description: string;
    /** The score dimensions that compute a rating for it (the evaluator's rating sits beside). */
    dimensions: string[];
    tasks: CriticalTask[];
  }>;
  /** Expected responses no objective claims (through its dimensions): still to be observed. */
  otherTasks: CriticalTask[];
  planSteps: Array<{ id: string; title: string }>;
}

export interface CriticalTask {
  id: string;
  task: string;
  /** What cues it: the inject and where it shows (component or contact). */
  cue: string;
  /** How soon after its cue it is due. */
  within: string;
  why: string;
}

/** The dimension ids that an expected response feeds, by the kind of action it asks for. */
function dimensionsOfTask(action: string, architecture: Architecture): string[] {
  if (action === 'escalate') return ['escalation', 'time-to-escalate'];
  if (action.startsWith('plan.')) {
    const step = action.slice('plan.'.length);
    const first = architecture.emergency_plan[0]?.id;
    return step === first ? ['time-to-detect', 'plan'] : ['plan'];
  }
  if (action === 'forensic-snapshot') return ['evidence'];
  return ['time-to-contain', 'impact'];
}

export function evaluationGuide(
  scenario: Scenario,
  architecture: Architecture,
  rubric: Rubric,
): EvaluationGuide {
  const injects = new Map(scenario.injects.map((i) => [i.id, i]));
  const actionTitle = (id: string) =>
    (id === 'escalate' ? 'Escalate' : undefined) ??
    scenario.actions.find((a) => a.id === id)?.title ??
    architecture.emergency_plan.find((s) => `plan.${s.id}` === id)?.title ??
    id;
  const contactName = (id: string) => architecture.contacts.find((c) => c.id === id)?.name ?? id;
  const tasks = scenario.expected.map((e) => {
    const inject = e.inject ? injects.get(e.inject) : undefined;
    const where = inject?.source ?? inject?.from;
    const target = e.target ? ` on ${e.target}` : '';
    const whom = e.contact
      ? ` to ${contactName(e.contact)}${e.channel ? ` by ${e.channel}` : ''}`
      : '';
    return {
      task: {
        id: e.id,
        task: `${actionTitle(e.action)}${target}${whom}`,
        cue: inject ? `${inject.title}${where ? ` (${where})` : ''}` : 'the first malicious event',
        within: formatDuration(e.within),
        why: e.why,
      },
      dimensions: dimensionsOfTask(e.action, architecture),
    };
  });
  const claimed = new Set<string>();
  const objectives = scenario.objectives.map((o) => {
    const dimensions =
      o.dimensions ??
      Object.entries(rubric.dimensions)
        .filter(([, d]) => (d as { objectives?: string[] }).objectives?.includes(o.id))
        .map(([id]) => id);
    const mine = tasks.filter((t) => t.dimensions.some((d) => dimensions.includes(d)));
    for (const t of mine) claimed.add(t.task.id);
    return { id: o.id, description: o.description, dimensions, tasks: mine.map((t) => t.task) };
  });
  return {
    scenario: {
      id: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      duration: formatDuration(scenario.estimated_duration),
    },
    objectives,
    otherTasks: tasks.filter((t) => !claimed.has(t.task.id)).map((t) => t.task),
    planSteps: architecture.emergency_plan.map((s) => ({ id: s.id, title: s.title })),
  };
}

const RATINGS = [
  ['P', 'Performed without challenges'],
  ['S', 'Performed with some challenges'],
  ['M', 'Performed with major challenges'],
  ['U', 'Unable to be performed'],
  ['NE', 'Not evaluated'],
] as const;

/** The guide as Markdown (CommonMark tables; every scenario string escaped). */
export function eegMarkdown(guide: EvaluationGuide): string {
  const out: string[] = [
    `# Exercise Evaluation Guide: ${md(guide.scenario.title)}`,
    '',
    `Scenario \`${plain(guide.scenario.id)}\`, about ${md(guide.scenario.duration)}. ${md(guide.scenario.summary)}`,
    '',
    'Evaluator: ____________________  Team: ____________________  Date: ____________',
    '',
    'Ratings: ' + RATINGS.map(([r, label]) => `**${r}** ${label}`).join('; ') + '.',
    '',
  ];
  const taskTable = (tasks: CriticalTask[]) => [
    '| critical task | cue (where to observe it) | due within | why | observed at |',
    '|---|---|---|---|---|',
    ...tasks.map(
      (t) => `| ${md(t.task)} | ${md(t.cue)} | ${md(t.within)} | ${md(t.why)} | T+ ____ |`,
    ),
  ];
  guide.objectives.forEach((o, i) => {
    out.push(`## Objective ${i + 1}: ${md(o.description)}`, '');
    out.push(
      `Computed by ttx from: ${o.dimensions.length ? o.dimensions.map(md).join(', ') : 'no dimension (evaluator only)'}.`,
      '',
    );
    if (o.tasks.length) out.push(...taskTable(o.tasks), '');
    else out.push('No critical task in the scenario: observe the discussion.', '');
    out.push(
      `Evaluator rating: ${RATINGS.map(([r]) => `[ ] ${r}`).join('  ')}`,
      '',
      'Observations (strengths, areas for improvement, root causes):',
      '',
      '> ',
      '> ',
      '',
    );
  });
  if (guide.otherTasks.length) {
    out.push('## Other critical tasks', '', ...taskTable(guide.otherTasks), '');
  }
  out.push(
    '## Emergency plan steps observed',
    '',
    '| step | observed at | notes |',
    '|---|---|---|',
  );
  for (const s of guide.planSteps) out.push(`| ${md(s.title)} | T+ ____ | |`);
  out.push('');
  return out.join('\n');
}

/** The guide as one self-contained HTML page (no scripts, no external resources), for print. */
export function eegHtml(guide: EvaluationGuide): string {
  const ratingBoxes = RATINGS.map(
    ([r, label]) => `<label title="${html(label)}"><input type="checkbox"> ${r}</label>`,
  ).join(' ');
  const taskTable = (tasks: CriticalTask[]) =>
    `<table><thead><tr><th>critical task</th><th>cue (where to observe it)</th><th>due within</th><th>why</th><th>observed at</th></tr></thead><tbody>${tasks
      .map(
        (t) =>
          `<tr><td>${html(t.task)}</td><td>${html(t.cue)}</td><td>${html(t.within)}</td><td>${html(t.why)}</td><td>T+</td></tr>`,
      )
      .join('')}</tbody></table>`;
  const body: string[] = [
    `<h1>Exercise Evaluation Guide: ${html(guide.scenario.title)}</h1>`,
    `<p>Scenario <code>${html(guide.scenario.id)}</code>, about ${html(guide.scenario.duration)}. ${html(guide.scenario.summary)}</p>`,
    '<p>Evaluator: ____________________ Team: ____________________ Date: ____________</p>',
    `<p>Ratings: ${RATINGS.map(([r, label]) => `<strong>${r}</strong> ${html(label)}`).join('; ')}.</p>`,
  ];
  guide.objectives.forEach((o, i) => {
    body.push(
      `<section><h2>Objective ${i + 1}: ${html(o.description)}</h2>`,
      `<p>Computed by ttx from: ${o.dimensions.length ? o.dimensions.map(html).join(', ') : 'no dimension (evaluator only)'}.</p>`,
      o.tasks.length
        ? taskTable(o.tasks)
        : '<p>No critical task in the scenario: observe the discussion.</p>',
      `<p>Evaluator rating: ${ratingBoxes}</p>`,
      '<p>Observations (strengths, areas for improvement, root causes):</p><div class="notes"></div></section>',
    );
  });
  if (guide.otherTasks.length)
    body.push('<h2>Other critical tasks</h2>', taskTable(guide.otherTasks));
  body.push(
    '<h2>Emergency plan steps observed</h2>',
    `<table><thead><tr><th>step</th><th>observed at</th><th>notes</th></tr></thead><tbody>${guide.planSteps
      .map((s) => `<tr><td>${html(s.title)}</td><td>T+</td><td></td></tr>`)
      .join('')}</tbody></table>`,
  );
  return htmlPage(`Exercise Evaluation Guide: ${guide.scenario.title}`, body.join('\n'));
}
