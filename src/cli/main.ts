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
    .option('--json', 'print the run as JSON')
    .action(async (scenario: string | undefined, options) => {
      const { runCommand } = await import('./commands/run.js');
      process.exitCode = runCommand(scenario, options, io.out);
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
    .option('--component <id>', 'only this component (FEServ1, WAF1, ...)')
    .option('--source <id>', 'only this log source (nginx-access, auditd, eve, ...)')
    .option('--format <format>', 'raw (the products’ own formats) or ecs-ndjson', 'raw')
    .option('--out <dir>', 'output folder (default: ./ttx-logs)')
    .option('--syslog <url>', 'stream RFC 5424 messages to udp://HOST:PORT instead of files')
    .option('--rate <n>', 'syslog messages per second (default 10000)')
    .option('--rules <files...>', 'extra detection rule files for the SIEM')
    .action(async (scenario: string | undefined, options) => {
      const { logsCommand } = await import('./commands/logs.js');
      process.exitCode = await logsCommand(scenario, options, io.out);
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
  if (error instanceof CliError) {
    err(`ttx: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`ttx: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) err(`${error.stack}\n`);
  return EXIT.failure;
}
