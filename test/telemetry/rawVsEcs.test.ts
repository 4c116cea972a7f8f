import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { toEcs } from '../../src/telemetry/ecs.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, defaultScenario } from '../helpers.js';
import { shippedRules } from './helpers.js';

describe('raw and ECS output', () => {
  it('carry the same events, stream by stream, across slice and hour boundaries', () => {
    const arch = architecture();
    const scenario = defaultScenario();
    const drill = runDrill(arch, scenario, 7, []);
    const telemetry = createTelemetry(compileScenarioData(arch, scenario), 7, {
      rules: shippedRules(),
    });
    // 55 min to 1 h 25 min: crosses the hour `ttx logs` chunks by, and 10-minute SIEM slices.
    const from = 55 * 60_000;
    const to = 85 * 60_000;
    const decoder = new TextDecoder();
    for (const spec of telemetry.streams) {
      let raw = '';
      const count = telemetry.writeStream(spec, from, to, drill, (chunk) => {
        raw += decoder.decode(chunk);
      });
      const ecs = [from, 60 * 60_000]
        .flatMap((start, i) => telemetry.window(start, i === 0 ? 60 * 60_000 : to, spec, drill))
        .filter((l) => l.source === spec.source && l.component === spec.component)
        .map((l) => JSON.parse(toEcs(l, telemetry.world.epoch0, spec)) as { message: string });
      expect(ecs.length, spec.file).toBe(count);
      expect(ecs.map((e) => e.message).join('\n'), spec.file).toBe(raw.replace(/\n$/, ''));
    }
  }, 120_000);
});
