import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/play/ringBuffer.js';
import { SimClock } from '../../src/play/simClock.js';
import { visibleLogLines, logFacets } from '../../src/tui/logView.js';
import { computeLayout } from '../../src/tui/layout.js';
import { BINDINGS, resolveKey, helpRows } from '../../src/tui/keymap.js';
import { colourEnabled, makeTheme } from '../../src/tui/theme.js';
import { enterAlternateScreen } from '../../src/tui/terminal.js';
import type { LogLine } from '../../src/telemetry/index.js';
import type { Key } from 'ink';
import { EventEmitter } from 'node:events';
import { fakeWall } from './helpers.js';

const line = (t: number, component = 'FEServ1', text = `line ${t}`, source = 'nginx'): LogLine => ({
  t,
  component,
  source,
  text,
  malicious: false,
});

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items in order', () => {
    const ring = new RingBuffer<number>(3);
    ring.pushAll([1, 2, 3, 4, 5]);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.length).toBe(3);
    expect(ring.total).toBe(5);
    expect(ring.at(0)).toBe(3);
    const newest: number[] = [];
    ring.scanNewest((n) => (newest.push(n), newest.length < 2));
    expect(newest).toEqual([5, 4]);
  });
});

describe('SimClock', () => {
  it('runs at the speed and pauses exactly', () => {
    const wall = fakeWall();
    const clock = new SimClock(wall.now, { speed: 10 });
    wall.advance(1000);
    expect(clock.now()).toBe(10_000);
    clock.setPaused(true);
    wall.advance(60_000);
    expect(clock.now()).toBe(10_000);
    clock.setPaused(false);
    wall.advance(500);
    expect(clock.now()).toBe(15_000);
    clock.setSpeed(60);
    wall.advance(1000);
    expect(clock.now()).toBe(75_000);
    clock.cycleSpeed();
    expect(clock.speed).toBe(1);
  });

  it('does not run by itself in turn-based mode', () => {
    const wall = fakeWall();
    const clock = new SimClock(wall.now, { mode: 'turn-based' });
    wall.advance(10_000);
    expect(clock.now()).toBe(0);
    clock.syncTo(300_000);
    expect(clock.now()).toBe(300_000);
    clock.toggleMode();
    wall.advance(1000);
    expect(clock.now()).toBe(310_000);
  });
});

describe('visibleLogLines', () => {
  const ring = new RingBuffer<LogLine>(10_000);
  for (let i = 1; i <= 10_000; i++)
    ring.push(line(i, i % 2 ? 'FEServ1' : 'WAF1', i % 1000 === 0 ? `needle ${i}` : `line ${i}`));

  it('shows the newest lines that fit, oldest at the top', () => {
    const view = visibleLogLines(ring, {}, 0, 3);
    expect(view.lines.map((l) => l.t)).toEqual([9998, 9999, 10_000]);
  });

  it('scrolls back and clamps at the oldest line', () => {
    expect(visibleLogLines(ring, {}, 10, 3).lines.map((l) => l.t)).toEqual([9988, 9989, 9990]);
    expect(visibleLogLines(ring, {}, 1e9, 3).offset).toBe(9997);
  });

  it('filters by component, source and text', () => {
    expect(visibleLogLines(ring, { component: 'WAF1' }, 0, 2).lines.map((l) => l.t)).toEqual([
      9998, 10_000,
    ]);
    expect(visibleLogLines(ring, { search: 'NEEDLE' }, 0, 2).lines.map((l) => l.text)).toEqual([
      'needle 9000',
      'needle 10000',
    ]);
    expect(visibleLogLines(ring, { source: 'eve' }, 0, 5).lines).toEqual([]);
    expect(logFacets(ring)).toEqual({ components: ['FEServ1', 'WAF1'], sources: ['nginx'] });
  });
});

describe('computeLayout', () => {
  it.each([
    [80, 24],
    [120, 40],
    [200, 60],
  ])('fits %ix%i with the root at most rows-1 tall', (cols, rows) => {
    const l = computeLayout(cols, rows, 8);
    expect(l.height).toBe(rows - 1);
    expect(l.body + 3).toBe(l.height);
    expect(l.map + l.details).toBe(l.body);
    expect(l.alerts + l.work).toBe(l.body);
    expect(l.left + 1 + l.right).toBe(cols);
    expect(l.map).toBeGreaterThanOrEqual(9);
    expect(l.work).toBeGreaterThanOrEqual(10);
  });
});

const key = (over: Partial<Key> = {}): Key =>
  ({
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...over,
  }) as Key;

describe('key bindings', () => {
  it('resolve by scope, the most specific first', () => {
    expect(resolveKey('n', key(), ['dashboard', 'global'])).toBe('next-event');
    expect(resolveKey('n', key(), ['confirm', 'global'])).toBe('no');
    expect(resolveKey('', key({ return: true }), ['confirm', 'global'])).toBe('yes');
    expect(resolveKey('', key({ return: true }), ['dashboard', 'global'])).toBe('select');
    expect(resolveKey('c', key({ ctrl: true }), ['dashboard', 'global'])).toBe('quit');
    expect(resolveKey('', key({ tab: true, shift: true }), ['dashboard', 'global'])).toBe(
      'focus-prev',
    );
    expect(resolveKey('p', key(), ['picker', 'global'])).toBeUndefined();
  });

  it('never bind one key twice within a scope', () => {
    const seen = new Map<string, string>();
    for (const b of BINDINGS)
      for (const scope of b.scopes)
        for (const k of b.keys) {
          const id = `${scope}:${JSON.stringify(k)}`;
          expect(seen.get(id), id).toBeUndefined();
          seen.set(id, b.command);
        }
    expect(helpRows().length).toBe(BINDINGS.length);
  });
});

describe('theme', () => {
  it('honours NO_COLOR', () => {
    expect(colourEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colourEnabled({})).toBe(true);
    const plain = makeTheme(false);
    expect([plain.severity('critical'), plain.status('compromised'), plain.accent]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(makeTheme(true).severity('critical')).toBeTruthy();
  });
});

describe('alternate screen', () => {
  function fakeProcess() {
    const proc = new EventEmitter() as EventEmitter & {
      exit: (code: number) => void;
      stderr: { write: (s: string) => void };
    };
    const exits: number[] = [];
    const errors: string[] = [];
    proc.exit = (code) => void exits.push(code);
    proc.stderr = { write: (s) => void errors.push(s) };
    return { proc, exits, errors };
  }

  it('is left on SIGTERM, once, and the handlers go away', () => {
    const out: string[] = [];
    const { proc, exits } = fakeProcess();
    const guard = enterAlternateScreen(
      { write: (s) => out.push(s) },
      proc as unknown as NodeJS.Process,
    );
    expect(out.join('')).toContain('\x1b[?1049h');
    proc.emit('SIGTERM');
    expect(out.join('')).toContain('\x1b[?1049l');
    expect(exits).toEqual([143]);
    guard.restore();
    expect(out.filter((s) => s.includes('\x1b[?1049l'))).toHaveLength(1);
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('exit')).toBe(0);
  });

  it('is left on an uncaught exception, with a one-line error', () => {
    const out: string[] = [];
    const { proc, exits, errors } = fakeProcess();
    enterAlternateScreen({ write: (s) => out.push(s) }, proc as unknown as NodeJS.Process);
    proc.emit('uncaughtException', new Error('boom'));
    expect(out.at(-1)).toContain('\x1b[?1049l');
    expect(errors).toEqual(['ttx: internal error: boom\n']);
    expect(exits).toEqual([1]);
  });

  it('is left on a normal exit', () => {
    const out: string[] = [];
    const { proc } = fakeProcess();
    enterAlternateScreen({ write: (s) => out.push(s) }, proc as unknown as NodeJS.Process);
    proc.emit('exit', 0);
    expect(out.at(-1)).toContain('\x1b[?1049l');
  });
});
