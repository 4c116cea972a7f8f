import type { Key } from 'ink';

export type RoomCommand =
  | 'up'
  | 'down'
  | 'target'
  | 'pause'
  | 'speed'
  | 'inject'
  | 'skip'
  | 'message'
  | 'hint'
  | 'board'
  | 'rate'
  | 'quit';

/** One table: the room's key bar reads it too. */
export const ROOM_BINDINGS: Array<{ command: RoomCommand; keys: string[]; label: string }> = [
  { command: 'up', keys: ['up', 'k'], label: 'up/down team' },
  { command: 'down', keys: ['down', 'j'], label: '' },
  { command: 'target', keys: ['tab'], label: 'tab all/one team' },
  { command: 'pause', keys: [' '], label: 'space pause/resume' },
  { command: 'speed', keys: ['s'], label: 's speed' },
  { command: 'inject', keys: ['t'], label: 't trigger inject' },
  { command: 'skip', keys: ['x'], label: 'x skip inject' },
  { command: 'message', keys: ['b'], label: 'b broadcast' },
  { command: 'hint', keys: ['h'], label: 'h hint' },
  { command: 'rate', keys: ['r'], label: 'r rate the team' },
  { command: 'board', keys: ['L'], label: 'L leaderboard' },
  { command: 'quit', keys: ['q'], label: 'q quit (teams play on)' },
];

export function resolveRoomKey(input: string, key: Key): RoomCommand | undefined {
  const name = key.upArrow ? 'up' : key.downArrow ? 'down' : key.tab ? 'tab' : input;
  return ROOM_BINDINGS.find((b) => b.keys.includes(name))?.command;
}
