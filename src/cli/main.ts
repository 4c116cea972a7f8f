import { Command, CommanderError, Option } from 'commander';
import { InputError, formatDiagnostic } from '../model/index.js';
import { CliError, EXIT } from './exitCodes.js';
import { VERSION } from './version.js';

/**
 * The ttx command line. Commands import their modules lazily, so `--help`, `--version` and the
 * headless commands never load React or Ink.
 */
export function buildProgram(io: { out: (s: string) => void; err: (s: string) => void }): Command {
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
    .action(
      async (scenario: string | undefined, options: { seed?: string; architecture?: string }) => {
        const { playCommand } = await import('./commands/play.js');
        process.exitCode = await playCommand(scenario, options);
      },
    );

  program
    .command('run')
    .description('play a drill headless from a timed action script and print its trace and outcome')
    .argument('[scenario]', 'scenario id or file (default: fe-bash-rce)')
    .option('-s, --seed <seed>', 'seed for the drill (default: the script’s seed, else 1)')
    .option('--actions <file>', 'timed action script (YAML list of {at, do, target, ...})')
    .option('-a, --architecture <file>', 'architecture file')
    .option('--json', 'print the run as JSON (with the score)')
    .option(
      '--rubric <id-or-file>',
      'scoring rubric (default: the scenario’s, else scoring/default.yaml)',
    )
    .option('--results-dir <dir>', 'folder for the results file', 'results')
    .option('--no-results', 'do not write a results file')
    .option('--trainee <name>', 'trainee name recorded in the results')
    .option('--team <name>', 'team name recorded in the results')
    .action(async (scenario: string | undefined, options) => {
      const { runCommand } = await import('./commands/run.js');
      process.exitCode = runCommand(scenario, options, io.out, io.err);
    });

  program
    .command('export')
    .description('turn a results file into an after-action report (Markdown, CSV, HTML or JSON)')
    .argument('<results>', 'a results file written by ttx run or the terminal UI')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['markdown', 'csv', 'csv-summary', 'html', 'json'])
        .default('markdown'),
    )
    .option('-o, --out <file>', 'write to a file (atomically) instead of standard output')
    .action(async (file: string, options) => {
      const { exportCommand } = await import('./commands/export.js');
      process.exitCode = exportCommand(file, options, io);
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
      process.exitCode = replayCommand(file, options, io);
    });

  program
    .command('report')
    .description('aggregate many results for a preparedness review (by scenario, team, trainee)')
    .argument('<paths...>', 'results files or folders holding them')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown', 'csv', 'html'])
        .default('table'),
    )
    .option('-o, --out <file>', 'write to a file (atomically) instead of standard output')
    .action(async (paths: string[], options) => {
      const { reportCommand } = await import('./commands/report.js');
      process.exitCode = reportCommand(paths, options, io);
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
      process.exitCode = validateCommand(files, options, io.out);
    });

  program.addOption(new Option('--debug', 'print stack traces of internal errors').hideHelp());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const io = {
    out: (s: string) => void process.stdout.write(s),
    err: (s: string) => void process.stderr.write(s),
  };
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return reportError(error, io.err, argv.includes('--debug'));
  }
}

export function reportError(error: unknown, err: (s: string) => void, debug = false): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are successes.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof InputError) {
    err(`${error.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}\n`);
    err(`ttx: ${error.diagnostics.length} problem(s) in the input; nothing was run\n`);
    return EXIT.failure;
  }
  if (error instanceof Error && error.name === 'ResultsFileError') {
    err(`ttx: ${error.message}\n`);
    return EXIT.failure;
  }
  if (error instanceof CliError) {
    err(`ttx: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`ttx: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) err(`${error.stack}\n`);
  return EXIT.failure;
}
