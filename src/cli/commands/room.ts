import { checkArchitectureFile, orThrow, stripControl } from '../../model/index.js';
import { applyDrillCode } from '../drillIdentity.js';
import { CliError, EXIT } from '../exitCodes.js';
import { loadDrillInputs } from '../load.js';
import type { Io } from './output.js';

export interface RoomOptions {
  code?: string;
  architecture?: string;
  /** Every team plays an executive tabletop (fixed when the room is opened). */
  discussion?: boolean;
}

/**
 * `ttx room <dir> --code <drill code>`: opens (or reopens) a room folder and follows every team
 * playing in it. The room holds no drill of its own: each team's drill is its journal.
 */
export async function roomCommand(dir: string, options: RoomOptions, io: Io): Promise<number> {
  const { openRoom, roomHeader, roomPaths } = await import('../../room/index.js');
  const paths = roomPaths(dir);
  const header = roomHeader(paths);
  const existing = header?.code;
  const code = options.code ?? existing;
  if (!code)
    throw new CliError(
      `${stripControl(dir)} is no room yet: open it with --code <drill code> (e.g. fe-bash-rce-7Q2K)`,
      EXIT.usage,
    );
  if (existing && existing.toLowerCase() !== code.toLowerCase())
    throw new CliError(
      `${stripControl(dir)} is the room of ${existing}; use another folder for ${stripControl(code)}`,
      EXIT.usage,
    );
  if (header && options.discussion && !header.discussionOnly)
    throw new CliError(
      `${stripControl(dir)} was opened for technical play; open a new room folder for a discussion-only drill`,
      EXIT.usage,
    );
  const coded = applyDrillCode(code, undefined, undefined);
  const inputs = loadDrillInputs({
    ...(coded.scenario !== undefined ? { scenario: coded.scenario } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  orThrow(checkArchitectureFile(inputs.architecture.file));
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new CliError('the room view needs an interactive terminal', EXIT.usage);
  openRoom(paths, coded.code ?? code, new Date(), {
    ...(options.discussion ? { discussionOnly: true } : {}),
  });
  io.err(
    `ttx: room ${stripControl(dir)}: teams join with  ttx play --room ${stripControl(dir)} --team <name>\n`,
  );
  const { startRoom } = await import('../../tui/index.js');
  return startRoom({
    paths,
    code: coded.code ?? code,
    architecture: inputs.architecture.model,
    scenario: inputs.scenario.model,
  });
}
