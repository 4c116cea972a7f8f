import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { App, type AppProps } from '../../src/tui/components/App.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { WorkshopApp } from '../../src/tui/workshop/WorkshopApp.js';
import { JournalWriter, readJournal } from '../../src/session/index.js';
import type { ActionLogEntry } from '../../src/model/index.js';
import { architecture, DEFAULT_SCENARIO_FILE, defaultScenario } from '../helpers.js';
import { fakeWall, keyPresser, manualFrames } from '../tui/helpers.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const HOUR = 3_600_000;

function app(props: Partial<AppProps>) {
  const wall = fakeWall();
  const { frames, tick: frameTick } = manualFrames();
  let session: DrillSession | undefined;
  const rendered = render(
    <App
      architecture={architecture()}
      catalog={loadCatalog([DEFAULT_SCENARIO_FILE], architecture())}
      start={{ screen: 'briefing', pickerIndex: 0 }}
      seed="7"
      wall={wall.now}
      frames={frames}
      size={{ columns: 120, rows: 40 }}
      onSession={(s) => void (session = s)}
      {...props}
    />,
  );
  return {
    rendered,
    press: keyPresser(rendered),
    screen: () => plain(rendered.lastFrame()),
    session: () => session!,
    advance: async (ms: number) => {
      wall.advance(ms);
      frameTick();
      await new Promise((r) => setTimeout(r, 10));
    },
  };
}

describe('ttx resume of a ttx play session: the trainee view, as it was left', () => {
  const log: ActionLogEntry[] = [{ at: 60_000, do: 'plan.confirm' }];

  it('opens the trainee dashboard paused at the journal clock, with its acknowledgements', async () => {
    const onAcknowledge = vi.fn();
    const a = app({
      resume: { log, until: 10 * 60_000, acknowledged: [{ inject: 'ips-scan', at: 7 * 60_000 }] },
      onAcknowledge,
    });
    expect(a.session().drill.now).toBe(10 * 60_000);
    expect(a.session().actionLog).toEqual(log);
    expect(a.session().acknowledged.get('ips-scan')).toBe(7 * 60_000);
    expect(a.screen()).toContain('Resumed from the journal');
    expect(a.screen()).not.toContain('FACILITATOR');
    // Paused: an hour of wall time moves nothing.
    await a.advance(HOUR);
    expect(a.session().drill.now).toBe(10 * 60_000);
    // A new acknowledgement reaches the journal hook.
    a.session().acknowledge('lb-health-flap');
    expect(onAcknowledge).toHaveBeenCalledWith({ inject: 'lb-health-flap', at: 10 * 60_000 });
    a.rendered.unmount();
  });

  it('a resumed drill that ends on its own opens the debrief with its score', async () => {
    const onFinish = vi.fn(() => ({
      score: { total: 42, max: 100, grade: 'F', items: [] },
      resultsPath: 'results/resumed.json',
    }));
    const a = app({
      resume: { log, until: 3.9 * HOUR, acknowledged: [] },
      onFinish,
    });
    await a.press('p'); // continue
    await a.advance(HOUR); // ×10: far past the 4 h time limit
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(a.screen()).toContain('42'));
    expect(a.screen()).toContain('results/resumed.json');
    a.rendered.unmount();
  });

  it('the workshop view of a resumed drill that ends on its own shows its score', async () => {
    const wall = fakeWall();
    const { frames, tick: frameTick } = manualFrames();
    const onFinish = vi.fn(() => ({
      score: { total: 42, max: 100, grade: 'F', items: [] },
      resultsPath: 'results/w.json',
    }));
    const w = render(
      <WorkshopApp
        architecture={architecture()}
        scenario={defaultScenario()}
        seed="7"
        code="fe-bash-rce-0007"
        wall={wall.now}
        frames={frames}
        size={{ columns: 140, rows: 40 }}
        isColour={false}
        resumeFrom={{ log, until: 3.9 * HOUR }}
        onFinish={onFinish}
      />,
    );
    await keyPresser(w)(' ');
    wall.advance(HOUR);
    frameTick();
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(plain(w.lastFrame())).toContain('Score 42 / 100 (F)'));
    w.unmount();
  });
});

describe('Ctrl+C', () => {
  it('leaves the trainee view as an interrupt (the shell exits 130); q is a plain quit', async () => {
    for (const [keys, how] of [
      [['\x03', 'y'], 'interrupt'],
      [['q', 'y'], 'quit'],
      [['\x03', 'n', 'q', 'y'], 'quit'],
    ] as const) {
      const onExit = vi.fn();
      const a = app({ onExit });
      await a.press('\r'); // start the drill from the briefing
      for (const key of keys) await a.press(key);
      expect(onExit).toHaveBeenCalledWith(how);
      a.rendered.unmount();
    }
  });
});

describe('journal acknowledgements', () => {
  it('are read back in order and kept apart from the drill actions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-ack-'));
    const file = join(dir, 's.jsonl');
    const writer = JournalWriter.create(file, {
      type: 'session',
      format: 'ttx-journal/1',
      session: 's',
      scenario: { id: 'fe-bash-rce', file: DEFAULT_SCENARIO_FILE, sha256: 'x' },
      architecture: { id: 'acme-ecommerce', file: 'architecture.yaml', sha256: 'y' },
      seed: '7',
      view: 'play',
    });
    writer.append({ type: 'action', at: 60_000, do: 'plan.confirm' });
    writer.append({ type: 'ack', inject: 'ips-scan', at: 420_000 });
    writer.append({ type: 'ack', inject: 'lb-health-flap', at: 900_000 });
    writer.close();
    const journal = readJournal(file);
    expect(journal.acknowledged).toEqual([
      { inject: 'ips-scan', at: 420_000 },
      { inject: 'lb-health-flap', at: 900_000 },
    ]);
    expect(journal.actions).toEqual([{ at: 60_000, do: 'plan.confirm' }]);
    expect(journal.lastAt).toBe(60_000);
  });
});
