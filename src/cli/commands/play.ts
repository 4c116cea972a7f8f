import { createHash } from 'node:crypto';
import type { DebriefExtras, DrillSession } from '../../tui/index.js';
import {
  checkArchitectureFile,
  checkRuleFile,
  checkScenarioFile,
  orThrow,
  type Architecture,
  type Loaded,
} from '../../model/index.js';
import { drillCodeFor } from '../../export/index.js';
import type { ActionLogEntry } from '../../model/index.js';
import { DEFAULT_SESSIONS_DIR, JournalWriter, type JournalContents } from '../../session/index.js';
import { applyDrillCode, teamFromOptions } from '../drillIdentity.js';
import { clockCheckpoints, journalAction, openJournal } from '../sessionJournal.js';
import { CliError, EXIT } from '../exitCodes.js';
import { existsSync } from 'node:fs';
import { stripControl } from '../../model/index.js';
import { readJournal } from '../../session/index.js';
import type { RoomPaths } from '../../room/index.js';
import { COACH_INTRO_ID } from '../../play/coachEntry.js';
import {
  defaultArchitecturePath,
  listRuleFiles,
  listScenarioFiles,
  resolveScenarioPath,
  scoringDir,
} from '../paths.js';

export interface PlayOptions {
  seed?: string;
  architecture?: string;
  trainee?: string;
  team?: string;
  /** Team members and roles (`--participant`), recorded in the results. */
  members?: Array<{ name: string; role: string }>;
  /** The drill code, recorded in the results. */
  code?: string | undefined;
  participant?: string[];
  /** Folder for session journals (default results/sessions). */
  sessions?: string;
  resultsDir?: string;
  /** false with --no-results. */
  results?: boolean;
  /** Incident-101 coached mode (default scenario: the introductory one). */
  coach?: boolean;
  /** An executive tabletop: injects, questions, decisions and the clock; no technical actions. */
  discussion?: boolean;
  /** Play as a team of a facilitator's room (`ttx room`): its folder. */
  room?: string;
  /** The journal file to write (a room names it after the team); a fresh one otherwise. */
  journalFile?: string;
}

/** Opens the terminal UI; without a terminal it says what to use instead and exits 2. */
export async function playCommand(
  scenario: string | undefined,
  options: PlayOptions,
): Promise<number> {
  if (options.room !== undefined) return playInRoom(scenario, options);
  return playCommandInner(scenario, options);
}

async function playCommandInner(
  scenario: string | undefined,
  options: PlayOptions & {
    onJournal?: (writer: JournalWriter, session: DrillSession) => void;
  },
): Promise<number> {
  // Bad input is reported first (it needs no terminal), then the missing terminal.
  const coded = applyDrillCode(options.code, scenario, options.seed);
  scenario = coded.scenario;
  if (coded.seed !== undefined) options = { ...options, seed: coded.seed, code: coded.code };
  const team = teamFromOptions(options.team, options.participant);
  if (team) options = { ...options, team: team.name, members: team.participants };
  const selectedFile = resolveScenarioPath(
    scenario ?? (options.coach ? COACH_INTRO_ID : undefined),
  );
  const architectureFile = options.architecture ?? defaultArchitecturePath();
  const architecture = orThrow(checkArchitectureFile(architectureFile));
  if (options.coach) {
    const chosen = orThrow(checkScenarioFile(selectedFile, architecture.model)).model;
    if (!chosen.coach)
      throw new CliError(
        `scenario "${chosen.id}" has no coach notes (a coach: section); try \`ttx play --coach\` for the introductory drill`,
        EXIT.usage,
      );
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError(
      'the drill UI needs an interactive terminal; for a headless drill use `ttx run [scenario] --actions <file>`',
      EXIT.usage,
    );
  }
  const { startTui, telemetryLogSource } = await import('../../tui/index.js');
  const { createTelemetry } = await import('../../telemetry/index.js');
  const rules = listRuleFiles().map(
    (file) => orThrow(checkRuleFile(file, architecture.model)).model,
  );
  const journal = playJournal(architecture, options, undefined, options.onJournal);
  return startTui({
    ...journal.hooks,
    logSourceFor: (drill) =>
      telemetryLogSource(createTelemetry(drill.compiled, drill.seed, { rules })),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    architectureFile,
    architecture: architecture.model,
    scenarioFiles: listScenarioFiles(),
    selectedFile,
    isExplicit: scenario !== undefined || options.coach === true,
    ...(options.coach ? { coach: true } : {}),
    ...(options.discussion ? { discussionOnly: true } : {}),
    onFinish: async (session) =>
      journal.end(session, await finishDrill(session, architecture, options)),
  }).finally(journal.close);
}

/**
 * `ttx resume` of an interrupted `ttx play` session on a terminal: the trainee's own dashboard,
 * paused at the journal's clock, with its acknowledgements; it goes on in the same journal, and
 * its end is scored and saved like any played drill.
 */
export async function resumePlay(
  journal: JournalContents,
  file: string,
  room?: { onJournal: (writer: JournalWriter, session: DrillSession) => void; resultsDir: string },
  /** `ttx resume --results-dir DIR` / `--no-results`. */
  output: Pick<PlayOptions, 'resultsDir' | 'results'> = {},
): Promise<number> {
  const { startTui, telemetryLogSource } = await import('../../tui/index.js');
  const { createTelemetry } = await import('../../telemetry/index.js');
  const header = journal.header;
  const architecture = orThrow(checkArchitectureFile(header.architecture.file));
  const rules = listRuleFiles().map(
    (ruleFile) => orThrow(checkRuleFile(ruleFile, architecture.model)).model,
  );
  const options: PlayOptions = {
    seed: header.seed,
    ...(header.code ? { code: header.code } : {}),
    ...(header.trainee ? { trainee: header.trainee } : {}),
    ...(header.team ? { team: header.team.name, members: header.team.participants } : {}),
    ...(output.resultsDir !== undefined ? { resultsDir: output.resultsDir } : {}),
    ...(output.results === false ? { results: false } : {}),
    ...(room ? { resultsDir: room.resultsDir } : {}),
  };
  const hooks = playJournal(
    architecture,
    options,
    JournalWriter.reopen(file, journal.completeBytes),
    room?.onJournal,
  );
  return startTui({
    ...hooks.hooks,
    logSourceFor: (drill) =>
      telemetryLogSource(createTelemetry(drill.compiled, drill.seed, { rules })),
    seed: header.seed,
    architectureFile: header.architecture.file,
    architecture: architecture.model,
    scenarioFiles: [header.scenario.file],
    selectedFile: header.scenario.file,
    isExplicit: true,
    resume: {
      log: journal.actions,
      until: journal.lastAt,
      acknowledged: journal.acknowledged,
      ...(header.mode ? { mode: header.mode } : {}),
    },
    onFinish: async (session) =>
      hooks.end(session, await finishDrill(session, architecture, options)),
  }).finally(hooks.close);
}

/**
 * The session journal of a played drill: opened when the trainee starts a drill (the scenario is
 * known then), every action appended as it is taken, clock checkpoints every second, and an end
 * line naming the results file. `ttx resume` continues an unfinished one.
 */
function playJournal(
  architecture: Loaded<Architecture>,
  options: PlayOptions,
  resumed?: JournalWriter,
  /** Called once the drill's journal is open (a room team starts following the room here). */
  onJournal?: (writer: JournalWriter, session: DrillSession) => void,
) {
  let writer: JournalWriter | undefined = resumed;
  // The first session of a resume continues the resumed journal; any later drill opens its own.
  let isResumePending = resumed !== undefined;
  const clock = clockCheckpoints(() => writer);
  const team =
    options.team !== undefined
      ? { name: options.team, participants: options.members ?? [] }
      : undefined;
  return {
    hooks: {
      onSession: (session: DrillSession) => {
        // With a team, every action records who took it.
        if (team) session.actor = team.name;
        // A resumed drill goes on in its own journal; only a new drill opens a new one.
        if (isResumePending && writer) {
          isResumePending = false;
          clock.follow(session);
          return onJournal?.(writer, session);
        }
        writer?.close();
        const file = session.source?.file ?? `${session.scenario.id}.yaml`;
        const sha256 =
          session.source?.sha256 ??
          createHash('sha256').update(JSON.stringify(session.scenario)).digest('hex');
        const code = drillCodeFor(session.scenario.id, session.drill.seed);
        writer = openJournal(
          {
            architecture,
            scenario: { file, sha256, model: session.scenario },
            seed: session.drill.seed,
            ...(code ? { code } : {}),
            ...(options.trainee ? { trainee: options.trainee } : {}),
            ...(team ? { team } : {}),
            mode: session.clock.mode,
            view: 'play',
          },
          {
            dir: options.sessions ?? DEFAULT_SESSIONS_DIR,
            ...(options.journalFile ? { file: options.journalFile } : {}),
          },
        );
        clock.follow(session);
        onJournal?.(writer, session);
      },
      onAction: (entry: ActionLogEntry) => {
        if (writer) journalAction(writer, entry);
      },
      onAcknowledge: (ack: { inject: string; at: number }) => {
        writer?.append({ type: 'ack', ...ack, wall: new Date().toISOString() });
      },
    },
    end(session: DrillSession, extras: DebriefExtras): DebriefExtras {
      writer?.append({
        type: 'end',
        at: session.drill.now,
        wall: new Date().toISOString(),
        ...(extras.resultsPath ? { results: extras.resultsPath } : {}),
      });
      return extras;
    },
    close: () => {
      clock.stop();
      writer?.close();
    },
  };
}

/**
 * The end of a played drill: score it and write the results file (unless --no-results), then
 * hand the debrief its score and the path. Errors become a line in the debrief, never a crash.
 */
export async function finishDrill(
  session: DrillSession,
  architecture: Loaded<Architecture>,
  options: PlayOptions,
): Promise<DebriefExtras> {
  const { buildResults, loadRubricFor, saveDrillResults } = await import('../../export/index.js');
  const drill = session.drill;
  // A scenario always comes from a file in the UI; a session built elsewhere (tests, embedding)
  // is identified by the hash of its model instead.
  const scenario = {
    file: session.source?.file ?? `${session.scenario.id}.yaml`,
    sha256:
      session.source?.sha256 ??
      createHash('sha256').update(JSON.stringify(session.scenario)).digest('hex'),
    model: session.scenario,
  };
  const inputs = {
    architecture,
    scenario,
    seed: drill.seed,
    actions: session.actionLog,
    result: {
      seed: drill.seed,
      trace: drill.trace,
      outcome: drill.outcome,
      context: drill.context,
    },
    ...(options.trainee !== undefined ? { trainee: options.trainee } : {}),
    ...(options.team !== undefined ? { team: options.team } : {}),
    ...(options.members !== undefined ? { members: options.members } : {}),
    ...(options.code !== undefined ? { code: options.code } : {}),
  };
  let results;
  let resultsPath: string | undefined;
  let resultsError: string | undefined;
  const firstLine = (error: unknown) =>
    error instanceof Error ? error.message.split('\n')[0]! : String(error);
  try {
    const rubric = loadRubricFor(session.scenario, architecture.model, scoringDir());
    // The score does not depend on saving: compute it first, so a full disk still shows it.
    results = buildResults({ ...inputs, rubric });
    if (options.results !== false) {
      try {
        const saved = saveDrillResults({
          savedAt: new Date(),
          ...inputs,
          rubric,
          ...(options.resultsDir !== undefined ? { resultsDir: options.resultsDir } : {}),
        });
        resultsPath = saved.file;
      } catch (error) {
        resultsError = `not saved: ${firstLine(error)}`;
      }
    }
  } catch (error) {
    resultsError = firstLine(error);
  }
  const score = results?.score;
  let reasons: string[] = [];
  try {
    const { explainDrill } = await import('../../scoring/explain.js');
    reasons = explainDrill(architecture.model, session.scenario, inputs.result).map((e) =>
      stripControl(e.text),
    );
  } catch {
    // The reasons are a bonus of the debrief: never a reason to lose it.
  }
  return {
    ...(reasons.length ? { reasons } : {}),
    ...(score
      ? {
          score: {
            total: score.total,
            max: 100,
            grade: score.grade,
            // Each dimension with its reason: what cost points first, or why it was not judged.
            items: score.dimensions.map((d) => {
              const reason = d.evaluated
                ? d.findings.find((f) => f.recommendation)?.text
                : (d.findings[0]?.text ?? 'not evaluated (the drill never exercised it)');
              return {
                label: d.title,
                points: d.points,
                max: d.max,
                ...(reason ? { note: reason } : {}),
              };
            }),
          },
        }
      : {}),
    ...(resultsPath ? { resultsPath } : {}),
    ...(resultsError
      ? { resultsError }
      : options.results === false
        ? { resultsError: 'not saved (--no-results)' }
        : {}),
  };
}

/**
 * `ttx play --room DIR --team NAME`: one team of a facilitator's room. The team's journal lives in
 * the room folder under the team's name, its terminal beats a heartbeat file every second, and the
 * room's controls reach its drill through its own journal. A team whose terminal dropped comes
 * back with the same command and resumes its drill; a second terminal with a name already playing
 * is refused.
 */
async function playInRoom(scenario: string | undefined, options: PlayOptions): Promise<number> {
  const { roomPaths, roomHeader, teamJournal, teamHeartbeat, sinceHeartbeat, HEARTBEAT_STALE_MS } =
    await import('../../room/index.js');
  const paths = roomPaths(options.room!);
  const team = options.team?.trim();
  if (!team) throw new CliError('a room needs --team NAME (the name the room shows)', EXIT.usage);
  const header = roomHeader(paths);
  const code = header?.code;
  if (!code)
    throw new CliError(
      `no room in ${stripControl(paths.dir)}: the facilitator opens it with \`ttx room ${stripControl(paths.dir)} --code <drill code>\``,
      EXIT.usage,
    );
  if (options.code !== undefined && options.code.toLowerCase() !== code.toLowerCase())
    throw new CliError(`this room plays ${code}, not ${stripControl(options.code)}`, EXIT.usage);
  const journalFile = teamJournal(paths, team);
  const heartbeat = teamHeartbeat(paths, team);
  // Refusals first: they need no terminal.
  const journal = existsSync(journalFile) ? readJournal(journalFile) : undefined;
  if (journal?.ended)
    throw new CliError(`team ${stripControl(team)} has already finished this drill`, EXIT.usage);
  if (sinceHeartbeat(heartbeat, Date.now()) < HEARTBEAT_STALE_MS)
    throw new CliError(
      `a team named ${stripControl(team)} is already playing in this room: choose another name (a team whose terminal dropped can come back after ${HEARTBEAT_STALE_MS / 1000} s)`,
      EXIT.usage,
    );
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new CliError('the drill UI needs an interactive terminal', EXIT.usage);
  const follow = roomFollower(paths, team, heartbeat);
  try {
    if (journal) {
      // The team's terminal dropped: the same command brings it back into the same drill.
      follow.start(journal.roomControlsApplied);
      return await resumePlay(journal, journalFile, {
        onJournal: follow.attach,
        resultsDir: paths.results,
      });
    }
    follow.start(undefined);
    return await playCommandInner(scenario, {
      ...options,
      code,
      room: undefined,
      // The room decides whether its drill is technical or an executive tabletop.
      discussion: header!.discussionOnly,
      journalFile,
      resultsDir: paths.results,
      onJournal: follow.attach,
    });
  } finally {
    follow.stop();
  }
}

/** Follows the room's control journal for one team and beats its heartbeat. */
export function roomFollower(paths: RoomPaths, team: string, heartbeat: string) {
  let writer: JournalWriter | undefined;
  let session: DrillSession | undefined;
  let applied = 0;
  const timers: NodeJS.Timeout[] = [];
  const poll = async () => {
    const { readControls, pendingControls, applyControl } = await import('../../room/index.js');
    if (!writer || !session) return;
    for (const control of pendingControls(readControls(paths), team, applied)) {
      const told = applyControl(session, control);
      writer.append({ type: 'room-control', seq: control.seq, wall: new Date().toISOString() });
      applied = control.seq;
      if (told) session.notice(told);
    }
  };
  return {
    /** `resumedAt`: the last control a resumed journal applied; a new team skips the history. */
    start(resumedAt: number | undefined) {
      void import('../../room/index.js').then(({ beat, readControls }) => {
        applied = resumedAt ?? readControls(paths).at(-1)?.seq ?? 0;
        beat(heartbeat, new Date());
        timers.push(setInterval(() => beat(heartbeat, new Date()), 1_000));
        timers.push(setInterval(() => void poll(), 250));
      });
    },
    attach: (w: JournalWriter, s: DrillSession) => {
      writer = w;
      session = s;
    },
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}
