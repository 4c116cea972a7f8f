import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../helpers.js';
import { HOUR, noResponse, telemetryFor } from './helpers.js';

// The bulk writer renders nginx access lines straight to bytes (src/telemetry/nginxBulk.ts); the
// reference is the formatter behind window(): same lines, same (time, text) order, same bytes.
describe('the nginx access fast path', () => {
  // Busy traffic (many lines share a millisecond), the scenario's red herrings, and the attack.
  const base = defaultScenario();
  const scenario = { ...base, telemetry: { ...base.telemetry!, volume: 12 } };
  const drill = noResponse(scenario);
  const telemetry = telemetryFor(scenario, 11, []);
  const ip = drill.context.attackerIp;

  it('writes the bytes of the reference formatter, attack lines included', () => {
    const attackAt = telemetry
      .window(0, 3 * HOUR, { component: 'FEServ1', source: 'nginx-access' }, drill)
      .find((l) => l.malicious)!;
    expect(attackAt, 'the attack reaches FEServ1').toBeDefined();
    // Neither end on a minute boundary; the attack inside.
    const from = Math.max(0, attackAt.t - 20 * 60_000 - 12_345);
    const to = attackAt.t + 25 * 60_000 + 678;
    for (const component of ['FEServ1', 'FEServ2', 'FEServ3', 'LB1']) {
      const spec = telemetry.streams.find(
        (s) => s.component === component && s.source === 'nginx-access',
      );
      if (!spec) continue;
      const chunks: Buffer[] = [];
      const count = telemetry.writeStream(spec, from, to, drill, (c) =>
        chunks.push(Buffer.from(c)),
      );
      const lines = telemetry.window(from, to, { component, source: 'nginx-access' }, drill);
      const fast = Buffer.concat(chunks);
      const reference = Buffer.from(lines.map((l) => `${l.text}\n`).join(''), 'utf8');
      expect(count, component).toBe(lines.length);
      expect(fast.equals(reference), component).toBe(true);
      if (component === 'FEServ1') {
        expect(lines.filter((l) => l.malicious).length).toBeGreaterThan(0);
        expect(fast.toString('latin1')).toContain(`${ip} - - [`);
        // Equal times are ordered by text: the tie-break path is exercised.
        const ties = lines.filter((l, i) => i > 0 && l.t === lines[i - 1]!.t).length;
        expect(ties).toBeGreaterThan(3);
      }
    }
  });

  it('gives the same bytes however the range is cut into calls', () => {
    const spec = telemetry.streams.find(
      (s) => s.component === 'FEServ2' && s.source === 'nginx-access',
    )!;
    const collect = (ranges: Array<[number, number]>) => {
      const chunks: Buffer[] = [];
      for (const [a, b] of ranges)
        telemetry.writeStream(spec, a, b, drill, (c) => chunks.push(Buffer.from(c)));
      return Buffer.concat(chunks);
    };
    const whole = collect([[HOUR, 2 * HOUR]]);
    const cut = collect([
      [HOUR, HOUR + 61_001],
      [HOUR + 61_001, HOUR + 1_800_000],
      [HOUR + 1_800_000, 2 * HOUR],
    ]);
    expect(whole.length).toBeGreaterThan(100_000);
    expect(cut.equals(whole)).toBe(true);
  });
});
