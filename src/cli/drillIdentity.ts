import { decodeDrillCode, encodeDrillCode } from '../engine/index.js';
import { stripControl } from '../model/index.js';
import { CliError, EXIT } from './exitCodes.js';

export interface Participant {
  name: string;
  role: string;
}

/** Who plays: a team name and its members, as given on the command line. */
export interface TeamInfo {
  name: string;
  participants: Participant[];
}

/**
 * `--code fe-bash-rce-7Q2K` means scenario fe-bash-rce, seed 7Q2K decoded. A scenario or seed given
 * as well must agree with the code (two sources of truth would run a different drill).
 */
export function applyDrillCode(
  code: string | undefined,
  scenario: string | undefined,
  seed: string | undefined,
): { scenario: string | undefined; seed: string | undefined; code?: string } {
  if (code === undefined) return { scenario, seed };
  const decoded = decodeDrillCode(code);
  if (!decoded)
    throw new CliError(
      `"${stripControl(code)}" is not a drill code (expected <scenario>-<4 characters>, e.g. fe-bash-rce-7Q2K)`,
      EXIT.usage,
    );
  if (scenario !== undefined && scenario !== decoded.scenarioId)
    throw new CliError(
      `the code is for scenario ${decoded.scenarioId}, not ${stripControl(scenario)}: give one or the other`,
      EXIT.usage,
    );
  if (seed !== undefined && seed !== String(decoded.seed))
    throw new CliError('a drill code already holds the seed: drop --seed', EXIT.usage);
  return {
    scenario: decoded.scenarioId,
    seed: String(decoded.seed),
    code: encodeDrillCode(decoded.scenarioId, decoded.seed),
  };
}

/** `"Ana Lima:incident lead"` -> { name, role }; a missing role reads as "participant". */
export function parseParticipant(text: string): Participant {
  const clean = stripControl(text).trim();
  const colon = clean.lastIndexOf(':');
  const name = (colon > 0 ? clean.slice(0, colon) : clean).trim();
  const role = (colon > 0 ? clean.slice(colon + 1) : '').trim() || 'participant';
  if (!name) throw new CliError(`--participant "${clean}": expected "Name:role"`, EXIT.usage);
  return { name: name.slice(0, 80), role: role.slice(0, 80) };
}

/** The team from `--team` and `--participant` options (undefined when neither is given). */
export function teamFromOptions(
  team: string | undefined,
  participants: string[] | undefined,
): TeamInfo | undefined {
  if (team === undefined && !participants?.length) return undefined;
  return {
    name: stripControl(team ?? 'team').trim() || 'team',
    participants: (participants ?? []).map(parseParticipant),
  };
}
