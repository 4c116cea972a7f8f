import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { App, type FrameTimer } from '../../src/tui/components/App.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { ROOT, architecture } from '../helpers.js';
import { fakeWall, keyPresser } from './helpers.js';

const ENTER = '\r';
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

/** The breach fixture's drill on the escalate tab, with its session. */
async function escalateTab() {
  const file = `${ROOT}test/fixtures/obligations/breach.yaml`;
  const catalog = loadCatalog([file], architecture());
  const frames: FrameTimer = () => () => {};
  let session: DrillSession | undefined;
  const app = render(
    <App
      architecture={architecture()}
      catalog={catalog}
      start={{ screen: 'picker', pickerIndex: 0 }}
      seed="3"
      wall={fakeWall().now}
      frames={frames}
      size={{ columns: 160, rows: 44 }}
      onSession={(s) => void (session = s)}
    />,
  );
  const press = keyPresser(app);
  await press(ENTER);
  await press(ENTER);
  await press('3');
  return { press, screen: () => plain(app.lastFrame()), session: () => session! };
}

describe('the escalate tab on screen (decision 0950)', () => {
  it('shows the clock owed once the team is aware, the notification recipients and the formal channel', async () => {
    const { press, screen, session } = await escalateTab();
    expect(screen()).toContain(' notify 15m');
    expect(screen()).not.toContain('owed:');
    // Past the leak sample (T+1h): the team knows what it owes, by when.
    session().drill.advanceTo(61 * 60_000);
    await press('3');
    expect(screen()).toContain('owed: gdpr-art33 -> dpa due T+73:00:00');
    expect(screen()).toMatch(/Data protection authority.*\[notify\]/);
  });
});

describe('one call at a time on the escalate tab (decision 1020)', () => {
  it('refuses a second call with a reason, shows the call and a busy phone, lets e-mail go', async () => {
    const { press, screen, session } = await escalateTab();
    expect(screen()).toContain(' phone 5m ');
    expect(screen()).not.toContain('busy');
    const contacts = architecture().contacts;
    // The first contact by phone (the first channel): the call starts.
    await press(ENTER);
    expect(screen()).toContain(`escalating to ${contacts[0]!.name} by phone call`);
    expect(screen()).toContain(' phone 5m busy ');
    expect(screen()).toMatch(
      new RegExp(`on the phone with ${contacts[0]!.name} until T\\+00:0\\d:00: one call at a time`),
    );
    // The next contact by phone: refused, and the trace says so (replay agrees).
    await press('j');
    await press(ENTER);
    expect(screen()).toContain(`not done: already on a call with ${contacts[0]!.name} until`);
    expect(session().drill.trace.filter((e) => e.type === 'action.rejected')).toHaveLength(1);
    expect(session().actionLog.filter((a) => a.do === 'escalate')).toHaveLength(2);
    // E-mail meanwhile goes out: chat is the next channel, e-mail the one after.
    await press('l');
    await press('l');
    await press(ENTER);
    expect(screen()).toContain(`escalating to ${contacts[1]!.name} by e-mail`);
  });
});
