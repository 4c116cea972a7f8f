import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import { architecture, defaultScenario } from '../helpers.js';
import { firstDifference, HOUR, noResponse, telemetryFor } from './helpers.js';

// src/telemetry/firewallBulk.ts writes the edge firewall's SYN lines as bytes; the reference is the
// formatter behind window() (formats/host.ts): same lines, same (time, text) order, same bytes.
describe('the edge firewall fast path', () => {
  const base = defaultScenario();
  // Busy traffic (lines share a millisecond), the scenario's red herrings, and the attack.
  const scenario = { ...base, telemetry: { ...base.telemetry!, volume: 12 } };
  const drill = noResponse(scenario);
  const telemetry = telemetryFor(scenario, 11, []);

  const bytesOf = (component: string, from: number, to: number) => {
    const spec = telemetry.streams.find(
      (s) => s.component === component && s.source === 'firewall',
    )!;
    const chunks: Buffer[] = [];
    const count = telemetry.writeStream(spec, from, to, drill, (c) => chunks.push(Buffer.from(c)));
    return { count, text: Buffer.concat(chunks).toString('utf8') };
  };

  it('writes the bytes of the reference formatter, attack lines included', () => {
    const attackAt = telemetry
      .window(0, 4 * HOUR, { component: 'FW1', source: 'firewall' }, drill)
      .find((l) => l.malicious)!;
    expect(attackAt, 'the attack crosses FW1').toBeDefined();
    // Neither end on a minute boundary; the attack inside.
    const from = Math.max(0, attackAt.t - 40 * 60_000 - 12_345);
    const to = attackAt.t + 45 * 60_000 + 678;
    // FW2 is no edge firewall: the text path, compared all the same.
    for (const component of ['FW1', 'FW2']) {
      const lines = telemetry.window(from, to, { component, source: 'firewall' }, drill);
      const fast = bytesOf(component, from, to);
      expect(fast.count, component).toBe(lines.length);
      expect(firstDifference(fast.text, lines.map((l) => `${l.text}\n`).join('')), component).toBe(
        undefined,
      );
      if (component !== 'FW1') continue;
      for (const rule of ['web-in', 'default-deny'])
        expect(
          lines.some((l) => l.text.includes(`rule="${rule}"`)),
          rule,
        ).toBe(true);
      expect(lines.some((l) => l.malicious)).toBe(true);
      expect(lines.filter((l, i) => i > 0 && l.t === lines[i - 1]!.t).length).toBeGreaterThan(3);
    }
  });

  it('writes the drops of a lockdown (rule "blocklist") as the reference does', () => {
    // The edge firewall locked down from 35 minutes: it drops every new connection.
    const locked = runDrill(architecture(), scenario, 7, [
      { at: 35 * 60_000, do: 'lockdown', target: 'FW1' },
    ]);
    const spec = telemetry.streams.find((s) => s.component === 'FW1' && s.source === 'firewall')!;
    const from = 20 * 60_000 + 17;
    const to = 70 * 60_000 - 9;
    const chunks: Buffer[] = [];
    telemetry.writeStream(spec, from, to, locked, (c) => chunks.push(Buffer.from(c)));
    const lines = telemetry.window(from, to, { component: 'FW1', source: 'firewall' }, locked);
    expect(lines.some((l) => l.text.includes('rule="blocklist"'))).toBe(true);
    expect(
      firstDifference(
        Buffer.concat(chunks).toString('utf8'),
        lines.map((l) => `${l.text}\n`).join(''),
      ),
    ).toBe(undefined);
  });

  it('gives the same bytes however the range is cut into calls', () => {
    const whole = bytesOf('FW1', HOUR, 2 * HOUR).text;
    const cut = [
      [HOUR, HOUR + 61_001],
      [HOUR + 61_001, HOUR + 1_800_000],
      [HOUR + 1_800_000, 2 * HOUR],
    ]
      .map(([a, b]) => bytesOf('FW1', a!, b!).text)
      .join('');
    expect(whole.length).toBeGreaterThan(100_000);
    expect(cut).toBe(whole);
  });
});
