import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { isDiscussionOnly } from '../../src/engine/index.js';
import type { ActionLogEntry } from '../../src/model/index.js';
import { App, type AppProps, type FrameTimer } from '../../src/tui/components/App.js';
import type { ScenarioEntry } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { architecture, DEFAULT_SCENARIO_FILE } from '../helpers.js';
import { decisionScenario, fakeWall, keyPresser } from './helpers.js';

const ENTER = '\r';
const DOWN = '\x1b[B';
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

/** The trainee's `ttx play` view, on a scenario whose IPS scan (6m) carries a decision point. */
function setup(overrides: Partial<AppProps> = {}) {
  const scenario = decisionScenario();
  const entry: ScenarioEntry = {
    file: DEFAULT_SCENARIO_FILE,
    id: scenario.id,
    title: scenario.title,
    difficulty: 'intermediate',
    duration: '2h',
    summary: '',
    scenario,
  };
  let session: DrillSession | undefined;
  const journal: ActionLogEntry[] = [];
  const frames: FrameTimer = () => () => {};
  const app = render(
    <App
      architecture={architecture()}
      catalog={[entry]}
      start={{ screen: 'briefing', pickerIndex: 0 }}
      seed="7"
      wall={fakeWall().now}
      frames={frames}
      size={{ columns: 120, rows: 40 }}
      onSession={(s) => void (session = s)}
      onAction={(a) => journal.push(a)}
      {...overrides}
    />,
  );
  return {
    press: keyPresser(app),
    screen: () => plain(app.lastFrame()),
    session: () => session!,
    journal,
  };
}

describe("the trainee's decisions in ttx play", () => {
  it('an alert shows its questions and decision point; D records option, owner, rationale, follow-up', async () => {
    const t = setup();
    await t.press(ENTER); // briefing -> dashboard
    expect(t.screen()).toContain('1-8 panel  p pause');
    expect(t.screen()).not.toContain('D decide');
    await t.press('D');
    expect(t.screen()).toContain('no decision point has come up yet');
    t.session().wait(7 * 60_000); // the scan alert fires at 6m
    await t.press('\x1b'); // close the notice; the next frame shows the open point in the key bar
    expect(t.screen()).toContain('1-8 panel  D decide  p pause');
    await t.press('\t'); // focus the alerts
    await t.press(ENTER); // open the newest alert
    expect(t.screen()).toContain('Is a scan an incident?');
    expect(t.screen()).toContain('decide: What do we do about the scanner?');
    expect(t.screen()).toContain('[block-now] Block the address now');
    await t.press('D');
    expect(t.screen()).toContain('Decision: What do we do about the scanner?');
    await t.press(DOWN);
    await t.press(ENTER); // Block the address now
    for (const ch of 'Ana') await t.press(ch);
    await t.press(ENTER);
    for (const ch of 'known bad') await t.press(ch);
    await t.press(ENTER);
    for (const ch of 'review at 9') await t.press(ch);
    await t.press(ENTER);
    expect(t.screen()).toContain('Decision recorded: Block the address now');
    expect(t.journal.at(-1)).toMatchObject({
      do: 'decide',
      decision: 'scan-response',
      option: 'block-now',
      owner: 'Ana',
      text: 'known bad',
      followup: 'review at 9',
    });
    const done = t
      .session()
      .drill.trace.filter((e) => e.type === 'action.done' && e.request.do === 'decide');
    expect(done).toHaveLength(1);
    // Decided: the alert says so, and there is nothing left to decide.
    await t.press('D');
    expect(t.screen()).toContain('no decision point has come up yet');
  });

  it('Esc leaves the decision form without recording anything', async () => {
    const t = setup();
    await t.press(ENTER);
    t.session().wait(7 * 60_000);
    await t.press('D'); // the only open point: straight to its options
    expect(t.screen()).toContain('Which option did the team choose?');
    await t.press('\x1b');
    await new Promise((r) => setTimeout(r, 60)); // Ink tells a lone Esc from a sequence by waiting
    expect(t.screen()).toContain('No decision recorded');
    expect(t.journal.some((a) => a.do === 'decide')).toBe(false);
  });
});

describe('ttx play --discussion (executive tabletop)', () => {
  it('journals discussion-only as the first action and offers only plan, escalation and notes', async () => {
    const t = setup({ discussionOnly: true });
    await t.press(ENTER);
    expect(t.journal[0]).toMatchObject({ at: 0, do: 'discussion-only' });
    expect(t.screen()).toContain('(discussion only)');
    expect(t.screen()).toContain('Enter act  a ack  2 3 5 panel  p pause');
    expect(isDiscussionOnly(t.session().drill.context)).toBe(true);
    const screen = t.screen();
    expect(screen).toContain('2 Plan');
    expect(screen).toContain('3 Escalate');
    expect(screen).not.toContain('1 Logs');
    expect(screen).not.toContain('4 Actions');
    expect(screen).not.toContain('6 Search');
    expect(screen).not.toMatch(/log lines/); // nor the selected component's log lines
    await t.press('4');
    expect(t.screen()).toContain('a discussion-only drill: no logs, technical actions');
    await t.press('/');
    expect(t.screen()).toContain('a discussion-only drill');
  });

  it('a technical drill keeps every tab and has no discussion-only action', async () => {
    const t = setup();
    await t.press(ENTER);
    expect(t.screen()).toMatch(/4 Acti/);
    expect(t.screen()).toMatch(/1 Logs/);
    expect(t.journal.some((a) => a.do === 'discussion-only')).toBe(false);
  });
});
