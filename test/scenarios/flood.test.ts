import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { FLOOD_SAMPLE_RATE } from '../../src/evidence/index.js';
import { checkScenarioFile, orThrow, type ActionLogEntry } from '../../src/model/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, ROOT } from '../helpers.js';

/*
 * A flood is data with its true volume (issue 11): lb-ddos's "40,000 requests/s" shows as the
 * edge firewall's 10-second summaries (COUNT=), while the per-request logs carry samples.
 */

const arch = architecture();
const scenario = orThrow(checkScenarioFile(`${ROOT}scenarios/lb-ddos.yaml`, arch)).model;
const compiled = compileScenarioData(arch, scenario);
const edge = arch.components.find((c) => c.roles.includes('edge-firewall'))!.id;

function summaries(
  actions: ActionLogEntry[],
  window: (d: ReturnType<typeof runDrill>) => [number, number],
) {
  const drill = runDrill(arch, scenario, 7, actions);
  const [from, to] = window(drill);
  const lines = createTelemetry(compiled, 7).window(
    from,
    to,
    { component: edge, source: 'firewall' },
    {
      trace: drill.trace,
      context: drill.context,
    },
  );
  const rows = lines
    .filter((l) => l.text.includes(' SUMMARY '))
    .map((l) => ({
      t: l.t,
      src: /SRC=(\S+)/.exec(l.text)![1]!,
      count: Number(/COUNT=(\d+)/.exec(l.text)![1]),
      dropped: Number(/DROPPED=(\d+)/.exec(l.text)![1]),
    }));
  return { drill, rows, lines };
}

const MIN = 60_000;

describe('lb-ddos: the flood’s true volume', () => {
  it('shows about 40,000 requests/s at the edge firewall during the full flood', () => {
    const fiveMinutesIn = (drill: ReturnType<typeof runDrill>) => {
      const flood = drill.trace.find((e) => e.type === 'attacker.entered' && e.state === 'flood')!;
      return Math.ceil((flood.t + 5 * MIN) / 10_000) * 10_000;
    };
    // Ten seconds well inside the flood: every source's summary of that period.
    const { drill, rows } = summaries([], (d) => [
      fiveMinutesIn(d) - 5_000,
      fiveMinutesIn(d) + 5_000,
    ]);
    const at = fiveMinutesIn(drill);
    const period = rows.filter((r) => r.t === at);
    const total = period.reduce((sum, r) => sum + r.count, 0);
    expect(total / 10).toBeGreaterThan(36_000);
    expect(total / 10).toBeLessThan(44_000);
    expect(period.every((r) => r.dropped === 0)).toBe(true);
    // A botnet, not a handful of addresses: the busiest source sends a few percent.
    const bySource = new Map<string, number>();
    for (const r of period) bySource.set(r.src, (bySource.get(r.src) ?? 0) + r.count);
    expect(Math.max(...bySource.values()) / total).toBeLessThan(0.05);
    // Samples, not millions of lines: a couple of request lines a second per source.
    expect(FLOOD_SAMPLE_RATE).toBeLessThanOrEqual(5);
  });

  it('comes from thousands of host addresses in many networks, none a network address', () => {
    const { rows } = summaries([], (d) => {
      const flood = d.trace.find((e) => e.type === 'attacker.entered' && e.state === 'flood')!;
      return [flood.t + 5 * MIN, flood.t + 15 * MIN];
    });
    const sources = new Set(rows.map((r) => r.src));
    expect(sources.size).toBeGreaterThan(1_500);
    const networks = new Set([...sources].map((ip) => ip.split('.').slice(0, 2).join('.')));
    expect(networks.size).toBeGreaterThan(1_000);
    // The busiest bots are the scenario's own (documentation) addresses; the pool is the rest.
    const listed = new Set([...scenario.attacker.source_ips, '31.184.22.71', '46.166.139.201']);
    for (const ip of [...sources].filter((a) => !listed.has(a))) {
      expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(ip).not.toMatch(/\.(0|255)$/);
      expect(ip).not.toMatch(/^(10|127|0|100|169|172|192|198|203|22[4-9]|2[3-5]\d)\./);
    }
  });

  it('counts a blocked source’s connections as dropped', () => {
    const top = scenario.attacker.source_ips[0]!;
    const { rows } = summaries([{ at: 5 * MIN, do: 'block-ip', target: edge, value: top }], () => [
      20 * MIN,
      22 * MIN,
    ]);
    const blocked = rows.filter((r) => r.t > 20 * MIN && r.src === top);
    const others = rows.filter((r) => r.t > 20 * MIN && r.src !== top);
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((r) => r.dropped === r.count)).toBe(true);
    expect(others.some((r) => r.dropped === 0)).toBe(true);
  });
});
