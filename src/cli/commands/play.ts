import { CliError, EXIT } from '../exitCodes.js';

export interface PlayOptions {
  seed?: string;
  architecture?: string;
}

/** Opens the terminal UI; without a terminal it says what to use instead and exits 2. */
export async function playCommand(
  scenario: string | undefined,
  options: PlayOptions,
): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError(
      'the drill UI needs an interactive terminal; for a headless drill use `ttx run [scenario] --actions <file>`',
      EXIT.usage,
    );
  }
  const { startTui } = await import('../../tui/index.js');
  return startTui({ scenario, ...options });
}
