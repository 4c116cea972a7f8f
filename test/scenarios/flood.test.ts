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
    expect(new Set(period.map((r) => r.src)).size).toBe(6);
    expect(period.every((r) => r.dropped === 0)).toBe(true);
    // Samples, not millions of lines: a couple of request lines a second per source.
    expect(FLOOD_SAMPLE_RATE).toBeLessThanOrEqual(5);
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
