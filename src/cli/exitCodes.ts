/** The process exit codes of every ttx command. */
export const EXIT = {
  ok: 0,
  /** Invalid input, a failed check, a drill error. */
  failure: 1,
  /** Wrong usage: unknown command or option, missing argument, no terminal for the TUI. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the user: printed as one line (no stack trace) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
