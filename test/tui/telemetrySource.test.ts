import { describe, expect, it } from 'vitest';
import { createTelemetry } from '../../src/telemetry/index.js';
import { telemetryLogSource } from '../../src/tui/logSource.js';
import { newSession } from './helpers.js';

describe('telemetryLogSource', () => {
  it('hands the UI each generated line once, in (from, to] windows, as the drill moves', () => {
    const { session } = newSession({ mode: 'turn-based' });
    const drill = session.drill;
    const telemetry = createTelemetry(drill.compiled, drill.seed);
    const source = telemetryLogSource(telemetry);
    const collected = [];
    let from = -1;
    for (const to of [20_000, 45_000, 60_000, 61_000, 150_000, 300_000]) {
      drill.advanceTo(to);
      collected.push(...source({ from, to }, drill));
      from = to;
    }
    const direct = telemetry.window(0, 300_001, undefined, drill).filter((l) => l.t <= 300_000);
    expect(collected.length).toBeGreaterThan(10);
    expect(collected.map((l) => `${l.t} ${l.component} ${l.text}`)).toEqual(
      direct.map((l) => `${l.t} ${l.component} ${l.text}`),
    );
  });

  it('regenerates a cached minute when the drill trace has grown', () => {
    const { session } = newSession({ mode: 'turn-based' });
    const drill = session.drill;
    let calls = 0;
    const telemetry = createTelemetry(drill.compiled, drill.seed);
    const counting = {
      ...telemetry,
      window: (...args: Parameters<typeof telemetry.window>) => (
        calls++,
        telemetry.window(...args)
      ),
    };
    const source = telemetryLogSource(counting);
    source({ from: -1, to: 10_000 }, drill);
    source({ from: 10_000, to: 20_000 }, drill);
    expect(calls).toBe(1);
    session.act({ do: 'note', text: 'something happened' });
    source({ from: 20_000, to: 30_000 }, drill);
    expect(calls).toBe(2);
  });
});
