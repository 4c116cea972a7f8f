/**
 * Terminal manners: the alternate screen, restored on every way out (normal exit, Ctrl+C,
 * SIGTERM/SIGHUP, an exception). Ink 6 has no alternate-screen option, so we own it here.
 */
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface TerminalGuard {
  /** Leaves the alternate screen (idempotent) and removes the handlers. */
  restore: () => void;
}

type Out = { write: (s: string) => unknown };

export function enterAlternateScreen(out: Out, proc: NodeJS.Process = process): TerminalGuard {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      out.write(LEAVE);
    } catch {
      /* the terminal is gone; nothing to restore */
    }
    proc.off('exit', restore);
    for (const [signal, handler] of signalHandlers) proc.off(signal, handler);
    proc.off('uncaughtException', onFatal);
    proc.off('unhandledRejection', onFatal);
  };
  const signalHandlers = (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map(
    (signal) =>
      [
        signal,
        () => {
          restore();
          proc.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
        },
      ] as const,
  );
  const onFatal = (error: unknown) => {
    restore();
    const message = error instanceof Error ? error.message : String(error);
    proc.stderr.write(`ttx: internal error: ${message}\n`);
    proc.exit(1);
  };
  out.write(ENTER);
  proc.on('exit', restore);
  for (const [signal, handler] of signalHandlers) proc.on(signal, handler);
  proc.on('uncaughtException', onFatal);
  proc.on('unhandledRejection', onFatal);
  return { restore };
}
