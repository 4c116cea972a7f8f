import type { Key } from 'ink';

/** The facilitator's commands. Team keys go through the trainee key table (keymap.ts). */
export type FacilitatorCommand =
  | 'start-pause'
  | 'speed'
  | 'up'
  | 'down'
  | 'trigger'
  | 'skip'
  | 'manual'
  | 'hint'
  | 'observe'
  | 'rate'
  | 'decide'
  | 'hand-over'
  | 'end'
  | 'quit';

export interface FacilitatorBinding {
  command: FacilitatorCommand;
  keys: string[];
  label: string;
}

/** One table: the facilitator key bar and the help read it too. */
export const FACILITATOR_BINDINGS: FacilitatorBinding[] = [
  { command: 'start-pause', keys: [' '], label: 'space start/pause' },
  { command: 'speed', keys: ['s'], label: 's speed' },
  { command: 'up', keys: ['up', 'k'], label: '' },
  { command: 'down', keys: ['down', 'j'], label: '↑↓ select' },
  { command: 'trigger', keys: ['t'], label: 't trigger now' },
  { command: 'skip', keys: ['x'], label: 'x skip' },
  { command: 'manual', keys: ['m'], label: 'm manual inject' },
  { command: 'hint', keys: ['h'], label: 'h hint' },
  { command: 'observe', keys: ['o'], label: 'o observe' },
  { command: 'rate', keys: ['r'], label: 'r rate objective' },
  { command: 'decide', keys: ['d'], label: 'd record decision' },
  { command: 'hand-over', keys: ['tab'], label: 'tab team' },
  { command: 'end', keys: ['E'], label: 'E end' },
  { command: 'quit', keys: ['q'], label: 'q quit' },
];

/** The key that takes the keyboard back from the team (ctrl+f, "facilitator"). */
export function isTakeBack(input: string, key: Key): boolean {
  return key.ctrl && input === 'f';
}

export function resolveFacilitatorKey(input: string, key: Key): FacilitatorCommand | undefined {
  const name = key.upArrow ? 'up' : key.downArrow ? 'down' : key.tab ? 'tab' : input;
  return FACILITATOR_BINDINGS.find((b) => b.keys.includes(name))?.command;
}
