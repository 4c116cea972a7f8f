import { CliError, EXIT } from '../exitCodes.js';
import { defaultArchitecturePath, listScenarioFiles, resolveScenarioPath } from '../paths.js';

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
  const selectedFile = resolveScenarioPath(scenario);
  const { startTui } = await import('../../tui/index.js');
  return startTui({
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    architectureFile: options.architecture ?? defaultArchitecturePath(),
    scenarioFiles: listScenarioFiles(),
    selectedFile,
    isExplicit: scenario !== undefined,
  });
}
