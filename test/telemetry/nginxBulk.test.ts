import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../helpers.js';
import { firstDifference, HOUR, noResponse, telemetryFor } from './helpers.js';

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

  it('writes the HAProxy log with the bytes of the reference formatter', () => {
    // src/telemetry/haproxyBulk.ts: the load balancers' lines of the attack's hours, the ends of
    // the range off the minute, ties of equal times included.
    const from = 7 * 60_000 + 321;
    const to = 3 * HOUR - 4_567;
    let attacked = 0;
    for (const component of ['LB1', 'LB2', 'FEServ1']) {
      const spec = telemetry.streams.find(
        (s) => s.component === component && s.source === 'haproxy',
      );
      if (!spec) continue;
      const chunks: Buffer[] = [];
      const count = telemetry.writeStream(spec, from, to, drill, (c) =>
        chunks.push(Buffer.from(c)),
      );
      const lines = telemetry.window(from, to, { component, source: 'haproxy' }, drill);
      const reference = lines.map((l) => `${l.text}\n`).join('');
      expect(count, component).toBe(lines.length);
      // The first differing line, not a diff of megabytes of text.
      expect(firstDifference(Buffer.concat(chunks).toString('utf8'), reference), component).toBe(
        undefined,
      );
      if (lines.some((l) => l.malicious)) attacked++;
      expect(lines.filter((l, i) => i > 0 && l.t === lines[i - 1]!.t).length).toBeGreaterThan(3);
    }
    expect(attacked, 'the attack crosses a load balancer').toBeGreaterThan(0);
  });

  it('writes every stream as writeStream does when writeStreams writes them side by side', () => {
    // Twenty minutes off the minute (48 before, 2.2 times the time): two ten-minute slice
    // boundaries (src/telemetry/telemetry.ts) and the attack's first minutes (LB1 from about
    // minute 27) inside.
    const from = 20 * 60_000 + 5;
    const to = 40 * 60_000 + 30_001;
    const specs = telemetry.streams;
    const alone = specs.map((spec) => {
      const chunks: Buffer[] = [];
      telemetry.writeStream(spec, from, to, drill, (c) => chunks.push(Buffer.from(c)));
      return Buffer.concat(chunks);
    });
    const together = new Map(specs.map((s) => [s, [] as Buffer[]]));
    const count = telemetry.writeStreams(specs, from, to, drill, (spec, c) =>
      together.get(spec)!.push(Buffer.from(c)),
    );
    specs.forEach((spec, i) =>
      expect(Buffer.concat(together.get(spec)!).equals(alone[i]!), spec.file).toBe(true),
    );
    expect(count).toBe(alone.reduce((n, b) => n + b.toString('latin1').split('\n').length - 1, 0));
    expect(
      alone.some((b) => b.includes(ip)),
      'the attacker is in the range',
    ).toBe(true);
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
