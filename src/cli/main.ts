import type { PlayOptions } from './commands/play.js';
import { Command, CommanderError, Option } from 'commander';
// Straight from the module, not the model index: --help must not parse zod and yaml.
import { InputError, formatDiagnostic, stripControl } from '../model/diagnostic.js';
import { CliError, EXIT } from './exitCodes.js';
import { VERSION } from './version.js';
import { fileErrorAdvice } from '../export/fileWriteError.js';
import { tuneNewSpaceIfInteractive } from '../tui/heap.js';

/**
 * A file-system error of the machine (full disk, permissions, read-only, missing folder) that
 * escaped a command: named with its path and what to do, not reported as an internal error.
 */
function systemErrorText(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const advice = fileErrorAdvice(code);
  if (advice === undefined) return undefined;
  return `${path !== undefined ? `${stripControl(path)}: ` : ''}${advice} (${code})`;
}

/** Commander collector for repeatable options. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Where a command writes: standard output and standard error, or a test's buffers. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Raw standard error for our own progress line (CR redraws); default `err`. */
  status?: (s: string) => void;
}

/**
 * The ttx command line. Commands import their modules lazily, so `--help`, `--version` and the
 * headless commands never load React or Ink. Each command hands its exit code to `exitWith`
 * rather than setting the global `process.exitCode`, so the program runs in process (tests) as
 * it runs as a binary.
 */
export function buildProgram(raw: CliIo, exitWith: (code: number) => void): Command {
  // The terminal sanitiser on every byte a command prints: whatever a file name, a CLI value, a
  // journal or a scenario carries, no escape sequence or bidi control reaches the terminal.
  const io = {
    out: (s: string) => raw.out(stripControl(s)),
    err: (s: string) => raw.err(stripControl(s)),
    status: raw.status ?? raw.err,
  };
  const program = new Command('ttx')
    .description('Tabletop incident-response drills in the terminal.')
    .version(VERSION, '-V, --version')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('play', { isDefault: true })
    .description('play a drill in the terminal UI (the default command)')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('-s, --seed <seed>', 'seed for the drill (same seed, same drill)')
    .option(
      '-a, --architecture <file>',
      'architecture file (default: the built-in architecture.yaml)',
    )
    .option('--trainee <name>', 'trainee name recorded in the results')
    .option('--team <name>', 'team name recorded in the results')
    .option('--participant <name:role>', 'a team member and role (repeatable)', collect)
    .option('--code <code>', 'drill code (scenario + seed) so every team runs the identical drill')
    .option('--sessions <dir>', 'folder for the session journal', 'results/sessions')
    .option('--results-dir <dir>', 'folder for the results file', 'results')
    .option('--no-results', 'do not write a results file')
    .option(
      '--coach',
      'incident-101 coached mode: hints, explanations, glossary (default scenario: intro-static-webshell)',
    )
    .option(
      '--discussion',
      'discussion-only (executive) tabletop: injects, questions, decisions, the clock; no technical actions',
    )
    .option('--room <dir>', "play as a team of a facilitator's room (with --team)")
    .action(async (scenario: string | undefined, options: PlayOptions) => {
      tuneNewSpaceIfInteractive();
      const { playCommand } = await import('./commands/play.js');
      exitWith(await playCommand(scenario, options));
    });

  program
    .command('run')
    .description('play a drill headless from a timed action script and print its trace and outcome')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('-s, --seed <seed>', 'seed for the drill (default: the script’s seed, else 1)')
    .option('--actions <file>', 'timed action script (YAML list of {at, do, target, ...})')
    .option('-a, --architecture <file>', 'architecture file')
    .option(
      '--autopilot <mode>',
      'play without a script: best (the expected responses), none, random',
    )
    .option('--inject <id>', 'fire one inject alone and print the alerts and log lines it produces')
    .option('--json', 'print the run as JSON (with the score)')
    .option(
      '--rubric <id-or-file>',
      'scoring rubric (default: the scenario’s, else scoring/default.yaml)',
    )
    .option('--results-dir <dir>', 'folder for the results file', 'results')
    .option('--no-results', 'do not write a results file')
    .option('--trainee <name>', 'trainee name recorded in the results')
    .option('--team <name>', 'team name recorded in the results')
    .option('--participant <name:role>', 'a team member and role (repeatable)', collect)
    .option('--code <code>', 'drill code (scenario + seed), e.g. fe-bash-rce-7Q2K')
    .option('--journal <file>', 'append every action to this session journal as it is taken')
    .option('--pace <ms>', 'sleep this many real ms after each journaled action')
    .action(async (scenario: string | undefined, options) => {
      const { runCommand } = await import('./commands/run.js');
      exitWith(runCommand(scenario, options, io.out, io.err));
    });

  program
    .command('export')
    .description('turn a results file into an after-action report (Markdown, CSV, HTML or JSON)')
    .argument('<results>', 'a results file written by ttx run or the terminal UI')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['markdown', 'csv', 'csv-summary', 'html', 'json', 'navigator'])
        .default('markdown'),
    )
    .option('-o, --out <file>', 'write to a file (atomically) instead of standard output')
    .option(
      '--no-explain',
      'leave out the replays behind "why it happened" (Markdown and HTML reports)',
    )
    .option(
      '--scenario <id-or-file>',
      'scenario to replay with for the reasons and the Navigator layer (default: the saved id)',
    )
    .action(async (file: string, options) => {
      const { exportCommand } = await import('./commands/export.js');
      exitWith(exportCommand(file, options, io));
    });

  program
    .command('replay')
    .description('re-run a saved drill from its seed and action log; check the trace and score')
    .argument('<results>', 'a results file')
    .option('--scenario <id-or-file>', 'scenario to replay with (default: the saved scenario id)')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--rubric <id-or-file>', 'rubric (default: the saved rubric id)')
    .action(async (file: string, options) => {
      const { replayCommand } = await import('./commands/replay.js');
      exitWith(replayCommand(file, options, io));
    });

  program
    .command('workshop')
    .description('the facilitator’s projector view: pause, trigger, skip, hints, observations')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('--code <code>', 'drill code (scenario + seed), e.g. fe-bash-rce-7Q2K')
    .option('-s, --seed <seed>', 'seed for the drill (default 1)')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--team <name>', 'team name (without it and --participant: asked at start)')
    .option('--participant <name:role>', 'a team member and role (repeatable)', collect)
    .option('--sessions <dir>', 'folder for the session journal', 'results/sessions')
    .option('--results-dir <dir>', 'folder for the results file', 'results')
    .option('--no-results', 'do not write a results file')
    .option('--discussion', 'discussion-only (executive) tabletop: no technical actions')
    .action(async (scenario: string | undefined, options) => {
      tuneNewSpaceIfInteractive();
      const { workshopCommand } = await import('./commands/workshop.js');
      exitWith(await workshopCommand(scenario, options, io));
    });

  program
    .command('resume')
    .description('list unfinished sessions, or continue one exactly where it stopped')
    .argument('[journal]', 'a session journal (.jsonl); without it: list the unfinished ones')
    .option('--sessions <dir>', 'folder of session journals', 'results/sessions')
    .option('--actions <file>', 'headless: the action script the interrupted run was playing')
    .option('--headless', 'continue without the terminal UI (the default without a terminal)')
    .option('--pace <ms>', 'sleep this many real ms after each continued action')
    .option('--results-dir <dir>', 'folder for the results file', 'results')
    .option('--no-results', 'do not write a results file')
    .action(async (journal: string | undefined, options) => {
      const isInteractive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      if (!options.headless && isInteractive) {
        tuneNewSpaceIfInteractive();
        const { resumeInteractive } = await import('./commands/workshop.js');
        exitWith(await resumeInteractive(journal, options, io));
        return;
      }
      const { resumeCommand } = await import('./commands/resume.js');
      exitWith(resumeCommand(journal, options, io));
    });

  program
    .command('report')
    .description('aggregate many results for a preparedness review (by scenario, team, trainee)')
    .argument('<paths...>', 'results files or folders holding them')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown', 'csv', 'html', 'navigator'])
        .default('table'),
    )
    .option('-o, --out <file>', 'write to a file (atomically) instead of standard output')
    .option(
      '--leaderboard',
      'rank the teams of each drill code by score, then time to contain; show where they diverged',
    )
    .option(
      '-a, --architecture <file>',
      'architecture whose plan step titles the report names (default: the built-in one)',
    )
    .action(async (paths: string[], options) => {
      const { reportCommand } = await import('./commands/report.js');
      exitWith(reportCommand(paths, options, io));
    });

  program
    .command('simulate')
    .description(
      'play many seeded drills headless with one policy: score histogram, outcome shares, gates',
    )
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('-n, --runs <n>', 'how many drills (seeds from --seed-from on)', '1000')
    .option('--policy <policy>', 'best, none, random, or an action script file', 'best')
    .option('--seed-from <n>', 'first seed', '1')
    .option('--workers <n>', 'worker threads (default: one per core for 200 runs or more)')
    .option('-a, --architecture <file>', 'architecture file (default: the built-in one)')
    .option('--rubric <id-or-file>', "rubric to score with (default: the scenario's)")
    .option('--json', 'print the distribution as JSON')
    .action(async (scenario: string | undefined, options) => {
      const { simulateCommand } = await import('./commands/simulate.js');
      exitWith(await simulateCommand(scenario, options, io));
    });

  program
    .command('whatif')
    .description(
      'replay a results file with actions added or removed: the difference in outcome and score',
    )
    .argument('<results>', 'a results file (results/*.json)')
    .option('--at <time>', 'when the added actions start (T+00:52:58, 52:58 or 52m)')
    .option(
      '--do <action>',
      'an action to add: its id then its target, address, contact... (repeatable)',
      collect,
    )
    .option('--drop <n>', 'remove the n-th action of the log, from 1 (repeatable)', collect)
    .option('--scenario <id-or-file>', 'the scenario file (default: the saved scenario id)')
    .option('-a, --architecture <file>', 'architecture file (default: the built-in one)')
    .option('--json', 'print the comparison as JSON')
    .action(async (results: string, options) => {
      const { whatIfCommand } = await import('./commands/whatif.js');
      exitWith(whatIfCommand(results, options, io));
    });

  program
    .command('validate')
    .description('check scenarios, the architecture and action scripts; every error located')
    .argument(
      '[files...]',
      'files to check (default: architecture.yaml and every built-in scenario)',
    )
    .option('-a, --architecture <file>', 'architecture to check references against')
    .option('--scenario <id-or-file>', 'scenario to check action scripts against')
    .option('--json', 'print the diagnostics as JSON')
    .action(async (files: string[], options) => {
      const { validateCommand } = await import('./commands/validate.js');
      exitWith(validateCommand(files, options, io.out));
    });

  program
    .command('lint')
    .description(
      'find what the schema cannot see: unreachable states, injects that never fire, ...',
    )
    .argument('[paths...]', 'scenario files, folders or ids (default: every built-in scenario)')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--strict', 'exit 1 on warnings too')
    .option('--json', 'print the diagnostics as JSON')
    .action(async (paths: string[], options) => {
      const { lintCommand } = await import('./commands/lint.js');
      exitWith(lintCommand(paths, options, io.out));
    });

  program
    .command('test')
    .description(
      "run scenarios' tests (their tests: and <id>.tests.yaml beside them) and the scoring gates",
    )
    .argument(
      '[paths...]',
      'scenario or tests files, folders or ids (default: every built-in scenario)',
    )
    .option('-a, --architecture <file>', 'architecture file')
    .option('--json', 'print the outcomes as JSON')
    .option('--no-gates', 'skip the scoring gates (model answer, no response, shortcuts)')
    .action(async (paths: string[], options) => {
      const { testCommand } = await import('./commands/test.js');
      exitWith(testCommand(paths, options, io.out));
    });

  program
    .command('timeline')
    .description('the Master Scenario Events List: every inject, when, from whom, what to do')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown', 'csv'])
        .default('table'),
    )
    .option('-a, --architecture <file>', 'architecture file')
    .action(async (scenario: string | undefined, options) => {
      const { timelineCommand } = await import('./commands/timeline.js');
      exitWith(timelineCommand(scenario, options, io.out));
    });

  program
    .command('room')
    .description("the facilitator's live view of every team playing one drill code")
    .argument('<dir>', 'the room folder (teams join with ttx play --room <dir> --team <name>)')
    .option('--code <code>', 'drill code the room plays (needed when the room is new)')
    .option(
      '--discussion',
      "every team plays a discussion-only (executive) tabletop (a new room's choice)",
    )
    .option('-a, --architecture <file>', 'architecture file')
    .action(async (dir: string, options) => {
      tuneNewSpaceIfInteractive();
      const { roomCommand } = await import('./commands/room.js');
      exitWith(await roomCommand(dir, options, io));
    });

  program
    .command('eeg')
    .description(
      'the Exercise Evaluation Guide: objectives, critical tasks, where to observe them, rating fields',
    )
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['markdown', 'html'])
        .default('markdown'),
    )
    .option('-a, --architecture <file>', 'architecture file')
    .option('-o, --out <file>', 'write to this file (atomically) instead of standard output')
    .action(async (scenario: string | undefined, options) => {
      const { eegCommand } = await import('./commands/eeg.js');
      exitWith(eegCommand(scenario, options, io));
    });

  program
    .command('graph')
    .description('the scenario machine (states, moves, inject triggers) as Mermaid or Graphviz DOT')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['mermaid', 'dot'])
        .default('mermaid'),
    )
    .option('-a, --architecture <file>', 'architecture file')
    .action(async (scenario: string | undefined, options) => {
      const { graphCommand } = await import('./commands/graph.js');
      exitWith(graphCommand(scenario, options, io.out));
    });

  const msel = program
    .command('msel')
    .description('MSEL spreadsheets (CSV): import as a scenario skeleton, export');
  msel
    .command('import')
    .description('turn an MSEL CSV into a scenario skeleton (YAML)')
    .argument(
      '<csv>',
      'the MSEL as CSV (columns such as Time, Inject type, From, To, Description, Expected action)',
    )
    .option('--id <id>', 'the new scenario id (default: from the file name)')
    .option('-o, --out <file>', 'write the skeleton here (default: stdout)')
    .option('--force', 'replace an existing file')
    .option('-a, --architecture <file>', 'architecture file')
    .action(async (csv: string, options) => {
      const { mselImportCommand } = await import('./commands/msel.js');
      exitWith(mselImportCommand(csv, options, io.out, io.err));
    });
  msel
    .command('export')
    .description('write a scenario timeline as MSEL CSV')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('-o, --out <file>', 'write the CSV here (default: stdout)')
    .option('--force', 'replace an existing file')
    .option('-a, --architecture <file>', 'architecture file')
    .action(async (scenario: string | undefined, options) => {
      const { mselExportCommand } = await import('./commands/msel.js');
      exitWith(mselExportCommand(scenario, options, io.out));
    });

  program
    .command('new')
    .description('write a commented scenario scaffold that validates, lints clean and plays')
    .argument('<id>', 'the new scenario id')
    .option('-o, --out <file>', 'where to write it (default: <id>.yaml)')
    .option('--force', 'replace an existing file')
    .option('-a, --architecture <file>', 'architecture file')
    .action(async (id: string, options) => {
      const { newCommand } = await import('./commands/new.js');
      exitWith(newCommand(id, options, io.err));
    });

  program
    .command('logs')
    .description(
      'write the drill’s synthetic logs as files named like the real ones, or stream them to syslog',
    )
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('-s, --seed <seed>', 'seed (default: the script’s seed, else 1)')
    .option('--actions <file>', 'timed action script the drill is played with')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--from <duration>', 'start of the window, simulated time since T+0 (default 0)')
    .option('--to <duration>', 'end of the window (default: the end of the drill)')
    .option('--component <id>', 'only this component (a component id of the architecture)')
    .option('--source <id>', 'only this log source (nginx-access, auditd, eve, ...)')
    .option('--format <format>', 'raw (the products’ own formats) or ecs-ndjson', 'raw')
    .option('--out <dir>', 'output folder (default: ./ttx-logs)')
    .option(
      '--syslog <url>',
      'stream RFC 5424 messages to udp://HOST:PORT or tcp://HOST:PORT (octet counting, RFC 6587) instead of files',
    )
    .option(
      '--rate <n>',
      'UDP syslog messages per second (default 10000; TCP is paced by the socket)',
    )
    .option('--rules <files...>', 'extra detection rule files for the SIEM')
    .action(async (scenario: string | undefined, options) => {
      const { logsCommand } = await import('./commands/logs.js');
      exitWith(await logsCommand(scenario, options, io.out));
    });

  program
    .command('search')
    .description(
      'search the SIEM: every log line the drill wrote from T+0 up to --at, never beyond',
    )
    .argument('[scenario]', 'scenario id or file, or a results file (.json) (default: fe-bash-rce)')
    .requiredOption('--at <time>', 'the simulated time of the search (e.g. 45m)')
    .requiredOption('-q, --query <query>', "Lucene/KQL-style query, e.g. 'source.ip:203.0.113.7'")
    .option('-s, --seed <seed>', 'seed (default: the script’s seed, else 1)')
    .option('--actions <file>', 'timed action script the drill is played with (up to --at)')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--limit <n>', 'matches shown, newest first (default 50)')
    .option('--json', 'machine-readable output (format ttx-search/1)')
    .action(async (scenario: string | undefined, options) => {
      const { searchCommand } = await import('./commands/search.js');
      exitWith(searchCommand(scenario, options, io.out));
    });

  program
    .command('shell')
    .description(
      'run a command on a simulated host console at a simulated time (nothing runs for real)',
    )
    .argument('[scenario]', 'scenario id or file, or a results file (.json)')
    .argument('<command>', "the command line, quoted (e.g. 'ps aux')")
    .requiredOption('--host <id>', 'the host (a component id of the architecture)')
    .requiredOption('--at <time>', 'the simulated time (e.g. 45m)')
    .option('-s, --seed <seed>', 'seed (default: the script’s seed, else 1)')
    .option('--actions <file>', 'timed action script the drill is played with (up to --at)')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--json', 'machine-readable output (format ttx-shell/1)')
    .action(async (scenario: string | undefined, command: string, options) => {
      const { shellCommand } = await import('./commands/shell.js');
      exitWith(shellCommand(scenario, command, options, io.out));
    });

  program.addOption(new Option('--debug', 'print stack traces of internal errors').hideHelp());
  return program;
}

/** Runs one ttx command line (without `node ttx`) and gives its exit code; never exits. */
export async function runTtx(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io.err, argv.includes('--debug'));
  }
}

export function main(argv: string[]): Promise<number> {
  return runTtx(argv, {
    out: (s: string) => void process.stdout.write(s),
    err: (s: string) => void process.stderr.write(s),
    // Our own progress line (numbers and `#`, redrawn with CR): the one raw channel.
    status: (s: string) => void process.stderr.write(s),
  });
}

/** `error` is a `type`, from this copy of its module or another bundle's (named `name`). */
function isError<T extends Error>(
  error: unknown,
  type: abstract new (...args: never[]) => T,
  name: string,
): error is T {
  return error instanceof type || (error instanceof Error && error.name === name);
}

export function reportError(error: unknown, write: (s: string) => void, debug = false): number {
  // Messages quote file names and values the user gave: the terminal sanitiser on all of them.
  const err = (s: string) => write(stripControl(s));
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are successes.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  // By name, not instanceof: the binary's entry (dist/cli.cjs) and the command modules it imports
  // (ES modules, decision 1060) each carry their own copy of these classes.
  if (isError(error, InputError, 'InputError')) {
    err(`${error.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}\n`);
    err(`ttx: ${error.diagnostics.length} problem(s) in the input; nothing was run\n`);
    return EXIT.failure;
  }
  // Named, not imported: main.ts stays light (--help never loads the export or session modules).
  if (
    error instanceof Error &&
    ['ResultsFileError', 'JournalError', 'FileWriteError'].includes(error.name)
  ) {
    err(`ttx: ${stripControl(error.message)}\n`);
    return EXIT.failure;
  }
  if (isError(error, CliError, 'CliError')) {
    err(`ttx: ${error.message}\n`);
    return error.exitCode;
  }
  const system = systemErrorText(error);
  if (system !== undefined) {
    err(`ttx: ${system}\n`);
    if (debug && error instanceof Error && error.stack) err(`${error.stack}\n`);
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`ttx: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) err(`${error.stack}\n`);
  return EXIT.failure;
}
