import { describe, expect, it } from 'vitest';
import { createTelemetry } from '../../src/telemetry/index.js';
import { telemetryLogSource } from '../../src/play/logSource.js';
import { newSession } from '../tui/helpers.js';

const MINUTE = 60_000;
const key = (l: { t: number; component: string; text: string }) =>
  `${l.t} ${l.component} ${l.text}`;

describe('telemetryLogSource', () => {
  it('delivers each finished simulated minute once, exactly as the telemetry window has it', () => {
    const { session } = newSession({ mode: 'turn-based' });
    const drill = session.drill;
    const telemetry = createTelemetry(drill.compiled, drill.seed);
    const source = telemetryLogSource(telemetry);
    const collected = [];
    let from = -1;
    for (const to of [20_000, 45_000, 60_000, 61_000, 150_000, 300_000]) {
      drill.advanceTo(to);
      const batch = source({ from, to }, drill);
      // Only whole minutes arrive: nothing from the minute still in progress.
      expect(batch.every((l) => l.t < Math.floor(to / MINUTE) * MINUTE)).toBe(true);
      collected.push(...batch);
      from = to;
    }
    const direct = telemetry.window(0, 5 * MINUTE, undefined, drill);
    expect(collected.length).toBeGreaterThan(10);
    expect(collected.map(key)).toEqual(direct.map(key));
  });

  it('shows the attack lines of a minute even when the attack happened after the minute began', () => {
    // Play to the middle of the minute of the first compromise, then finish it: the minute is
    // delivered whole, with the attacker's lines, not cut where the clock stood.
    const { session } = newSession({ mode: 'turn-based' });
    const drill = session.drill;
    const telemetry = createTelemetry(drill.compiled, drill.seed);
    drill.advanceTo(2 * 60 * MINUTE);
    const entered = drill.trace.find(
      (e) => e.type === 'attacker.entered' && e.state === 'initial-access',
    )!;
    const minuteStart = Math.floor(entered.t / MINUTE) * MINUTE;

    const fresh = newSession({ mode: 'turn-based' }).session.drill;
    const freshSource = telemetryLogSource(createTelemetry(fresh.compiled, fresh.seed));
    const seen = [];
    for (let t = 0; t <= minuteStart + MINUTE; t += 7_000) {
      fresh.advanceTo(t);
      seen.push(...freshSource({ from: t - 7_000, to: t }, fresh));
    }
    const inMinute = (l: { t: number }) => l.t >= minuteStart && l.t < minuteStart + MINUTE;
    const expected = telemetry
      .window(minuteStart, minuteStart + MINUTE, undefined, drill)
      .filter(inMinute);
    expect(seen.filter(inMinute).map(key)).toEqual(expected.map(key));
    expect(expected.some((l) => l.malicious)).toBe(true);
  });

  it('flushes the last partial minute when the drill ends', () => {
    const { session } = newSession({ mode: 'turn-based' });
    const drill = session.drill;
    const source = telemetryLogSource(createTelemetry(drill.compiled, drill.seed));
    drill.advanceTo(90_000);
    expect(source({ from: -1, to: 90_000 }, drill).every((l) => l.t < MINUTE)).toBe(true);
    session.end();
    const tail = source({ from: 90_000, to: 90_000 }, drill);
    expect(tail.some((l) => l.t >= MINUTE && l.t <= 90_000)).toBe(true);
  });
});
