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

describe('the escalate tab on screen (decision 0950)', () => {
  it('shows the clock owed once the team is aware, the notification recipients and the formal channel', async () => {
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
    const screen = () => plain(app.lastFrame());
    expect(screen()).toContain(' notify 15m');
    expect(screen()).not.toContain('owed:');
    // Past the leak sample (T+1h): the team knows what it owes, by when.
    session!.drill.advanceTo(61 * 60_000);
    await press('3');
    expect(screen()).toContain('owed: gdpr-art33 -> dpa due T+73:00:00');
    expect(screen()).toMatch(/Data protection authority.*\[notify\]/);
  });
});
