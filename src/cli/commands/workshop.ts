import { createInterface } from 'node:readline/promises';
import {
  checkArchitectureFile,
  checkRuleFile,
  orThrow,
  stripControl,
  type Architecture,
  type Loaded,
  type Scenario,
} from '../../model/index.js';
import {
  DEFAULT_SESSIONS_DIR,
  JournalWriter,
  readJournal,
  unfinishedSessions,
  type JournalContents,
} from '../../session/index.js';
import {
  applyDrillCode,
  parseParticipant,
  teamFromOptions,
  type TeamInfo,
} from '../drillIdentity.js';
import { CliError, EXIT } from '../exitCodes.js';
import { loadDrillInputs } from '../load.js';
import { listRuleFiles } from '../paths.js';
import { clockCheckpoints, journalAction, openJournal } from '../sessionJournal.js';
import type { Io } from './output.js';
import { finishDrill, resumePlay } from './play.js';
import { journalInputs, listUnfinished, type ResumeOptions } from './resume.js';
import { drillCodeFor } from '../../export/index.js';

export interface WorkshopOptions {
  code?: string;
  seed?: string;
  architecture?: string;
  team?: string;
  participant?: string[];
  sessions?: string;
  resultsDir?: string;
  results?: boolean;
  /** An executive tabletop: no technical actions (journaled as the drill's first action). */
  discussion?: boolean;
}

/** Asks for the team on the terminal when none was given (enter skips). */
async function promptTeam(io: Io): Promise<TeamInfo | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const name = (await rl.question('Team name (enter for none): ')).trim();
    if (!name) return undefined;
    const participants = [];
    for (;;) {
      const line = (await rl.question('Participant as Name:role (enter when done): ')).trim();
      if (!line) break;
      participants.push(parseParticipant(line));
    }
    return { name: stripControl(name).slice(0, 80), participants };
  } finally {
    rl.close();
    io.out('');
  }
}

async function runWorkshop(
  architecture: Loaded<Architecture>,
  scenario: Loaded<Scenario>,
  seed: string,
  team: TeamInfo | undefined,
  writer: JournalWriter,
  options: WorkshopOptions,
  resumeFrom?: JournalContents,
): Promise<number> {
  const { startWorkshop, telemetryLogSource } = await import('../../tui/index.js');
  const { createTelemetry } = await import('../../telemetry/index.js');
  const rules = listRuleFiles().map(
    (file) => orThrow(checkRuleFile(file, architecture.model)).model,
  );
  const code = drillCodeFor(scenario.model.id, seed) ?? `${scenario.model.id} seed ${seed}`;
  const clock = clockCheckpoints(() => writer);
  try {
    return await startWorkshop({
      architecture: architecture.model,
      scenario: scenario.model,
      source: { file: scenario.file, sha256: scenario.sha256 },
      seed,
      code,
      ...(team ? { team } : {}),
      ...(options.discussion ? { discussionOnly: true } : {}),
      logSourceFor: (drill) =>
        telemetryLogSource(createTelemetry(drill.compiled, drill.seed, { rules })),
      ...(resumeFrom
        ? {
            resumeFrom: {
              log: resumeFrom.actions,
              until: resumeFrom.lastAt,
              acknowledged: resumeFrom.acknowledged,
            },
          }
        : {}),
      onSession: (s) => clock.follow(s),
      onAction: (entry) => journalAction(writer, entry),
      onAcknowledge: (ack) =>
        writer.append({ type: 'ack', ...ack, wall: new Date().toISOString() }),
      onFinish: async (session) => {
        const extras = await finishDrill(session, architecture, {
          ...(team ? { team: team.name, members: team.participants } : {}),
          code: drillCodeFor(scenario.model.id, seed),
          ...(options.resultsDir !== undefined ? { resultsDir: options.resultsDir } : {}),
          ...(options.results === false ? { results: false } : {}),
        });
        writer.append({
          type: 'end',
          at: session.drill.now,
          wall: new Date().toISOString(),
          ...(extras.resultsPath ? { results: extras.resultsPath } : {}),
        });
        return extras;
      },
    });
  } finally {
    clock.stop();
    writer.close();
  }
}

/** `ttx workshop [scenario]`: the facilitator's projector view, journaled as it happens. */
export async function workshopCommand(
  scenarioArg: string | undefined,
  options: WorkshopOptions,
  io: Io,
): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new CliError(
      'the workshop view needs an interactive terminal; headless drills use `ttx run --journal FILE`',
      EXIT.usage,
    );
  const coded = applyDrillCode(options.code, scenarioArg, options.seed);
  const inputs = loadDrillInputs({
    ...(coded.scenario !== undefined ? { scenario: coded.scenario } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const seed = coded.seed ?? '1';
  const team = teamFromOptions(options.team, options.participant) ?? (await promptTeam(io));
  const code = drillCodeFor(inputs.scenario.model.id, seed);
  const writer = openJournal(
    { ...inputs, seed, ...(code ? { code } : {}), ...(team ? { team } : {}), view: 'workshop' },
    { dir: options.sessions ?? DEFAULT_SESSIONS_DIR },
  );
  io.err(`ttx: journal ${stripControl(writer.file)}\n`);
  return runWorkshop(inputs.architecture, inputs.scenario, seed, team, writer, options);
}

/**
 * `ttx resume` on a terminal: pick an unfinished session and continue it in the view that wrote
 * it (the trainee's dashboard for `ttx play`, the projector view for `ttx workshop`).
 */
export async function resumeInteractive(
  journalArg: string | undefined,
  options: ResumeOptions,
  io: Io,
): Promise<number> {
  let file = journalArg;
  if (file === undefined) {
    const dir = options.sessions ?? DEFAULT_SESSIONS_DIR;
    const sessions = unfinishedSessions(dir);
    io.out(listUnfinished(dir));
    if (sessions.length === 0) return 0;
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await rl.question('Continue which one (number, enter to cancel)? ')).trim();
    rl.close();
    const picked = sessions[Number(answer) - 1];
    if (!picked) return 0;
    file = picked.file;
  }
  const journal = readJournal(file);
  for (const warning of journal.warnings) io.err(`ttx: ${stripControl(file)}: ${warning}\n`);
  if (journal.ended) {
    io.out(`${stripControl(file)} is already finished.\n`);
    return 0;
  }
  const inputs = journalInputs(journal, undefined, io.err);
  orThrow(checkArchitectureFile(journal.header.architecture.file));
  // A trainee's drill goes on in the trainee's view; a workshop's in the facilitator's.
  const output = {
    ...(options.resultsDir !== undefined ? { resultsDir: options.resultsDir } : {}),
    ...(options.results === false ? { results: false } : {}),
  };
  if (journal.header.view === 'play') return resumePlay(journal, file, undefined, output);
  const writer = JournalWriter.reopen(file, journal.completeBytes);
  return runWorkshop(
    inputs.architecture,
    inputs.scenario,
    journal.header.seed,
    journal.header.team,
    writer,
    output,
    journal,
  );
}
