/**
 * The V8 heap settings of a long interactive session (the terminal UI of `play`, `workshop`,
 * `room`, an interactive `resume`), decision 1060. With V8's defaults a 24-simulated-hour drill
 * held 250-300 MiB resident for some 38 MiB of live heap: the new space grew to 32 MiB, and the old
 * generation's limit was set at up to four times its live size, which the next collection fills
 * with promoted log lines before it runs. These two keep the new space at its initial 2 MiB and the
 * old generation's limit at 1.5 times what survived the last full collection.
 *
 * Set at run time (v8.setFlagsFromString), before the UI's modules load: V8 reads both whenever
 * it sizes a space, so no launch flag (and no `env -S` shebang) is needed, and the headless
 * commands, which allocate fast and live briefly, keep V8's defaults.
 */
export const LONG_SESSION_V8_FLAGS = [
  '--semi-space-growth-factor=1',
  '--heap-growing-percent=50',
] as const;

export function tuneHeapForLongSession(): void {
  // Loaded here, not at the top: `ttx --help` does not load node:v8.
  const { setFlagsFromString } = process.getBuiltinModule('node:v8');
  for (const flag of LONG_SESSION_V8_FLAGS) setFlagsFromString(flag);
}

/** Before a command that opens the terminal UI: tunes the heap when there is a terminal to open it on. */
export function tuneHeapIfInteractive(): void {
  if (process.stdin.isTTY && process.stdout.isTTY) tuneHeapForLongSession();
}
