import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishDrill } from '../../src/cli/commands/play.js';
import { readResultsFile } from '../../src/export/index.js';
import { checkArchitectureFile, orThrow } from '../../src/model/index.js';
import { App, type AppProps, type FrameTimer } from '../../src/tui/components/App.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { ARCHITECTURE_FILE, DEFAULT_SCENARIO_FILE, ROOT, architecture, cli } from '../helpers.js';
import { fakeWall, keyPresser } from './helpers.js';

const KEYS = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  ctrlC: '\x03',
};

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function setup(overrides: Partial<AppProps> = {}, size = { columns: 100, rows: 30 }) {
  const wall = fakeWall();
  let frame: (() => void) | undefined;
  const frames: FrameTimer = (_ms, f) => {
    frame = f;
    return () => void (frame = undefined);
  };
  let session: DrillSession | undefined;
  const onExit = vi.fn();
  const catalog = loadCatalog(
    [DEFAULT_SCENARIO_FILE, `${ROOT}test/fixtures/invalid/three-errors.yaml`],
    architecture(),
  );
  const app = render(
    <App
      architecture={architecture()}
      catalog={catalog}
      start={{ screen: 'picker', pickerIndex: 0 }}
      seed="7"
      wall={wall.now}
      frames={frames}
      size={size}
      onExit={onExit}
      onSession={(s) => void (session = s)}
      {...overrides}
    />,
  );
  /** One key per write; wait until a new frame is drawn (or a short while if nothing changes). */
  const press = keyPresser(app);
  const screen = () => plain(app.lastFrame());
  return { app, press, screen, wall, tick: () => frame?.(), session: () => session!, onExit, size };
}

afterEach(() => vi.restoreAllMocks());

function checkFits(text: string, size: { columns: number; rows: number }) {
  const lines = text.split('\n');
  expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(size.columns);
}

describe('picker', () => {
  it('lists every scenario with difficulty and duration, and flags invalid ones', async () => {
    const t = setup();
    expect(t.screen()).toContain('Bash command execution on a front-end server');
    expect(t.screen()).toMatch(/medium\s+45m/);
    expect(t.screen()).toContain('Late on a Thursday');
    await t.press(KEYS.down);
    expect(t.screen()).toContain('(invalid)');
    expect(t.screen()).toContain('Cannot be played');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('has errors');
    t.app.unmount();
  });
});

describe('briefing', () => {
  it('shows situation, role, objectives and the architecture, and lets the trainee pick the mode', async () => {
    const t = setup();
    await t.press(KEYS.enter);
    const s = t.screen();
    for (const text of [
      'Situation',
      'Your role',
      'Objectives',
      'FEServ1 FEServ2 FEServ3',
      'realtime at 10x',
    ])
      expect(s).toContain(text);
    await t.press('m');
    expect(t.screen()).toContain('turn-based');
    await t.press(KEYS.escape);
    expect(t.screen()).toContain('Choose a scenario');
    t.app.unmount();
  });
});

describe('dashboard', () => {
  async function toDashboard(size?: { columns: number; rows: number }, realtime = false) {
    const t = setup({}, size);
    await t.press(KEYS.enter);
    if (!realtime) await t.press('m');
    await t.press(KEYS.enter);
    return t;
  }

  it('shows the clock, the map, alerts and logs, and runs only while not paused', async () => {
    const t = await toDashboard(undefined, true);
    expect(t.screen()).toContain('T+00:00:00');
    expect(t.screen()).toContain('22:40:00Z');
    expect(t.screen()).toContain('RUNNING 10x');
    t.wall.advance(60_000); // 10 simulated minutes
    t.tick();
    await vi.waitFor(() => expect(t.screen()).toContain('T+00:10:00'));
    expect(t.screen()).toContain('ET SCAN Nikto');
    await t.press('p');
    expect(t.screen()).toContain('PAUSED');
    t.wall.advance(600_000);
    t.tick();
    expect(t.session().drill.now).toBe(600_000);
    await t.press('s');
    expect(t.screen()).toContain('60x');
    t.app.unmount();
  });

  it('fits 80x24 and 120x40 and never grows past rows-1', async () => {
    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 120, rows: 40 },
    ]) {
      const t = await toDashboard(size);
      for (let i = 0; i < 8; i++) await t.press('n');
      checkFits(t.screen(), size);
      for (const id of ['FW1', 'FEServ1', 'DB1', 'SIEM1']) expect(t.screen()).toContain(id);
      expect(t.screen()).toContain('T+');
      await t.press('?');
      checkFits(t.screen(), size);
      expect(t.screen()).toContain('Keys');
      t.app.unmount();
    }
  });

  it('filters and searches the logs, and types a note that reaches the drill record', async () => {
    const t = await toDashboard();
    for (let i = 0; i < 12 && !t.screen().includes('Bash command executed'); i++)
      await t.press('n');
    // The alert's evidence: the auditd records of the commands, as FEServ1's audit log has them.
    const auditLines = () => (t.screen().match(/FEServ1 auditd type=/g) ?? []).length;
    const before = auditLines();
    expect(before).toBeGreaterThan(2);
    await t.press('/');
    for (const ch of 'wget') await t.press(ch);
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('search "wget"');
    // Only the wget process's own records hold the word (sh -c's argument is hex-encoded).
    expect(auditLines()).toBeGreaterThan(0);
    expect(auditLines()).toBeLessThan(before);
    await t.press('c');
    expect(t.screen()).toContain('Show the logs of');
    await t.press(KEYS.escape);
    await t.press('i');
    for (const ch of 'seen') await t.press(ch);
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('note saved');
    expect(t.session().drill.context.completed.at(-1)).toMatchObject({ do: 'note', text: 'seen' });
    t.app.unmount();
  });

  it('opens and acknowledges an alert', async () => {
    const t = await toDashboard();
    await t.press('n');
    expect(t.screen()).toContain('1 new / 1');
    await t.press(KEYS.tab);
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('Hundreds of requests');
    await t.press('a');
    expect(t.screen()).toContain('0 new / 1');
    t.app.unmount();
  });

  it('asks before quitting during a drill; Ctrl+C twice quits', async () => {
    const t = await toDashboard();
    await t.press(KEYS.ctrlC);
    expect(t.screen()).toContain('Quit?');
    await t.press('n');
    expect(t.screen()).not.toContain('Quit?');
    expect(t.onExit).not.toHaveBeenCalled();
    await t.press(KEYS.ctrlC);
    await t.press(KEYS.ctrlC);
    expect(t.onExit).toHaveBeenCalledOnce();
  });
});

describe('a full keyboard playthrough of the default scenario', () => {
  it('goes from the picker to the debrief: confirm, escalate, isolate, block, end', async () => {
    // The shell's own end of drill (score, save), into a temporary folder: the debrief must show
    // the score the saved results hold, and those results must replay to the same score.
    const resultsDir = mkdtempSync(join(tmpdir(), 'ttx-playthrough-'));
    const onFinish = vi.fn((session: DrillSession) =>
      finishDrill(session, orThrow(checkArchitectureFile(ARCHITECTURE_FILE)), { resultsDir }),
    );
    // 40 rows: the debrief's eleven dimensions and the results line fit without scrolling.
    const t = setup({ onFinish }, { columns: 100, rows: 40 });
    await t.press(KEYS.enter); // picker -> briefing
    await t.press('m'); // turn-based
    await t.press(KEYS.enter); // start
    for (let i = 0; i < 15 && !t.screen().includes('Bash command executed'); i++)
      await t.press('n');
    expect(t.screen()).toContain('Bash command executed');

    await t.press('2'); // plan
    await t.press(KEYS.enter); // plan.confirm (10m pass)
    expect(t.screen()).toMatch(/\[x\]\s+1\. Confirm suspicious event/);

    await t.press('3'); // escalate: contacts in architecture order; soc-provider is the 6th
    for (let i = 0; i < 5; i++) await t.press(KEYS.down);
    await t.press(KEYS.enter); // by phone
    expect(t.screen()).toContain('told: phone');

    await t.press(KEYS.tab); // focus: work -> map
    await t.press(KEYS.down); // FW1 -> WAF1
    await t.press(KEYS.down); // -> FEServ1
    expect(t.screen()).toContain('FEServ1: Front-end server 1');
    await t.press(KEYS.enter); // actions on FEServ1
    expect(t.screen()).toMatch(/Isolate host \(10m\)/);
    await t.press(KEYS.enter); // isolate-host
    expect(t.session().drill.context.components.FEServ1?.isolated).toBe(true);

    await t.press(KEYS.tab); // work -> map
    await t.press(KEYS.up);
    await t.press(KEYS.up); // FW1
    await t.press(KEYS.enter);
    await t.press(KEYS.enter); // block-ip on FW1: asks for the address
    expect(t.screen()).toContain('address>');
    await t.press('198.51.100.23'); // the attacker's address (seed 7), as typed
    await t.press(KEYS.enter);
    expect(t.session().drill.context.blockedIps).toEqual(['198.51.100.23']);
    expect(t.session().drill.context.contained).toBe(true);

    await t.press('E');
    expect(t.screen()).toContain('End the drill now');
    await t.press('y');
    await vi.waitFor(() => expect(t.screen()).toContain('Debrief'));
    await vi.waitFor(() => expect(t.screen()).toContain(`saved to ${resultsDir}`));
    const [file] = readdirSync(resultsDir);
    const saved = readResultsFile(join(resultsDir, file!));
    expect(
      saved.actions.map((a) => [a.do, a.target ?? a.contact, a.channel].filter(Boolean).join(' ')),
    ).toEqual([
      'plan.confirm',
      'escalate soc-provider phone',
      'isolate-host FEServ1',
      'block-ip FW1',
      'end',
    ]);
    const s = t.screen();
    expect(s).toMatch(/Contained at T\+/);
    expect(s).toContain('time to contain');
    expect(s).toContain('SOC provider by phone');
    expect(s).toContain(`${saved.score.total} / 100`);
    expect(onFinish).toHaveBeenCalledOnce();
    // The debrief's reasons, found by replays: the exploitation had a latest preventing action.
    const extras = await onFinish.mock.results[0]!.value;
    expect(extras.reasons?.[0]).toMatch(/^had .+ been started by T\+/);
    const replay = await cli(['replay', join(resultsDir, file!)]);
    expect(replay.stdout).toContain(`same score (${saved.score.total})`);
    expect(replay.code).toBe(0);
    let sawWhy = false;
    for (let i = 0; i < 60 && !t.screen().includes('drill ended ('); i++) {
      sawWhy ||= t.screen().includes('Why it happened (replays of this drill)');
      await t.press(KEYS.down);
    }
    expect(sawWhy).toBe(true);
    expect(t.screen()).toContain('drill ended (ended-by-trainee)');
    await t.press('q');
    expect(t.onExit).toHaveBeenCalledOnce();
  });
});
