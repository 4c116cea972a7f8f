import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { App, type FrameTimer } from '../../src/tui/components/App.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { MESSAGE_TTL } from '../../src/tui/uiState.js';
import { DEFAULT_SCENARIO_FILE, ROOT, architecture } from '../helpers.js';
import { fakeWall, keyPresser, untilFired } from './helpers.js';

// The small things issue 13 found on the way, each seen on the screen a trainee sees.

const KEYS = {
  enter: '\r',
  escape: '\x1b',
  down: '\x1b[B',
  tab: '\t',
  home: '\x1b[H',
  ctrlC: '\x03',
};
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function setup(size = { columns: 120, rows: 40 }, files = [DEFAULT_SCENARIO_FILE]) {
  const wall = fakeWall();
  let frame: (() => void) | undefined;
  const frames: FrameTimer = (_ms, f) => {
    frame = f;
    return () => void (frame = undefined);
  };
  let session: DrillSession | undefined;
  const app = render(
    <App
      architecture={architecture()}
      catalog={loadCatalog(files, architecture())}
      start={{ screen: 'picker', pickerIndex: 0 }}
      seed="7"
      wall={wall.now}
      frames={frames}
      size={size}
      onSession={(s) => void (session = s)}
    />,
  );
  const press = keyPresser(app);
  const screen = () => plain(app.lastFrame());
  /** Picker -> briefing -> dashboard, turn-based unless asked for the real-time clock. */
  const start = async (realtime = false) => {
    await press(KEYS.enter);
    if (!realtime) await press('m');
    await press(KEYS.enter);
  };
  return { app, press, screen, wall, tick: () => frame?.(), session: () => session!, start };
}

describe('the small fixes of issue 13', () => {
  it('? opens a visible help on the picker and the briefing; Esc closes it and keys work again', async () => {
    const t = setup();
    await t.press('?');
    expect(t.screen()).toContain('Keys');
    await t.press(KEYS.escape);
    expect(t.screen()).toContain('Choose a scenario');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('Situation');
    await t.press('?');
    expect(t.screen()).toContain('Keys');
    await t.press(KEYS.escape);
    await t.press('m'); // not eaten by an unseen help
    expect(t.screen()).toContain('turn-based');
    t.app.unmount();
  });

  it('d goes from the debrief to the final dashboard and back', async () => {
    const t = setup();
    await t.start();
    await t.press('E');
    await t.press('y');
    expect(t.screen()).toContain('Debrief');
    await t.press('d');
    expect(t.screen()).not.toContain('Debrief');
    expect(t.screen()).toContain('FEServ1');
    await t.press('d');
    expect(t.screen()).toContain('Debrief');
    t.app.unmount();
  });

  it('Home moves the selection to the first row of the Actions list', async () => {
    const t = setup();
    await t.start();
    await t.press('4'); // the Actions tab on FW1, focused: block, lock down, restore, search
    for (let i = 0; i < 3; i++) await t.press(KEYS.down);
    await t.press(KEYS.home);
    await t.press(KEYS.enter); // the first row: block the attacker's IP asks for the address
    expect(t.screen()).toContain('address>');
    t.app.unmount();
  });

  it('wraps the escalation matrix row at 120 columns: all six contacts of major show', async () => {
    const t = setup();
    await t.start();
    t.session().act({ do: 'declare-severity', severity: 'major' });
    await t.press('3');
    const s = t.screen();
    expect(s).toContain('matrix for major:');
    for (const contact of ['soc-provider', 'epp-provider', 'mouse', 'infra-team', 'snow', 'duck'])
      expect(s).toContain(`${contact}/`);
    expect(s.split('\n').length).toBeLessThanOrEqual(39);
    t.app.unmount();
  });

  it('says so below the minimum terminal size instead of drawing a broken screen', async () => {
    const t = setup({ columns: 70, rows: 20 });
    expect(t.screen()).toContain('The terminal is 70x20; ttx needs at least 80x24');
    t.app.unmount();
  });

  it('holds the clock while the quit question is on screen, and runs on after "no"', async () => {
    const t = setup();
    await t.start(true);
    await t.press(KEYS.ctrlC);
    expect(t.screen()).toContain('Quit?');
    t.wall.advance(600_000); // ten wall minutes: 100 simulated minutes at 10x
    t.tick();
    expect(t.session().drill.now).toBe(0);
    await t.press('n');
    t.wall.advance(60_000);
    t.tick();
    expect(t.session().drill.now).toBe(600_000);
    t.app.unmount();
  });

  it('drops a "started: ..." message from the header once it is old news', async () => {
    const t = setup();
    await t.start();
    await t.press('2'); // plan
    await t.press(KEYS.enter); // step 1, confirm: takes 10 minutes
    expect(t.screen()).toMatch(/\| (started: )?.*Confirm suspicious event/);
    const message = /\| (started|done|not done)[^|\n]*$/m;
    expect(t.screen()).toMatch(message);
    t.session().wait(MESSAGE_TTL);
    await t.press(KEYS.tab); // any redraw
    expect(t.screen()).not.toMatch(message);
    t.app.unmount();
  });

  it('shows the after-hours alert with the real time, not a placeholder', async () => {
    const t = setup();
    await t.start();
    untilFired(t.session(), 'siem-after-hours');
    await t.press(KEYS.tab); // map -> alerts
    await t.press(KEYS.enter); // the newest alert, whole
    expect(t.screen()).toContain('Commands on FEServ1 outside business hours');
    expect(t.screen()).toContain('interactive commands at 23:13 UTC on a Thursday.');
    t.app.unmount();
  });

  it('shows plan step 5 without "actions X, Y, Z"', async () => {
    const t = setup();
    await t.start();
    await t.press('2');
    expect(t.screen()).toContain('Alert the Infrastructure Team of the actions you need');
    expect(t.screen()).not.toContain('X, Y, Z');
    t.app.unmount();
  });

  it('has one "Start here" in the picker', () => {
    const t = setup(undefined, [
      DEFAULT_SCENARIO_FILE,
      `${ROOT}scenarios/intro-static-webshell.yaml`,
    ]);
    expect(t.screen()).toContain('Introduction: a web shell hiding in /media/static');
    expect(t.screen()).not.toContain('Start here: a web shell');
    t.app.unmount();
  });

  it('shows every severity with its whole criteria in the picker (wrapped, not cut)', async () => {
    const t = setup();
    await t.start();
    await t.press('v');
    const s = t.screen().replace(/\s+/g, ' ');
    for (const severity of architecture().severities)
      for (const criterion of severity.criteria) expect(s).toContain(criterion);
    await t.press(KEYS.down);
    await t.press(KEYS.enter); // the one below the visible severity: minor
    expect(t.session().drill.context.declaredSeverity).toBe('minor');
    t.app.unmount();
  });
});
