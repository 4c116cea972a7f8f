import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { listCatalog } from '../../src/play/scenarioCatalog.js';
import { App } from '../../src/tui/components/App.js';
import { DEFAULT_SCENARIO_FILE, architecture, defaultScenarioText } from '../helpers.js';
import { fakeWall, keyPresser } from './helpers.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

function picker(files: string[]) {
  const app = render(
    <App
      architecture={architecture()}
      catalog={listCatalog(files, architecture())}
      start={{ screen: 'picker', pickerIndex: 0 }}
      seed="7"
      wall={fakeWall().now}
      frames={() => () => undefined}
      size={{ columns: 120, rows: 40 }}
    />,
  );
  return { app, press: keyPresser(app), screen: () => plain(app.lastFrame()) };
}

describe('the picker, listed before it is validated', () => {
  it('draws every entry at once, then marks the broken one as its check finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-picker-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      defaultScenarioText()
        .replace(/^title:.*$/m, 'title: Broken below the header')
        .concat('\nattacker: [unclosed\n'),
    );
    const t = picker([DEFAULT_SCENARIO_FILE, broken]);
    expect(t.screen()).toContain('Choose a scenario (2)');
    expect(t.screen()).toContain('Broken below the header');
    // Once checked, an invalid entry is listed by its file name, marked.
    await vi.waitFor(() => expect(t.screen()).toMatch(/> Bash.*\n\s+broken\s.*\(invalid\)/), {
      timeout: 20_000,
    });
    await t.press('\x1b[B'); // down: its error is the summary
    expect(t.screen()).toMatch(/Cannot be played: .*broken\.yaml:\d+:\d+/);
    t.app.unmount();
  });

  it('Enter on an entry not checked yet validates it then and opens its briefing', async () => {
    const t = picker([DEFAULT_SCENARIO_FILE]);
    await t.press('\r'); // before any tick: the entry is still pending
    expect(t.screen()).toContain('Press Enter to start the drill.');
    t.app.unmount();
  });
});
