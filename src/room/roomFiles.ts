import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * A room is a folder on the facilitator's machine: one session journal per team (what each team
 * did, as `ttx play` always journals it), a heartbeat per team (is its terminal still there?), and
 * one append-only control journal the facilitator writes and every team follows. No network
 * protocol: SSH logins to that machine and the file system are the whole transport.
 */
export interface RoomPaths {
  dir: string;
  controls: string;
  teams: string;
  results: string;
}

export function roomPaths(dir: string): RoomPaths {
  return {
    dir,
    controls: join(dir, 'room.jsonl'),
    teams: join(dir, 'teams'),
    results: join(dir, 'results'),
  };
}

/** The file-name form of a team name: two names that map to the same file are the same team. */
export function teamFileStem(team: string): string {
  return (
    team
      .trim()
      .replace(/[^A-Za-z0-9_.-]/g, '_')
      .slice(0, 60) || 'team'
  );
}

export const teamJournal = (paths: RoomPaths, team: string): string =>
  join(paths.teams, `${teamFileStem(team)}.jsonl`);
export const teamHeartbeat = (paths: RoomPaths, team: string): string =>
  join(paths.teams, `${teamFileStem(team)}.alive`);

/** How long without a heartbeat before a team shows as disconnected. */
export const HEARTBEAT_STALE_MS = 5_000;

/** What the facilitator asks of one team or of all (`to: '*'`). */
export type RoomControl =
  | { do: 'pause' | 'resume' }
  | { do: 'speed'; speed: 1 | 10 | 60 }
  | { do: 'inject' | 'skip'; inject: string }
  | { do: 'message'; text: string }
  | { do: 'hint'; text: string }
  /** An evaluator's rating of one of the team's objectives (always for one team). */
  | { do: 'rate'; objective: string; rating: 'P' | 'S' | 'M' | 'U' | 'NE'; text?: string };

export type ControlLine = RoomControl & { type: 'control'; seq: number; to: string; wall: string };

/** What a room plays: the drill code, and whether as an executive tabletop. */
export interface RoomHeader {
  code: string;
  /** Every team's drill is discussion-only: no technical actions (`ttx room --discussion`). */
  discussionOnly: boolean;
}

/** Creates the room's folders and its control journal (idempotent: an open room keeps its header). */
export function openRoom(
  paths: RoomPaths,
  code: string,
  now: Date,
  options: { discussionOnly?: boolean } = {},
): void {
  mkdirSync(paths.teams, { recursive: true });
  mkdirSync(paths.results, { recursive: true });
  const header = {
    type: 'room',
    format: 'ttx-room/1',
    code,
    ...(options.discussionOnly ? { discussionOnly: true } : {}),
    createdAt: now.toISOString(),
  };
  if (!existsSync(paths.controls))
    writeFileSync(paths.controls, `${JSON.stringify(header)}\n`, { flag: 'wx' });
}

/** The room's header, from the first line of its control journal. */
export function roomHeader(paths: RoomPaths): RoomHeader | undefined {
  try {
    const first = readFileSync(paths.controls, 'utf8').split('\n', 1)[0] ?? '';
    const header = JSON.parse(first) as { type?: string; code?: unknown; discussionOnly?: unknown };
    return header.type === 'room' && typeof header.code === 'string'
      ? { code: header.code, discussionOnly: header.discussionOnly === true }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The room's drill code. */
export function roomCode(paths: RoomPaths): string | undefined {
  return roomHeader(paths)?.code;
}

/** Every control line, in order; a torn last line (the facilitator's process died) is skipped. */
export function readControls(paths: RoomPaths): ControlLine[] {
  let text: string;
  try {
    text = readFileSync(paths.controls, 'utf8');
  } catch {
    return [];
  }
  const out: ControlLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JSON.parse(line) as Partial<ControlLine>;
      if (parsed.type === 'control' && typeof parsed.seq === 'number')
        out.push(parsed as ControlLine);
    } catch {
      // a torn line: the writer appends whole lines with one write, so only the last can be torn
    }
  }
  return out;
}

/** Appends one control for `to` (a team name, or `*` for everyone), fsync'ed. */
export function appendControl(
  paths: RoomPaths,
  to: string,
  control: RoomControl,
  now: Date,
): ControlLine {
  const seq = (readControls(paths).at(-1)?.seq ?? 0) + 1;
  const line: ControlLine = { type: 'control', seq, to, ...control, wall: now.toISOString() };
  const fd = openSync(paths.controls, 'a');
  try {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return line;
}

/** The team's terminal says it is there (the room shows it as disconnected when this stops). */
export function beat(file: string, now: Date): void {
  try {
    utimesSync(file, now, now);
  } catch {
    appendFileSync(file, '');
  }
}

/** Milliseconds since the team's last heartbeat; Infinity when it never had one. */
export function sinceHeartbeat(file: string, nowMs: number): number {
  try {
    return nowMs - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
