import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DrillSession } from '../../src/play/session.js';
import { BriefingScreen } from '../../src/tui/components/BriefingScreen.js';
import { WorkshopApp } from '../../src/tui/workshop/WorkshopApp.js';
import { bigText } from '../../src/tui/workshop/bigText.js';
import { isObservable } from '../../src/play/facilitator/facilitatorView.js';
import { visibleSeverity } from '../../src/play/projections/header.js';
import type { ActionLogEntry } from '../../src/model/index.js';
import { architecture, defaultScenario } from '../helpers.js';
import { fakeWall, keyPresser, manualFrames } from '../tui/helpers.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function setup(
  size = { columns: 140, rows: 40 },
  extra: Partial<React.ComponentProps<typeof WorkshopApp>> = {},
) {
  const wall = fakeWall();
  const { frames, tick: frameTick } = manualFrames();
  let session: DrillSession | undefined;
  const journal: ActionLogEntry[] = [];
  const onFinish = vi.fn(() => ({ resultsPath: 'results/x.json' }));
  const app = render(
    <WorkshopApp
      architecture={architecture()}
      scenario={defaultScenario()}
      seed="7"
      code="fe-bash-rce-0007"
      team={{ name: 'Blue', participants: [{ name: 'Ana', role: 'incident lead' }] }}
      wall={wall.now}
      frames={frames}
      size={size}
      isColour={false}
      onSession={(s) => void (session = s)}
      onAction={(e) => void journal.push(e)}
      onFinish={onFinish}
      {...extra}
    />,
  );
  const press = keyPresser(app);
  const type = async (text: string) => {
    for (const ch of text) await press(ch);
  };
  const advance = async (ms: number) => {
    wall.advance(ms);
    frameTick();
    await new Promise((r) => setTimeout(r, 10));
  };
  return {
    app,
    press,
    type,
    advance,
    journal,
    onFinish,
    session: () => session!,
    screen: () => plain(app.lastFrame()),
  };
}

describe('ttx workshop: the facilitator screen', () => {
  it('shows the code, the team, a big clock and the upcoming injects with their times', async () => {
    const w = setup();
    const screen = w.screen();
    expect(screen).toContain('DRILL CODE  fe-bash-rce-0007');
    expect(screen).toContain('TEAM Blue');
    expect(screen).toContain('Ana (incident lead)');
    expect(screen).toContain('READY: space starts the drill');
    expect(screen).toContain(bigText('T+00:00:00')[0]);
    expect(screen).toMatch(/T\+00:06:00 {2}ET SCAN Nikto/);
    expect(screen).toContain('FACILITATOR');
    w.app.unmount();
  });

  it('keeps every key typed before the screen redraws (a paste, a loaded machine, a slow SSH link)', async () => {
    const w = setup();
    await w.press('o');
    // Four keys, each its own input event, with no render in between.
    for (const ch of 'Lead') w.app.stdin.write(ch);
    await vi.waitFor(() => expect(w.screen()).toContain(': Lead'));
    await w.press('\r');
    expect(w.journal.at(-1)).toMatchObject({ do: 'facilitator.observe', text: 'Lead' });
    w.app.unmount();
  });

  it('start, pause, trigger now, a manual inject, an observation, hand over, escalate, take back', async () => {
    const w = setup();
    await w.press(' ');
    await w.advance(10_000); // ×10: T+00:01:40
    expect(w.screen()).toContain('RUNNING');
    await w.press(' ');
    expect(w.screen()).toContain('PAUSED');
    const pausedAt = w.session().drill.now;
    await w.advance(3_600_000); // an hour of wall time while paused
    expect(w.session().drill.now).toBe(pausedAt);

    await w.press('t'); // trigger the first upcoming inject (ips-scan) now
    expect(w.screen()).toContain('Fired ips-scan now');
    expect(w.screen()).not.toMatch(/T\+00:06:00 {2}ET SCAN/);

    await w.press('m');
    expect(w.screen()).toContain('FIRE A MANUAL INJECT');
    expect(w.screen()).toContain('press-inquiry');
    await w.press('\r');
    expect(w.screen()).toContain('Fired press-inquiry now');

    await w.press('o');
    await w.type('Lead hesitated');
    expect(w.screen()).toContain('Observation at T+00:01:40: Lead hesitated');
    await w.press('\r');
    expect(w.screen()).toContain('00:01:40  Lead hesitated');

    await w.press('\t'); // hand the keyboard to the team
    expect(w.screen()).toContain('TEAM Blue HAS THE KEYBOARD');
    await w.press('3'); // escalation tab of the normal dashboard
    await w.press('\r'); // escalate to the first contact by the first channel
    await w.press('\x06'); // ctrl+f: the facilitator takes it back
    expect(w.screen()).toContain('The facilitator has the keyboard');

    const log = w.journal.map((e) => [e.do, e.by]);
    expect(log).toEqual([
      ['facilitator.resume', 'facilitator'],
      ['facilitator.pause', 'facilitator'],
      ['facilitator.inject', 'facilitator'],
      ['facilitator.inject', 'facilitator'],
      ['facilitator.observe', 'facilitator'],
      ['escalate', 'Blue'],
    ]);
    expect(w.journal.slice(1).every((e) => e.at === pausedAt)).toBe(true);

    await w.press('E'); // a projector trap: ending asks first
    expect(w.screen()).toContain('End the drill now for everyone?');
    await w.press('n');
    expect(w.screen()).toContain('The drill goes on');
    expect(w.session().drill.isEnded).toBe(false);
    await w.press('E');
    await w.press('y');
    await vi.waitFor(() => expect(w.onFinish).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(w.screen()).toContain('Results: results/x.json'));
    w.app.unmount();
  });

  it('skips a scheduled inject and stacks the layout on a narrow terminal', async () => {
    const w = setup({ columns: 80, rows: 30 });
    await w.press(' ');
    await w.press('x'); // asks first; esc keeps the inject
    expect(w.screen()).toContain('Skip "ET SCAN Nikto');
    await w.press('\x1b');
    expect(w.screen()).toContain('Nothing skipped');
    expect(w.session().drill.context.skipped).toEqual([]);
    await w.press('x');
    await w.press('y');
    expect(w.screen()).toContain('Skipped ips-scan');
    expect(w.session().drill.context.skipped).toEqual(['ips-scan']);
    for (const line of w.screen().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    w.app.unmount();
  });

  it('resumes a journaled drill paused at the same clock', async () => {
    const log: ActionLogEntry[] = [
      { at: 0, do: 'facilitator.resume', by: 'facilitator' },
      { at: 120_000, do: 'facilitator.inject', inject: 'ips-scan', by: 'facilitator' },
    ];
    const w = setup(undefined, { resumeFrom: { log, until: 300_000 } });
    expect(w.session().drill.now).toBe(300_000);
    expect(w.screen()).toContain('Resumed from the journal');
    expect(w.screen()).toContain('PAUSED');
    expect(w.session().actionLog).toEqual(log);
    w.app.unmount();
  });
});

describe('ttx workshop: the projector shows no spoilers', () => {
  it('hides the attacker moves, containment and the engine severity until the drill ends', async () => {
    const w = setup();
    await w.press(' ');
    const drill = w.session().drill;
    await w.advance(1_080_000); // ×10: three simulated hours, the attacker moves several times
    expect(drill.now).toBeGreaterThanOrEqual(3 * 3_600_000);
    const moves = drill.trace.filter((e) => e.type === 'attacker.entered').length;
    expect(moves).toBeGreaterThan(2);
    expect(drill.context.severity).not.toBe(defaultScenario().severity);
    const titles = defaultScenario().attacker.states.map((s) => s.title);
    const screen = w.screen();
    for (const title of titles) expect(screen).not.toContain(title);
    expect(screen).not.toContain('attacker');
    expect(screen).not.toContain('CONTAINED');
    // The severity shown is the one the team can know (raised by injects it has seen).
    expect(screen).toContain(`severity ${visibleSeverity(drill)}`);
    w.session().end();
    await w.advance(40);
    await vi.waitFor(() => expect(w.screen()).toMatch(/attacker|ENDED/));
    w.app.unmount();
  });

  it('isObservable keeps what the team did and saw, and drops hidden moves', () => {
    const base = { t: 0 };
    expect(
      isObservable({ ...base, type: 'attacker.entered', state: 'x', compromises: [], data: [] }),
    ).toBe(false);
    expect(
      isObservable({ ...base, type: 'attacker.blocked', from: 'a', to: 'b', reason: 'r' }),
    ).toBe(false);
    expect(isObservable({ ...base, type: 'contained' })).toBe(false);
    expect(isObservable({ ...base, type: 'inject.suppressed', inject: 'i' })).toBe(false);
    expect(
      isObservable({
        ...base,
        type: 'severity.changed',
        from: 'low',
        to: 'major',
        cause: 'attacker reached foothold',
      }),
    ).toBe(false);
    expect(
      isObservable({
        ...base,
        type: 'severity.changed',
        from: 'low',
        to: 'major',
        cause: 'inject siem-x',
      }),
    ).toBe(true);
    expect(
      isObservable({ ...base, type: 'action.done', seq: 1, request: { do: 'plan.confirm' } }),
    ).toBe(true);
  });
});

describe('ttx play: the drill code on the briefing', () => {
  it('shows the code other teams type to play the same drill', () => {
    const briefing = (seed: string) =>
      plain(
        render(
          <BriefingScreen
            scenario={defaultScenario()}
            architecture={architecture()}
            mode="realtime"
            speed={10}
            seed={seed}
            width={140}
            height={30}
          />,
        ).lastFrame(),
      );
    expect(briefing('253011')).toContain('Drill code: fe-bash-rce-7Q2K');
    expect(briefing('a-word-seed')).not.toContain('Drill code');
  });
});
