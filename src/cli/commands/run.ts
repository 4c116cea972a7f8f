import { stringify } from 'yaml';
import { AUTOPILOT_MODES, autopilotActions, type AutopilotMode } from '../../authoring/index.js';
import {
  compileScenarioData,
  Drill,
  renderInject,
  runDrill,
  wallTime,
  type DrillResult,
} from '../../engine/index.js';
import {
  buildResults,
  describeTraceEntry,
  loadRubricFor,
  saveDrillResults,
  safeJson,
} from '../../export/index.js';
import type { Results } from '../../export/index.js';
import {
  closest,
  formatDuration,
  formatElapsed,
  stripControl,
  type ActionLogEntry,
} from '../../model/index.js';
import { injectEvidenceLines, injectLogLines } from '../../telemetry/index.js';
import { DEFAULT_SESSIONS_DIR } from '../../session/index.js';
import { applyDrillCode, teamFromOptions } from '../drillIdentity.js';
import { CliError, EXIT } from '../exitCodes.js';
import { journalAction, openJournal, sleepMs } from '../sessionJournal.js';
import { loadDrillInputs, type LoadedDrillInputs } from '../load.js';
import { scoringDir } from '../paths.js';

export interface RunOptions {
  seed?: string;
  actions?: string;
  architecture?: string;
  json?: boolean;
  /** false with --no-results. */
  results?: boolean;
  resultsDir?: string;
  rubric?: string;
  trainee?: string;
  team?: string;
  autopilot?: string;
  inject?: string;
  /** A drill code (scenario + seed). */
  code?: string;
  participant?: string[];
  /** Append every action to this session journal as it is taken (crash-safe; see `ttx resume`). */
  journal?: string;
  /** Real milliseconds to sleep after each journaled action (so a test can interrupt a run). */
  pace?: string;
}

/** The order the engine applies actions in: by time, stable for equal times. */
export function inOrder(actions: readonly ActionLogEntry[]): ActionLogEntry[] {
  return actions
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index)
    .map(({ entry }) => entry);
}

export function paceMs(text: string | undefined): number {
  if (text === undefined) return 0;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000)
    throw new CliError(`--pace takes milliseconds from 0 to 60000 (got "${text}")`, EXIT.usage);
  return ms;
}

/** Seeds are integers or short words; a numeric string means the number. */
export function parseSeed(
  text: string | number | undefined,
  fallback: number | string = 1,
): string {
  const value = text ?? fallback;
  return String(value);
}

/** The JSON document of a headless run: stable key order, no paths or clocks of this machine. */
export function runDocument(
  inputs: LoadedDrillInputs,
  actions: ActionLogEntry[],
  result: DrillResult,
  score?: Results['score'],
) {
  return {
    format: 'ttx-run/1',
    scenario: { id: inputs.scenario.model.id, sha256: inputs.scenario.sha256 },
    architecture: { id: inputs.architecture.model.id, sha256: inputs.architecture.sha256 },
    seed: result.seed,
    actions,
    trace: result.trace,
    outcome: result.outcome,
    ...(score ? { score } : {}),
  };
}

export function runCommand(
  scenarioArg: string | undefined,
  options: RunOptions,
  out: (s: string) => void,
  err: (s: string) => void = () => {},
): number {
  const coded = applyDrillCode(options.code, scenarioArg, options.seed);
  const inputs = loadDrillInputs({
    ...(coded.scenario !== undefined ? { scenario: coded.scenario } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
    ...(options.actions !== undefined ? { actions: options.actions } : {}),
  });
  const seed = parseSeed(coded.seed ?? inputs.script?.model.seed);
  const team = teamFromOptions(options.team, options.participant);
  if (options.inject !== undefined) return injectAlone(inputs, seed, options, out);
  const mode = autopilotMode(options);
  const actions = mode
    ? autopilotActions(inputs.architecture.model, inputs.scenario.model, seed, mode)
    : (inputs.script?.model.actions ?? []);
  const journal =
    options.journal !== undefined
      ? openJournal(
          {
            ...inputs,
            seed,
            ...(coded.code ? { code: coded.code } : {}),
            ...(options.trainee ? { trainee: options.trainee } : {}),
            ...(team ? { team } : {}),
            view: 'run',
          },
          { file: options.journal, dir: DEFAULT_SESSIONS_DIR },
        )
      : undefined;
  if (journal) {
    // Each action is on disk before the next one starts: a kill loses at most the one being written.
    const pace = paceMs(options.pace);
    for (const entry of inOrder(actions)) {
      journalAction(journal, entry);
      sleepMs(pace);
    }
  }
  const result = runDrill(inputs.architecture.model, inputs.scenario.model, seed, actions);
  const rubric = loadRubricFor(
    inputs.scenario.model,
    inputs.architecture.model,
    scoringDir(),
    options.rubric,
  );
  const participants = {
    ...(options.trainee !== undefined ? { trainee: options.trainee } : {}),
    ...(team ? { team: team.name, members: team.participants } : {}),
    ...(coded.code ? { code: coded.code } : {}),
  };
  // Saving is the shell's job; the score itself never depends on the wall clock.
  const saved =
    options.results === false
      ? undefined
      : saveDrillResults({
          savedAt: new Date(),
          ...inputs,
          rubric,
          seed,
          actions,
          result,
          ...participants,
          ...(options.resultsDir !== undefined ? { resultsDir: options.resultsDir } : {}),
        });
  if (journal) {
    journal.append({
      type: 'end',
      at: result.outcome.endedAt ?? 0,
      wall: new Date().toISOString(),
      ...(saved ? { results: saved.file } : {}),
    });
    journal.close();
  }
  const score =
    saved?.results.score ??
    buildResults({ ...inputs, rubric, seed, actions, result, ...participants }).score;
  if (options.json) {
    out(
      `${safeJson({ ...runDocument(inputs, actions, result, score), ...(mode ? { autopilot: mode } : {}) }, 2)}\n`,
    );
    if (saved) err(`ttx: results saved to ${stripControl(saved.file)}\n`);
  } else {
    if (mode) out(autopilotScript(mode, seed, actions));
    out(formatRunText(inputs, result));
    out(formatScoreText(score));
    if (saved) out(`Results saved to ${stripControl(saved.file)}\n`);
  }
  return 0;
}

/** The score in a few lines: total, grade, dimensions, objectives, the main improvements. */
export function formatScoreText(score: Results['score']): string {
  const lines = [
    '',
    `Score: ${score.total} / 100 (grade ${stripControl(score.grade)}, rubric ${stripControl(score.rubric)})`,
  ];
  for (const d of score.dimensions) {
    lines.push(`  ${stripControl(d.title).padEnd(28)} ${String(d.points).padStart(6)} / ${d.max}`);
  }
  lines.push(
    `  objectives: ${score.objectives.map((o) => `${stripControl(o.id)} ${o.rating}`).join(', ')}`,
  );
  for (const area of score.areasForImprovement.slice(0, 5)) lines.push(`  - ${stripControl(area)}`);
  if (score.areasForImprovement.length > 5)
    lines.push(
      `  ... and ${score.areasForImprovement.length - 5} more (ttx export for the full report)`,
    );
  return `${lines.join('\n')}\n`;
}

function autopilotMode(options: RunOptions): AutopilotMode | undefined {
  if (options.autopilot === undefined) return undefined;
  if (!AUTOPILOT_MODES.includes(options.autopilot as AutopilotMode)) {
    throw new CliError(
      `--autopilot takes one of: ${AUTOPILOT_MODES.join(', ')} (got "${options.autopilot}")`,
      EXIT.usage,
    );
  }
  if (options.actions !== undefined)
    throw new CliError('use either --actions or --autopilot, not both', EXIT.usage);
  return options.autopilot as AutopilotMode;
}

/** The autopilot's actions as an action script, ready to save and edit. */
function autopilotScript(mode: AutopilotMode, seed: string, actions: ActionLogEntry[]): string {
  const script = {
    description: `autopilot ${mode}`,
    seed,
    actions: actions.map(({ at, ...rest }) => ({ at: formatDuration(at), ...rest })),
  };
  const yaml = stringify(script, { lineWidth: 0 })
    .split('\n')
    .map((line) => (line ? `# ${line}` : line))
    .join('\n');
  return `# The autopilot's action script (save it without the # to replay or edit it):\n${yaml}\n`;
}

/** `--inject <id>`: fires one inject alone at T+0 and shows what it produces. */
function injectAlone(
  inputs: LoadedDrillInputs,
  seed: string,
  options: RunOptions,
  out: (s: string) => void,
): number {
  if (options.actions !== undefined || options.autopilot !== undefined)
    throw new CliError('--inject fires one inject alone: drop --actions/--autopilot', EXIT.usage);
  const scenario = inputs.scenario.model;
  const id = options.inject!;
  const inject = scenario.injects.find((i) => i.id === id);
  if (!inject) {
    const suggestion = closest(
      id,
      scenario.injects.map((i) => i.id),
    );
    throw new CliError(
      `no inject "${id}" in ${scenario.id}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    );
  }
  const drill = new Drill(inputs.architecture.model, scenario, seed);
  const before = drill.trace.length;
  drill.triggerInject(id);
  const fresh = drill.trace.slice(before);
  const ctx = drill.context;
  const lines: string[] = [
    `${stripControl(scenario.title)} (${scenario.id}), seed ${seed}: inject ${id} alone`,
    '',
  ];
  for (const entry of fresh) {
    const line = describeTraceEntry(entry, drill.compiled);
    lines.push(`${formatElapsed(entry.t)}  ${line.category.padEnd(11)}  ${line.text}`);
  }
  const fired = ctx.fired.find((f) => f.id === id);
  if (fired) {
    const rendered = renderInject(inject, scenario, ctx, fired.at);
    if (rendered.body) lines.push('', stripControl(rendered.body));
    const logLines = [
      ...injectEvidenceLines(drill.compiled, drill, inject, fired.at),
      ...injectLogLines(drill.compiled, ctx),
    ];
    if (logLines.length) {
      lines.push('', 'Log lines:');
      for (const l of logLines) lines.push(`  ${l.component} ${stripControl(l.text)}`);
    } else if (inject.evidence.length) {
      lines.push(
        '',
        `Log lines: none yet (the evidence it names, ${inject.evidence.join(', ')}, comes from attacker states not reached in this dry run)`,
      );
    } else {
      lines.push('', 'Log lines: none');
    }
  } else {
    lines.push(
      '',
      'The inject did not fire: its `when` condition does not hold at T+0 with no response.',
    );
  }
  out(`${lines.join('\n')}\n`);
  return 0;
}

export function formatRunText(inputs: LoadedDrillInputs, result: DrillResult): string {
  const scenario = inputs.scenario.model;
  const compiled = compileScenarioData(inputs.architecture.model, scenario);
  const lines: string[] = [];
  lines.push(`${stripControl(scenario.title)} (${scenario.id}), seed ${result.seed}`);
  lines.push(`T+0 is ${scenario.start_time}; attacker source ${result.context.attackerIp}`);
  lines.push('');
  for (const entry of result.trace) {
    const line = describeTraceEntry(entry, compiled);
    const clock = wallTime(scenario, entry.t).slice(11, 19);
    lines.push(`${formatElapsed(entry.t)}  ${clock}  ${line.category.padEnd(11)}  ${line.text}`);
  }
  const o = result.outcome;
  const currency = inputs.architecture.model.business.currency;
  lines.push('');
  if (o.contained && o.containedAt !== undefined) {
    const after =
      o.firstMaliciousAt !== undefined
        ? ` (${formatDuration(o.containedAt - o.firstMaliciousAt)} after the first malicious event)`
        : '';
    lines.push(`Outcome: contained at ${formatElapsed(o.containedAt)}${after}`);
  } else {
    lines.push(`Outcome: NOT contained; the attacker ended in ${o.attackerState}`);
  }
  lines.push(
    `  attacker reached: ${o.attackerReached.join(', ')}${o.objectiveReached ? ' (objective reached)' : ''}`,
  );
  lines.push(
    `  compromised: ${o.compromised.join(', ') || 'none'}; data reached: ${o.dataReached.join(', ') || 'none'}`,
  );
  lines.push(
    `  incident severity: ${o.severity}; revenue lost: ${o.revenueLost.toFixed(2)} ${currency}`,
  );
  if (o.endedAt !== undefined)
    lines.push(`  ended at ${formatElapsed(o.endedAt)} (${o.endReason})`);
  return `${lines.join('\n')}\n`;
}
