import { replayDrill, type Drill } from '../../engine/index.js';
import { buildResults, loadRubricFor, saveDrillResults } from '../../export/index.js';
import { formatElapsed, stripControl, type ActionLogEntry } from '../../model/index.js';
import {
  DEFAULT_SESSIONS_DIR,
  JournalWriter,
  readJournal,
  unfinishedSessions,
  type JournalContents,
} from '../../session/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { loadDrillInputs, type LoadedDrillInputs } from '../load.js';
import { scoringDir } from '../paths.js';
import { journalAction, sleepMs } from '../sessionJournal.js';
import { formatRunText, formatScoreText, inOrder, paceMs } from './run.js';
import type { Io } from './output.js';

export interface ResumeOptions {
  /** The action script the interrupted run was playing: its remaining actions are continued. */
  actions?: string;
  headless?: boolean;
  sessions?: string;
  pace?: string;
  resultsDir?: string;
  /** false with --no-results. */
  results?: boolean;
}

/** One line per unfinished session: file, scenario, team, simulated time reached, actions. */
export function listUnfinished(dir: string): string {
  const sessions = unfinishedSessions(dir);
  if (sessions.length === 0) return `No unfinished sessions in ${stripControl(dir)}.\n`;
  const lines = [`Unfinished sessions in ${stripControl(dir)}:`];
  sessions.forEach(({ file, journal }, i) => {
    const j = journal!;
    const who = j.header.team ? `, team ${j.header.team.name}` : '';
    lines.push(
      `  ${i + 1}. ${file}  ${j.header.code ?? `${j.header.scenario.id} seed ${j.header.seed}`}${who}, at ${formatElapsed(j.lastAt)}, ${j.actions.length} actions`,
    );
  });
  lines.push('', 'Continue one with: ttx resume <journal>');
  return `${stripControl(lines.join('\n'))}\n`;
}

/** The inputs a journal names; a changed scenario or architecture file is a warning, not a stop. */
export function journalInputs(
  journal: JournalContents,
  actions: string | undefined,
  warn: (s: string) => void,
): LoadedDrillInputs {
  const inputs = loadDrillInputs({
    scenario: journal.header.scenario.file,
    architecture: journal.header.architecture.file,
    ...(actions !== undefined ? { actions } : {}),
  });
  if (inputs.scenario.sha256 !== journal.header.scenario.sha256)
    warn(`ttx: warning: ${journal.header.scenario.file} changed since the session started\n`);
  if (inputs.architecture.sha256 !== journal.header.architecture.sha256)
    warn(`ttx: warning: ${journal.header.architecture.file} changed since the session started\n`);
  return inputs;
}

/** The drill exactly where the journal left it: same clock, pending injects and actions. */
export function restoreDrill(inputs: LoadedDrillInputs, journal: JournalContents): Drill {
  return replayDrill(
    inputs.architecture.model,
    inputs.scenario.model,
    journal.header.seed,
    journal.actions,
    journal.lastAt,
  );
}

const canonical = (entry: ActionLogEntry) =>
  JSON.stringify(Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b))));

/** The script's actions the journal does not have yet; the journal must be a prefix of it. */
export function remainingActions(
  journaled: readonly ActionLogEntry[],
  script: readonly ActionLogEntry[],
): ActionLogEntry[] {
  const ordered = inOrder(script);
  journaled.forEach((entry, i) => {
    if (i >= ordered.length || canonical(ordered[i]!) !== canonical(entry))
      throw new CliError(
        `the journal's action ${i + 1} (${entry.do} at ${formatElapsed(entry.at)}) is not the script's; is this the right --actions file?`,
      );
  });
  return ordered.slice(journaled.length);
}

/** `ttx resume [journal]`: list unfinished sessions, or continue one (headless here). */
export function resumeCommand(
  journalArg: string | undefined,
  options: ResumeOptions,
  io: Io,
): number {
  if (journalArg === undefined) {
    io.out(listUnfinished(options.sessions ?? DEFAULT_SESSIONS_DIR));
    return 0;
  }
  const journal = readJournal(journalArg);
  for (const warning of journal.warnings) io.err(`ttx: ${stripControl(journalArg)}: ${warning}\n`);
  if (journal.ended) {
    io.out(
      `${stripControl(journalArg)} is already finished${journal.resultsFile ? `; results: ${stripControl(journal.resultsFile)}` : ''}.\n`,
    );
    return 0;
  }
  const inputs = journalInputs(journal, options.actions, io.err);
  const drill = restoreDrill(inputs, journal);
  const rubric = loadRubricFor(inputs.scenario.model, inputs.architecture.model, scoringDir());
  const soFar = buildResults({
    ...inputs,
    rubric,
    seed: journal.header.seed,
    actions: journal.actions,
    result: {
      seed: drill.seed,
      trace: drill.trace,
      outcome: drill.outcome,
      context: drill.context,
    },
  }).score;
  const pending = drill.upcomingInjects().map((u) => `${u.inject} at ${formatElapsed(u.due)}`);
  io.out(
    `Resumed ${stripControl(journal.header.session)} at ${formatElapsed(drill.now)}: ${journal.actions.length} actions replayed, score so far ${soFar.total}; pending injects: ${stripControl(pending.join(', ') || 'none')}\n`,
  );
  const remaining = inputs.script
    ? remainingActions(journal.actions, inputs.script.model.actions)
    : [];
  const writer = JournalWriter.reopen(journalArg, journal.completeBytes);
  const actions = [...journal.actions];
  const pace = paceMs(options.pace);
  try {
    for (const entry of remaining) {
      if (entry.at < drill.now)
        throw new CliError(
          `action ${entry.do} at ${formatElapsed(entry.at)} is before the journal's clock (${formatElapsed(drill.now)})`,
        );
      journalAction(writer, entry);
      actions.push(entry);
      if (drill.isEnded) continue;
      drill.advanceTo(entry.at);
      const { at: _at, ...request } = entry;
      drill.act(request);
      sleepMs(pace);
    }
    drill.runToEnd();
    const result = {
      seed: drill.seed,
      trace: drill.trace,
      outcome: drill.outcome,
      context: drill.context,
    };
    const team = journal.header.team;
    const identity = {
      ...(journal.header.trainee ? { trainee: journal.header.trainee } : {}),
      ...(team ? { team: team.name, members: team.participants } : {}),
      ...(journal.header.code ? { code: journal.header.code } : {}),
    };
    const saved =
      options.results === false
        ? undefined
        : saveDrillResults({
            savedAt: new Date(),
            ...inputs,
            rubric,
            seed: journal.header.seed,
            actions,
            result,
            ...identity,
            ...(options.resultsDir !== undefined ? { resultsDir: options.resultsDir } : {}),
          });
    writer.append({
      type: 'end',
      at: result.outcome.endedAt ?? drill.now,
      wall: new Date().toISOString(),
      ...(saved ? { results: saved.file } : {}),
    });
    io.out(formatRunText(inputs, result));
    io.out(
      formatScoreText(
        saved?.results.score ??
          buildResults({
            ...inputs,
            rubric,
            seed: journal.header.seed,
            actions,
            result,
            ...identity,
          }).score,
      ),
    );
    if (saved) io.out(`Results saved to ${stripControl(saved.file)}\n`);
  } finally {
    writer.close();
  }
  return 0;
}

/** Without a terminal there is nothing to pick from or play in: say what to do instead. */
export function needsHeadless(): CliError {
  return new CliError(
    'resuming in the drill UI needs an interactive terminal; use `ttx resume <journal> --headless [--actions FILE]`',
    EXIT.usage,
  );
}
