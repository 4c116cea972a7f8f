/**
 * The V8 heap settings of a long interactive session (the terminal UI of `play`, `workshop`,
 * `room`, an interactive `resume`), decision 1060. With V8's defaults a 24-simulated-hour drill
 * held 250-300 MiB resident for some 38 MiB of live heap: the new space grew to 32 MiB, and the old
 * generation's limit was set at up to four times its live size, which the next collection fills
 * with promoted log lines before it runs. These keep the new space at its initial 2 MiB and the old
 * generation's limit at 1.5 times what survived the last full collection.
 *
 * Set at run time (v8.setFlagsFromString): V8 reads both whenever it sizes a space, so no launch
 * flag (and no `env -S` shebang) is needed, and the headless commands, which allocate fast and
 * live briefly, keep V8's defaults. The new space's before the UI's modules load (it grows while
 * they do); the old generation's once the first frame is out: set earlier, it made start-up run
 * a full collection each time the loading heap grew by half (some 70 ms of CPU before the frame).
 */
export const NEW_SPACE_V8_FLAGS = ['--semi-space-growth-factor=1'] as const;
export const OLD_GENERATION_V8_FLAGS = ['--heap-growing-percent=50'] as const;
export const LONG_SESSION_V8_FLAGS = [...NEW_SPACE_V8_FLAGS, ...OLD_GENERATION_V8_FLAGS] as const;

function setFlags(flags: readonly string[]): void {
  // Loaded here, not at the top: `ttx --help` does not load node:v8.
  const { setFlagsFromString } = process.getBuiltinModule('node:v8');
  for (const flag of flags) setFlagsFromString(flag);
}

const isInteractive = () => Boolean(process.stdin.isTTY && process.stdout.isTTY);

/** Both settings at once (the benchmarks, which measure the session, not its start). */
export function tuneHeapForLongSession(): void {
  setFlags(LONG_SESSION_V8_FLAGS);
}

/** Before a command that opens the terminal UI imports it, when there is a terminal to open. */
export function tuneNewSpaceIfInteractive(): void {
  if (isInteractive()) setFlags(NEW_SPACE_V8_FLAGS);
}

/** Once the terminal UI has drawn its first frame. */
export function tuneOldGenerationIfInteractive(): void {
  if (isInteractive()) setFlags(OLD_GENERATION_V8_FLAGS);
}
