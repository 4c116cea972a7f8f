import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../helpers.js';
import { firstDifference, HOUR, noResponse, telemetryFor } from './helpers.js';

// src/telemetry/eveBulk.ts writes the IPS's tls and flow records as bytes; the reference is the
// formatter behind window() (formats/security.ts): same lines, same (time, text) order, same bytes.
describe('the EVE fast path', () => {
  const base = defaultScenario();
  // Busy traffic (lines share a millisecond), the scenario's red herrings, and the attack.
  const scenario = { ...base, telemetry: { ...base.telemetry!, volume: 12 } };
  const drill = noResponse(scenario);
  const telemetry = telemetryFor(scenario, 11, []);
  const spec = telemetry.streams.find((s) => s.source === 'eve')!;

  const bytesOf = (from: number, to: number) => {
    const chunks: Buffer[] = [];
    const count = telemetry.writeStream(spec, from, to, drill, (c) => chunks.push(Buffer.from(c)));
    return { count, text: Buffer.concat(chunks).toString('utf8') };
  };

  it('writes the bytes of the reference formatter, attack and plain-HTTP lines included', () => {
    const attackAt = telemetry
      .window(0, 4 * HOUR, { component: spec.component, source: 'eve' }, drill)
      .find((l) => l.text.includes('"event_type":"http"'))!;
    expect(attackAt, 'plain HTTP crosses the IPS').toBeDefined();
    // Neither end on a minute boundary; the attack inside.
    const from = Math.max(0, attackAt.t - 40 * 60_000 - 12_345);
    const to = attackAt.t + 45 * 60_000 + 678;
    const lines = telemetry.window(from, to, { component: spec.component, source: 'eve' }, drill);
    const fast = bytesOf(from, to);
    expect(fast.count).toBe(lines.length);
    expect(firstDifference(fast.text, lines.map((l) => `${l.text}\n`).join(''))).toBe(undefined);
    // What the byte path spells, what it leaves to the formatters, and ties of equal times.
    for (const type of ['tls', 'flow', 'http', 'alert'])
      expect(
        lines.some((l) => l.text.includes(`"event_type":"${type}"`)),
        type,
      ).toBe(true);
    expect(lines.some((l) => l.text.includes('"version":"TLS 1.2"'))).toBe(true);
    expect(lines.some((l) => l.malicious)).toBe(true);
    expect(lines.filter((l, i) => i > 0 && l.t === lines[i - 1]!.t).length).toBeGreaterThan(3);
  });

  it('gives the same bytes however the range is cut into calls', () => {
    const whole = bytesOf(HOUR, 2 * HOUR).text;
    const cut = [
      [HOUR, HOUR + 61_001],
      [HOUR + 61_001, HOUR + 1_800_000],
      [HOUR + 1_800_000, 2 * HOUR],
    ]
      .map(([a, b]) => bytesOf(a!, b!).text)
      .join('');
    expect(whole.length).toBeGreaterThan(100_000);
    expect(cut).toBe(whole);
  });
});
