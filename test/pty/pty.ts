import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { ROOT } from '../helpers.js';

const { Terminal } = xterm;

/** How long a screen may take to show what a key caused: long, for a machine under load. */
const WAIT_MS = 60_000;

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  pageDown: '\x1b[6~',
  ctrlC: '\x03',
};

/** What a screen should show: a text, a pattern, or a test of the whole screen. */
export type ScreenText = string | RegExp | ((screen: string) => boolean);

export interface PtySession {
  pty: IPty;
  /** Everything the program wrote, as bytes arrived (escape sequences included). */
  output: () => string;
  /** The visible screen, as a person reads it: one string per row, right-trimmed. */
  screen: () => string;
  /** The screen buffer in use: 'alternate' while a full-screen UI is up. */
  buffer: () => 'normal' | 'alternate';
  /** Waits until the screen shows `text` (or matches it). */
  waitFor: (text: ScreenText, timeout?: number) => Promise<void>;
  /**
   * Waits until the program has put the terminal in raw mode: its key handlers are listening,
   * so a key typed from now on is read (before that, the line discipline holds keys back).
   */
  whenRaw: () => Promise<void>;
  /**
   * Types one key and waits until the screen shows what it must cause. Waiting for the effect
   * (never for a fixed time) keeps keys apart under any load: two keys that arrive in one read
   * reach the program as one string, which no binding matches.
   */
  press: (key: string, effect: ScreenText) => Promise<void>;
  /** Types text one character at a time, each once the screen shows the text typed so far. */
  type: (text: string) => Promise<void>;
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
    // CI=true as a CI runner (and some shells) export it: Ink then draws only the final frame
    // unless the bundle tells it otherwise (scripts/ink-not-in-ci.mjs). Set here, so the screen a
    // person sees is tested the same on a laptop and in CI.
    env: { ...(process.env as Record<string, string>), CI: 'true', ...options.env },
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
  const shows = (text: ScreenText) => {
    const s = screen();
    return typeof text === 'string'
      ? s.includes(text)
      : text instanceof RegExp
        ? text.test(s)
        : text(s);
  };
  const waitFor = async (text: ScreenText, timeout = WAIT_MS) => {
    await vi.waitFor(
      async () => {
        await pending;
        if (!shows(text)) throw new Error(`screen does not show ${String(text)}:\n${screen()}`);
      },
      { timeout, interval: 25 },
    );
  };
  // The terminal's device (/dev/pts/N), which node-pty's Unix terminal knows but does not type.
  const device = (pty as IPty & { ptsName?: string }).ptsName;
  if (!device?.startsWith('/dev/')) throw new Error(`no terminal device for the pty: ${device}`);
  const whenRaw = async () => {
    await vi.waitFor(
      () => {
        const stty = execFileSync('stty', ['-F', device, '-a'], { encoding: 'utf8' });
        if (!/(^|\s)-icanon(\s|$)/.test(stty)) throw new Error(`not in raw mode yet: ${stty}`);
      },
      { timeout: WAIT_MS, interval: 25 },
    );
  };
  const press = async (key: string, effect: ScreenText) => {
    pty.write(key);
    await waitFor(effect);
  };
  const type = async (text: string) => {
    for (let i = 1; i <= text.length; i++) await press(text[i - 1]!, text.slice(0, i));
  };
  return {
    pty,
    output: () => raw,
    screen,
    buffer: () => term.buffer.active.type,
    waitFor,
    whenRaw,
    press,
    type,
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
