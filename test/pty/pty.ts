import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { ROOT } from '../helpers.js';

const { Terminal } = xterm;

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  ctrlC: '\x03',
};

export interface PtySession {
  pty: IPty;
  /** Everything the program wrote, as bytes arrived (escape sequences included). */
  output: () => string;
  /** The visible screen, as a person reads it: one string per row, right-trimmed. */
  screen: () => string;
  /** The screen buffer in use: 'alternate' while a full-screen UI is up. */
  buffer: () => 'normal' | 'alternate';
  /** Waits until the screen shows `text` (or matches it). */
  waitFor: (text: string | RegExp, timeout?: number) => Promise<void>;
  /** Types one key and gives the UI a moment to draw. */
  press: (key: string) => Promise<void>;
  /** Types a key until the screen shows `text` (a key typed before the UI listens is lost). */
  pressUntil: (key: string, text: string | RegExp, tries?: number) => Promise<void>;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

/**
 * Runs a command line in a real pseudo-terminal (node-pty) and renders what it writes in a
 * headless xterm, so a test reads the screen a person would see and types real keys.
 */
export function runInPty(
  command: string,
  args: string[],
  options: { cols?: number; rows?: number; cwd?: string; env?: Record<string, string> } = {},
): PtySession {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  let raw = '';
  let pending = Promise.resolve();
  const pty = spawn(command, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? ROOT,
    env: { ...(process.env as Record<string, string>), ...options.env },
  });
  pty.onData((data) => {
    raw += data;
    pending = pending.then(() => new Promise<void>((done) => term.write(data, done)));
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((done) =>
    pty.onExit((e) => done(e)),
  );
  const screen = () => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < rows; y++)
      lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const waitFor = async (text: string | RegExp, timeout = 15_000) => {
    await vi.waitFor(
      async () => {
        await pending;
        const s = screen();
        if (typeof text === 'string' ? !s.includes(text) : !text.test(s))
          throw new Error(`screen does not show ${String(text)}:\n${s}`);
      },
      { timeout, interval: 50 },
    );
  };
  const press = async (key: string) => {
    pty.write(key);
    await new Promise((r) => setTimeout(r, 60));
    await pending;
  };
  const shows = (text: string | RegExp) =>
    typeof text === 'string' ? screen().includes(text) : text.test(screen());
  return {
    pty,
    output: () => raw,
    screen,
    buffer: () => term.buffer.active.type,
    waitFor,
    press,
    pressUntil: async (key, text, tries = 20) => {
      for (let i = 0; i < tries && !shows(text); i++) {
        await press(key);
        await waitFor(text, 500).catch(() => {});
      }
      await waitFor(text, 1000);
    },
    exited,
  };
}

const STTY_MARK = '__stty_after__';

/**
 * The checkout's ttx in a pty, started by a shell that prints the terminal's settings (`stty -a`)
 * once ttx has exited, so a test can tell whether raw mode was switched off again.
 */
export function ttxInPty(args: string[], options: Parameters<typeof runInPty>[2] = {}) {
  const quoted = [process.execPath, join(ROOT, 'bin/ttx.js'), ...args]
    .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
    .join(' ');
  return runInPty(
    'sh',
    ['-c', `${quoted}; code=$?; echo; echo ${STTY_MARK} $(stty -a); exit $code`],
    options,
  );
}

/** The `stty -a` settings printed after ttx exited (see ttxInPty). */
export function sttyAfter(session: PtySession): string {
  const out = session.output();
  return out.slice(out.lastIndexOf(STTY_MARK)).replace(/\s+/g, ' ');
}

/**
 * Whether the terminal was handed back as it was found: the alternate screen left, the cursor
 * shown again after it was last hidden.
 */
export function expectTerminalRestored(session: PtySession): void {
  const out = session.output();
  expect(out).toContain('\x1b[?1049h');
  expect(out.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(out.lastIndexOf('\x1b[?1049h'));
  expect(out.lastIndexOf('\x1b[?25h')).toBeGreaterThan(out.lastIndexOf('\x1b[?25l'));
  expect(session.buffer()).toBe('normal');
  // Raw mode off again: the line discipline echoes and edits lines (no "-icanon", "-echo").
  const stty = sttyAfter(session);
  expect(stty).toMatch(/ icanon /);
  expect(stty).toMatch(/ echo /);
}
