import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { injectLogLines } from '../../src/telemetry/index.js';
import { architecture, defaultScenario } from '../helpers.js';

describe('injectLogLines', () => {
  it('yields the fired injects’ lines with placeholders filled, at their firing time', () => {
    const arch = architecture();
    const scenario = defaultScenario();
    const result = runDrill(arch, scenario, 7, []);
    const lines = injectLogLines(compileScenarioData(arch, scenario), result.context);
    const exec = lines.filter((l) => l.text.includes('wget'));
    expect(exec).toHaveLength(1);
    expect(exec[0]).toMatchObject({ component: 'SIEM1', source: 'inject', malicious: true });
    expect(exec[0]!.text).toContain(`http://${result.context.attackerIp}/x.png`);
    expect(exec[0]!.t).toBe(result.context.fired.find((f) => f.id === 'siem-bash-exec')!.at);
    expect(lines.some((l) => l.text.includes('{{'))).toBe(false);
  });
});
