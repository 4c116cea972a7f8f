import type { Key } from 'ink';

/** Every command the UI knows. Keys map to commands in one table below; nothing else reads keys. */
export type Command =
  | 'quit'
  | 'help'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'select'
  | 'back'
  | 'focus-next'
  | 'focus-prev'
  | 'pause'
  | 'speed'
  | 'mode'
  | 'next-event'
  | 'wait'
  | 'tab-logs'
  | 'tab-plan'
  | 'tab-escalate'
  | 'tab-actions'
  | 'tab-notes'
  | 'tab-search'
  | 'tab-console'
  | 'tab-notebook'
  | 'mark'
  | 'pivot-add'
  | 'pivot-exclude'
  | 'log-wrap'
  | 'acknowledge'
  | 'log-component'
  | 'log-source'
  | 'log-search'
  | 'log-follow'
  | 'note'
  | 'declare-severity'
  | 'end-drill'
  | 'yes'
  | 'no'
  | 'debrief-dashboard'
  | 'coach-hint'
  | 'glossary'
  | 'decide';

/** Where a binding applies. `global` is every screen when no text is being typed. */
export type Scope =
  | 'global'
  | 'picker'
  | 'briefing'
  | 'dashboard'
  | 'debrief'
  | 'confirm'
  /** The dashboard in coached mode (before `dashboard`, so `h` asks for a hint there). */
  | 'coach';

/** A key: a printable character, or a named key Ink reports as a flag. */
export type KeySpec =
  | string
  | {
      name:
        | 'up'
        | 'down'
        | 'left'
        | 'right'
        | 'pageUp'
        | 'pageDown'
        | 'home'
        | 'end'
        | 'return'
        | 'escape'
        | 'tab'
        | 'shift-tab'
        | 'ctrl-c';
    };

export interface Binding {
  command: Command;
  keys: KeySpec[];
  scopes: Scope[];
  /** For the help screen and the README. */
  help: string;
}

const k = (name: Extract<KeySpec, object>['name']): KeySpec => ({ name });

/** The one key-binding table. Earlier scopes in the active list win (see `resolveKey`). */
export const BINDINGS: Binding[] = [
  { command: 'yes', keys: ['y', k('return')], scopes: ['confirm'], help: 'confirm' },
  {
    command: 'coach-hint',
    keys: ['h'],
    scopes: ['coach'],
    help: 'coached mode: show / hide the coach’s hints for this phase',
  },
  {
    command: 'glossary',
    keys: ['t'],
    scopes: ['coach'],
    help: 'coached mode: glossary of terms (IPS, WAF, SIEM...)',
  },
  { command: 'no', keys: ['n', k('escape')], scopes: ['confirm'], help: 'cancel' },
  {
    command: 'quit',
    keys: ['q', k('ctrl-c')],
    scopes: ['global'],
    help: 'quit (asks first during a drill)',
  },
  { command: 'help', keys: ['?'], scopes: ['global'], help: 'show or hide this help' },
  { command: 'up', keys: [k('up'), 'k'], scopes: ['global'], help: 'move up' },
  { command: 'down', keys: [k('down'), 'j'], scopes: ['global'], help: 'move down' },
  {
    command: 'left',
    keys: [k('left'), 'h'],
    scopes: ['global'],
    help: 'move left / previous channel',
  },
  {
    command: 'right',
    keys: [k('right'), 'l'],
    scopes: ['global'],
    help: 'move right / next channel',
  },
  { command: 'page-up', keys: [k('pageUp')], scopes: ['global'], help: 'scroll back a page' },
  {
    command: 'page-down',
    keys: [k('pageDown')],
    scopes: ['global'],
    help: 'scroll forward a page',
  },
  {
    command: 'top',
    keys: [k('home'), 'g'],
    scopes: ['global'],
    help: 'to the first / oldest line',
  },
  {
    command: 'bottom',
    keys: [k('end'), 'G'],
    scopes: ['global'],
    help: 'to the last line; logs follow again',
  },
  {
    command: 'select',
    keys: [k('return')],
    scopes: ['global'],
    help: 'open / choose / take the action',
  },
  { command: 'back', keys: [k('escape')], scopes: ['global'], help: 'close / go back' },
  {
    command: 'focus-next',
    keys: [k('tab')],
    scopes: ['dashboard'],
    help: 'focus the next panel (map, alerts, work)',
  },
  {
    command: 'focus-prev',
    keys: [k('shift-tab')],
    scopes: ['dashboard'],
    help: 'focus the previous panel',
  },
  {
    command: 'pause',
    keys: ['p'],
    scopes: ['dashboard'],
    help: 'pause / resume the clock (realtime)',
  },
  {
    command: 'speed',
    keys: ['s'],
    scopes: ['dashboard', 'briefing'],
    help: 'speed 1x / 10x / 60x',
  },
  {
    command: 'mode',
    keys: ['m'],
    scopes: ['dashboard', 'briefing'],
    help: 'realtime / turn-based mode',
  },
  { command: 'next-event', keys: ['n'], scopes: ['dashboard'], help: 'advance to the next event' },
  { command: 'wait', keys: ['w'], scopes: ['dashboard'], help: 'wait 5 simulated minutes' },
  { command: 'tab-logs', keys: ['1'], scopes: ['dashboard'], help: 'work panel: log stream' },
  { command: 'tab-plan', keys: ['2'], scopes: ['dashboard'], help: 'work panel: emergency plan' },
  { command: 'tab-escalate', keys: ['3'], scopes: ['dashboard'], help: 'work panel: escalation' },
  {
    command: 'tab-actions',
    keys: ['4'],
    scopes: ['dashboard'],
    help: 'work panel: actions on the selected component',
  },
  { command: 'tab-notes', keys: ['5'], scopes: ['dashboard'], help: 'work panel: notes' },
  {
    command: 'tab-search',
    keys: ['6'],
    scopes: ['dashboard'],
    help: 'work panel: SIEM search (/ types a query, Enter opens a result)',
  },
  {
    command: 'tab-console',
    keys: ['7'],
    scopes: ['dashboard'],
    help: 'work panel: console on the selected host (Enter types a command)',
  },
  {
    command: 'tab-notebook',
    keys: ['8'],
    scopes: ['dashboard'],
    help: 'work panel: notebook of indicators',
  },
  {
    command: 'mark',
    keys: ['M'],
    scopes: ['dashboard'],
    help: 'mark an indicator in the notebook (the selected field in a line, or typed)',
  },
  {
    command: 'decide',
    keys: ['D'],
    scopes: ['dashboard'],
    help: "record the team's decision at a decision point (option, owner, rationale, follow-up)",
  },
  {
    command: 'pivot-add',
    keys: ['+'],
    scopes: ['dashboard'],
    help: 'opened line: add the selected field to the search',
  },
  {
    command: 'pivot-exclude',
    keys: ['-'],
    scopes: ['dashboard'],
    help: 'opened line: exclude the selected field from the search',
  },
  {
    command: 'log-wrap',
    keys: ['W'],
    scopes: ['dashboard'],
    help: 'logs: wrap long lines / cut them',
  },
  {
    command: 'acknowledge',
    keys: ['a'],
    scopes: ['dashboard'],
    help: 'acknowledge the selected alert',
  },
  {
    command: 'log-component',
    keys: ['c'],
    scopes: ['dashboard'],
    help: 'logs: filter by component',
  },
  { command: 'log-source', keys: ['o'], scopes: ['dashboard'], help: 'logs: filter by source' },
  { command: 'log-search', keys: ['/'], scopes: ['dashboard'], help: 'logs: search text' },
  {
    command: 'log-follow',
    keys: ['f', ' '],
    scopes: ['dashboard'],
    help: 'logs: pause / follow the stream',
  },
  {
    command: 'note',
    keys: ['i'],
    scopes: ['dashboard'],
    help: 'write a note (goes into the results)',
  },
  {
    command: 'declare-severity',
    keys: ['v'],
    scopes: ['dashboard'],
    help: 'declare the incident severity',
  },
  {
    command: 'end-drill',
    keys: ['E'],
    scopes: ['dashboard'],
    help: 'end the drill and see the debrief',
  },
  {
    command: 'debrief-dashboard',
    keys: ['d'],
    scopes: ['debrief', 'dashboard'],
    help: 'back to the final dashboard / debrief',
  },
];

function matchesKey(spec: KeySpec, input: string, key: Key): boolean {
  if (typeof spec === 'string') return !key.ctrl && !key.meta && input === spec;
  switch (spec.name) {
    case 'up':
      return key.upArrow;
    case 'down':
      return key.downArrow;
    case 'left':
      return key.leftArrow;
    case 'right':
      return key.rightArrow;
    case 'pageUp':
      return key.pageUp;
    case 'pageDown':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    case 'return':
      return key.return;
    case 'escape':
      return key.escape;
    case 'tab':
      return key.tab && !key.shift;
    case 'shift-tab':
      return key.tab && key.shift;
    case 'ctrl-c':
      return key.ctrl && input === 'c';
  }
}

/** The command a key means in the active scopes (the first scope with a binding wins). */
export function resolveKey(input: string, key: Key, scopes: readonly Scope[]): Command | undefined {
  for (const scope of scopes) {
    for (const binding of BINDINGS) {
      if (
        binding.scopes.includes(scope) &&
        binding.keys.some((spec) => matchesKey(spec, input, key))
      )
        return binding.command;
    }
  }
  return undefined;
}

export function keyLabel(spec: KeySpec): string {
  if (typeof spec === 'string') return spec === ' ' ? 'Space' : spec;
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    pageUp: 'PgUp',
    pageDown: 'PgDn',
    home: 'Home',
    end: 'End',
    return: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'shift-tab': 'S-Tab',
    'ctrl-c': 'Ctrl+C',
  };
  return names[spec.name] ?? spec.name;
}

/** The help table: one row per binding (keys, where, what). */
export function helpRows(): Array<{ keys: string; scope: string; help: string }> {
  return BINDINGS.map((b) => ({
    keys: b.keys.map(keyLabel).join(' '),
    scope: b.scopes.join(', '),
    help: b.help,
  }));
}
