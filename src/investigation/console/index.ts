export { hostState, pidOf, SHORT_LIVED_MS } from './hostState.js';
export type { FileEntry, HostState, Login, Proc, Socket } from './hostState.js';
export type { CommandContext } from './commands.js';
export { MAX_COMMAND, runShell, tokenize } from './shell.js';
export type { ShellOutput } from './shell.js';
export { hostConsole, logPathOf } from './hostConsole.js';
