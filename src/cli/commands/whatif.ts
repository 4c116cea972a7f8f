import { loadRubricFor, readResultsFile, safeJson } from '../../export/index.js';
import { formatElapsed, stripControl, type ActionLogEntry } from '../../model/index.js';
import type { DrillOutcome } from '../../engine/index.js';
import { parseActionSpec, parseDrillTime, whatIf } from '../../scoring/whatif.js';
import { CliError, EXIT } from '../exitCodes.js';
import { loadDrillInputs } from '../load.js';
import { scoringDir } from '../paths.js';
import type { Io } from './output.js';

export interface WhatIfOptions {
  at?: string;
  do?: string[];
  drop?: string[];
  scenario?: string;
  architecture?: string;
  json?: boolean;
}

function outcomeText(o: DrillOutcome): string {
  return o.contained && o.containedAt !== undefined
    ? `contained at ${formatElapsed(o.containedAt)}`
    : `NOT contained (attacker in ${o.attackerState})`;
}

/**
 * `ttx whatif <results> --at T --do "<action ...>"`: replays a saved drill with actions added
 * (all at `--at`) or removed (`--drop N`, the N-th action of the log, from 1) and prints the
 * outcome and the score of both, dimension by dimension. With no change it replays the drill as
 * saved, which must give the saved score.
 */
export function whatIfCommand(file: string, options: WhatIfOptions, io: Io): number {
  const saved = readResultsFile(file);
  const inputs = loadDrillInputs({
    scenario: options.scenario ?? saved.scenario.id,
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const architecture = inputs.architecture.model;
  const scenario = inputs.scenario.model;
  const rubric = loadRubricFor(scenario, architecture, scoringDir(), saved.rubric.id).model;
  const specs = options.do ?? [];
  let at: number | undefined;
  if (specs.length) {
    if (options.at === undefined) throw new CliError('--do needs --at <time>', EXIT.usage);
    at = parseDrillTime(options.at);
    if (at === undefined)
      throw new CliError(
        `--at takes a drill time such as T+00:52:58, 52:58 or 52m (got "${options.at}")`,
        EXIT.usage,
      );
  }
  const add = specs.map((spec) => {
    const request = parseActionSpec(spec, scenario, architecture);
    if (typeof request === 'string') throw new CliError(`--do "${spec}": ${request}`, EXIT.usage);
    return { at: at!, ...request } as ActionLogEntry;
  });
  const actions = saved.actions as ActionLogEntry[];
  const drop = (options.drop ?? []).map((text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > actions.length)
      throw new CliError(
        `--drop takes the number of an action of the log, 1 to ${actions.length} (got "${text}")`,
        EXIT.usage,
      );
    return n - 1;
  });
  const report = whatIf({ architecture, scenario, rubric }, saved.seed, actions, { add, drop });
  const notes: string[] = [];
  if (inputs.scenario.sha256 !== saved.scenario.sha256)
    notes.push('the scenario changed since the drill was saved: the "before" column is today’s');
  if (report.before.score.total !== saved.score.total)
    notes.push(
      `the replay scores ${report.before.score.total}, the file says ${saved.score.total} (run ttx replay)`,
    );
  for (const note of notes) io.err(`ttx: note: ${note}\n`);

  if (options.json) {
    io.out(
      `${safeJson(
        {
          format: 'ttx-whatif/1',
          results: stripControl(file),
          added: add,
          dropped: drop.map((i) => actions[i]),
          before: {
            total: report.before.score.total,
            grade: report.before.score.grade,
            outcome: report.before.outcome,
          },
          after: {
            total: report.after.score.total,
            grade: report.after.score.grade,
            outcome: report.after.outcome,
          },
          dimensions: report.dimensions,
        },
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const describe = (a: ActionLogEntry) =>
    [a.do, a.target, a.value, a.contact, a.channel, a.severity].filter(Boolean).join(' ');
  const lines = [
    `What if: ${stripControl(file)} (${scenario.id}, seed ${stripControl(saved.seed)})`,
    ...add.map((a) => `  + at ${formatElapsed(a.at)}: ${stripControl(describe(a))}`),
    ...drop.map(
      (i) => `  - ${formatElapsed(actions[i]!.at)}: ${stripControl(describe(actions[i]!))}`,
    ),
  ];
  if (!add.length && !drop.length) lines.push('  (no change: the drill as saved)');
  const b = report.before;
  const a = report.after;
  // One line per measure: as played, then what if (or "same").
  const row = (name: string, x: string, y: string) =>
    `  ${`${name}:`.padEnd(28)} ${x}${x === y ? '  (same)' : `  ->  ${y}`}`;
  const money = (o: DrillOutcome) =>
    `${o.revenueLost.toFixed(2)} ${architecture.business.currency}`;
  lines.push(
    '',
    `  ${'measure:'.padEnd(28)} as played  ->  what if`,
    row('Outcome', outcomeText(b.outcome), outcomeText(a.outcome)),
    row(
      'Attacker reached',
      b.outcome.attackerReached.join(', '),
      a.outcome.attackerReached.join(', '),
    ),
    row(
      'Data reached',
      b.outcome.dataReached.join(', ') || 'none',
      a.outcome.dataReached.join(', ') || 'none',
    ),
    row('Revenue lost', money(b.outcome), money(a.outcome)),
    row('Score', `${b.score.total} (${b.score.grade})`, `${a.score.total} (${a.score.grade})`),
  );
  for (const d of report.dimensions) {
    const show = (p: number | undefined) => (p === undefined ? 'not evaluated' : `${p}`);
    lines.push(row(`  ${stripControl(d.title)}`, show(d.before), show(d.after)));
  }
  const delta = Math.round((a.score.total - b.score.total) * 10) / 10;
  lines.push(
    '',
    delta === 0
      ? 'The score does not change.'
      : `The score ${delta > 0 ? 'rises' : 'falls'} by ${Math.abs(delta)}.`,
  );
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
