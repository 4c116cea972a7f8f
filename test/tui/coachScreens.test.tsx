import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { App, type FrameTimer } from '../../src/tui/components/App.js';
import { COACH_INTRO_ID, withCoachEntries } from '../../src/play/coachEntry.js';
import {
  projectEscalation,
  projectPlan,
  projectTechnicalActions,
} from '../../src/play/projections/actions.js';
import { projectCoach } from '../../src/play/projections/coach.js';
import { mapOrder, projectMap } from '../../src/play/projections/map.js';
import { visibleSeverity } from '../../src/play/projections/header.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { DEFAULT_SCENARIO_FILE, ROOT, architecture } from '../helpers.js';
import { hintTodos, pathsListed, type HintTodo } from './coachFollow.js';
import { fakeWall, keyPresser } from './helpers.js';

const ENTER = '\r';
const ESC = '\x1b';
const TAB = '\t';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const PAGE_DOWN = '\x1b[6~';
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function setup(options: { coach?: boolean; size?: { columns: number; rows: number } } = {}) {
  const intro = `${ROOT}scenarios/${COACH_INTRO_ID}.yaml`;
  const selected = options.coach ? intro : DEFAULT_SCENARIO_FILE;
  const { catalog, pickerIndex } = withCoachEntries(
    loadCatalog([DEFAULT_SCENARIO_FILE, intro], architecture()),
    selected,
    { isCoach: options.coach === true },
  );
  const frames: FrameTimer = () => () => {};
  let session: DrillSession | undefined;
  const app = render(
    <App
      architecture={architecture()}
      catalog={catalog}
      start={{ screen: options.coach ? 'briefing' : 'picker', pickerIndex }}
      seed="3"
      wall={fakeWall().now}
      frames={frames}
      size={options.size ?? { columns: 120, rows: 40 }}
      onSession={(s) => void (session = s)}
    />,
  );
  const press = keyPresser(app);
  const screen = () => plain(app.lastFrame());
  return { app, press, screen, session: () => session! };
}

describe('coached mode in the terminal UI', () => {
  it('offers "Start here" on top of the picker; it opens the intro coached and turn-based', async () => {
    const t = setup();
    const lines = t.screen().split('\n');
    const first = lines.findIndex((l) =>
      l.includes('Start here: incident response 101 with a coach'),
    );
    const plainEntry = lines.findIndex((l) => l.includes('Bash command execution'));
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(plainEntry);
    // One "Start here": the intro scenario's own title does not say it again.
    expect(lines.filter((l) => l.includes('Start here'))).toHaveLength(1);
    // The preselection stays on the default scenario; go up to the coached entry.
    await t.press(UP);
    await t.press(UP);
    await t.press(ENTER);
    expect(t.screen()).toContain(
      'Coached: the coach panel explains each action; h shows hints, t the glossary.',
    );
    expect(t.screen()).toContain('Clock: turn-based');
    await t.press(ENTER);
    expect(t.session().scenario.id).toBe(COACH_INTRO_ID);
    expect(t.session().clock.mode).toBe('turn-based');
    expect(t.screen()).toContain('Coach: Preparation (1/5)');
    expect(t.screen()).toContain('h hint  t glossary');
  });

  it('does not show the coach or its keys in a plain drill', async () => {
    const t = setup();
    await t.press(ENTER);
    await t.press(ENTER);
    expect(t.screen()).not.toContain('Coach:');
    expect(t.screen()).not.toContain('h hint');
    await t.press('t');
    expect(t.screen()).not.toContain('Glossary');
  });

  it('shows hints only when asked (h), hides them after the next action, and explains the action', async () => {
    const t = setup({ coach: true });
    await t.press(ENTER);
    expect(t.screen()).toContain('1 hint for this phase: press h to see it');
    expect(t.screen()).not.toContain('Nothing has happened yet');
    await t.press('h');
    expect(t.screen()).toContain('Hints for this phase:');
    expect(t.screen()).toContain('- Nothing has happened yet.');
    await t.press('h');
    expect(t.screen()).not.toContain('Hints for this phase:');
    // Wait for the SIEM's alert; the coach tells why the injects matter.
    for (
      let i = 0;
      i < 6 && !t.session().drill.context.fired.some((f) => f.id === 'siem-static-name');
      i++
    )
      await t.press('n');
    expect(t.screen()).toContain('Coach: Detection and analysis (2/5)');
    expect(t.screen()).toContain('This is the baseline at work');
    await t.press('h');
    expect(t.screen()).toContain('- Read the alerts panel');
    await t.press('2');
    await t.press(ENTER); // plan step 1: confirm
    const s = t.screen();
    expect(s).not.toContain('Hints for this phase:');
    expect(s).toContain('You: Plan step 1 of 11: Confirm suspicious event');
    expect(s).toContain('Until someone confirms');
    expect(s).toContain('It took 10m of simulated time.');
    expect(s).toContain('Coach: Containment (3/5)');
  });

  it('takes a key typed right after the drill starts, before the screen redraws', async () => {
    const t = setup({ coach: true });
    t.app.stdin.write(ENTER);
    t.app.stdin.write('h');
    await vi.waitFor(() => expect(t.screen()).toContain('Hints for this phase:'), {
      timeout: 1000,
    });
  });

  it('offers a hint by itself when the trainee is stuck', async () => {
    const t = setup({ coach: true });
    await t.press(ENTER);
    await t.press('w'); // 5 simulated minutes, nothing done
    expect(t.screen()).not.toContain('Stuck?');
    await t.press('w');
    expect(t.screen()).toContain('Stuck? Nothing done for 10m - a hint:');
  });

  it('opens the glossary with t, scrolls it, closes it with Esc', async () => {
    const t = setup({ coach: true, size: { columns: 100, rows: 30 } });
    await t.press(ENTER);
    await t.press('t');
    expect(t.screen()).toMatch(/Glossary: \d+ terms/);
    expect(t.screen()).toContain('Baseline');
    expect(t.screen()).toContain('How the architecture normally behaves');
    await t.press(DOWN);
    await t.press(DOWN);
    expect(t.screen()).not.toMatch(/^Baseline$/m);
    for (let i = 0; i < 12; i++) await t.press(PAGE_DOWN);
    expect(t.screen()).toContain('Web shell');
    expect(t.screen()).toContain('Naming convention'); // the scenario's own term
    await t.press(ESC);
    expect(t.screen()).not.toContain('Glossary:');
    expect(t.screen()).toContain('Coach: Preparation');
  });

  it('fits 80x24 and 120x40 with the coach panel', async () => {
    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 120, rows: 40 },
    ]) {
      const t = setup({ coach: true, size });
      await t.press(ENTER);
      await t.press('h');
      const lines = t.screen().split('\n');
      expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(size.columns);
      expect(t.screen()).toContain('Coach: Preparation');
      t.app.unmount();
    }
  });
});

describe('a coached run by the keyboard, following only the hints', () => {
  it('contains the intro scenario', { timeout: 60_000 }, async () => {
    const t = setup({ coach: true });
    await t.press(ENTER);
    const drill = () => t.session().drill;
    // Where the UI's cursors are (the test moves them by exact steps, so every key redraws).
    let focus: 'map' | 'alerts' | 'work' = 'map';
    let selected = mapOrder(projectMap(drill(), t.session().acknowledged))[0]!;
    let actionIndex = 0;
    let planIndex = 0;
    let contactIndex = 0;
    let channelIndex = 0;
    const repeat = async (key: string, n: number) => {
      for (let i = 0; i < n; i++) await t.press(key);
    };
    const move = async (from: number, to: number, less = UP, more = DOWN) =>
      repeat(to > from ? more : less, Math.abs(to - from));

    const onComponent = async (component: string, action: string) => {
      while (focus !== 'map') {
        await t.press(TAB);
        focus = focus === 'work' ? 'map' : 'work'; // Tab: map -> alerts -> work -> map
      }
      const order = mapOrder(projectMap(drill(), t.session().acknowledged));
      const delta = order.indexOf(component) - order.indexOf(selected);
      if (delta !== 0) actionIndex = 0;
      await move(0, delta, LEFT, RIGHT);
      selected = component;
      expect(t.screen()).toContain(`${component}: `);
      await t.press(ENTER); // the actions tab on this component
      focus = 'work';
      const rows = projectTechnicalActions(drill(), component);
      const index = rows.findIndex((r) => r.id === action);
      await move(actionIndex, index);
      actionIndex = index;
      await t.press(ENTER);
    };
    const planStep = async (action: string) => {
      await t.press('2');
      focus = 'work';
      const index = projectPlan(drill()).findIndex((r) => r.action === action);
      await move(planIndex, index);
      planIndex = index;
      await t.press(ENTER);
    };
    const escalate = async (contact: string, channel: string) => {
      await t.press('3');
      focus = 'work';
      const view = projectEscalation(drill(), visibleSeverity(drill()));
      const c = view.contacts.findIndex((x) => x.id === contact);
      const ch = view.channels.findIndex((x) => x.id === channel);
      await move(contactIndex, c);
      await move(channelIndex, ch, LEFT, RIGHT);
      contactIndex = c;
      channelIndex = ch;
      await t.press(ENTER);
    };

    const type = async (text: string) => {
      await t.press(text);
      await t.press(ENTER);
    };
    const mark = async (value: string) => {
      await t.press('M');
      expect(t.screen()).toContain('mark indicator>');
      await type(value);
      expect(t.screen()).toContain(`marked ${value}`);
    };
    const severity = async (id: string) => {
      await t.press('v');
      const severities = drill().compiled.architecture.severities.map((x) => x.id);
      const from = severities.indexOf(visibleSeverity(drill()));
      await move(from, severities.indexOf(id));
      await t.press(ENTER);
    };
    const onHost = async (host: string) => {
      while (focus !== 'map') {
        await t.press(TAB);
        focus = focus === 'work' ? 'map' : 'work';
      }
      const order = mapOrder(projectMap(drill(), t.session().acknowledged));
      await move(0, order.indexOf(host) - order.indexOf(selected), LEFT, RIGHT);
      if (host !== selected) actionIndex = 0;
      selected = host;
    };
    const doTodo = async (todo: HintTodo) => {
      if (todo === 'wait') return t.press('n');
      if ('search' in todo) {
        await t.press('6');
        await t.press('/');
        focus = 'work';
        return type(todo.search);
      }
      if ('shell' in todo) {
        await onHost(todo.host);
        await t.press('7');
        focus = 'work';
        await t.press(ENTER);
        return type(todo.shell);
      }
      if ('markListed' in todo) {
        for (const request of pathsListed(t.session(), todo.markListed)) await mark(request.value!);
        return;
      }
      // Recovery comes after containment, where this test stops.
      if ('restoreListed' in todo) throw new Error('a restore before containment');
      if (todo.do === 'mark') return mark(todo.value!);
      if (todo.do === 'declare-severity') return severity(todo.severity!);
      if (todo.do === 'escalate') return escalate(todo.contact!, todo.channel!);
      if (todo.do.startsWith('plan.')) return planStep(todo.do);
      return onComponent(todo.target!, todo.do);
    };

    const followed: string[] = [];
    for (let step = 0; step < 40 && !drill().context.contained; step++) {
      if (!/Hints for this phase:|Stuck\? Nothing done/.test(t.screen())) await t.press('h');
      const hint = projectCoach(drill(), { askedAtSeq: drill().context.actionSeq }).hints[0]!;
      // The hint followed is the one on the screen.
      expect(t.screen().replace(/\s+/g, ' ')).toContain(hint.text.slice(0, 40));
      followed.push(hint.id);
      for (const todo of hintTodos(COACH_INTRO_ID, hint.id, t.session())) {
        const seq = drill().context.actionSeq;
        await doTodo(todo);
        if (todo !== 'wait' && !('markListed' in todo))
          expect(drill().context.actionSeq, JSON.stringify(todo)).toBe(seq + 1);
      }
    }
    expect(drill().context.contained).toBe(true);
    expect(drill().context.visited).not.toContain('backend-pivot');
    expect(new Set(followed)).toEqual(
      new Set([
        'wait-for-signal',
        'look-at-alert',
        'mark-what-you-found',
        'look-at-the-host',
        'confirm-it',
        'declare-major',
        'call-the-soc',
        'isolate',
        'close-the-hole',
      ]),
    );
    // What the keyboard did is what the hints said: a search, marks, a console command.
    expect(t.session().actionLog.map((a) => a.do)).toEqual(
      expect.arrayContaining(['search', 'mark', 'shell', 'declare-severity']),
    );
    expect(t.screen()).toContain('Coach: Eradication and recovery (4/5)');
  });
});
