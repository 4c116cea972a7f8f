import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { injectEvidenceLines, injectLogLines } from '../../src/telemetry/index.js';
import { architecture, defaultScenario } from '../helpers.js';
import { HOUR, telemetryFor } from './helpers.js';

describe('inject evidence', () => {
  const arch = architecture();
  const scenario = defaultScenario();
  const compiled = compileScenarioData(arch, scenario);
  const result = runDrill(arch, scenario, 7, []);
  const firedAt = (id: string) => result.context.fired.find((f) => f.id === id)!.at;

  it('shows the very lines the log files hold for the evidence it names', () => {
    const inject = compiled.injects.get('siem-bash-exec')!;
    const lines = injectEvidenceLines(compiled, result, inject, firedAt('siem-bash-exec'));
    expect(lines.length).toBeGreaterThan(0);
    const telemetry = telemetryFor(scenario, 3);
    const at = firedAt('siem-bash-exec');
    const logs = [...new Set(lines.map((l) => `${l.component}|${l.source}`))].flatMap((key) => {
      const [component, source] = key.split('|') as [string, string];
      return telemetry.window(at - HOUR / 2, at + 1, { component, source }, result);
    });
    const texts = new Set(logs.map((l) => `${l.component}/${l.source} ${l.text}`));
    for (const l of lines) expect(texts.has(`${l.component}/${l.source} ${l.text}`)).toBe(true);
    const wget = lines.find((l) => l.source === 'auditd' && l.text.startsWith('type=EXECVE'));
    expect(wget, 'an auditd EXECVE record of the commands').toBeDefined();
    for (const l of lines) expect(l.t).toBeLessThanOrEqual(firedAt('siem-bash-exec'));
  });

  it('shows the reverse shell on the IPS that raised it', () => {
    const inject = compiled.injects.get('ips-reverse-shell')!;
    const lines = injectEvidenceLines(compiled, result, inject, firedAt('ips-reverse-shell'));
    expect(lines.every((l) => l.component === 'IPS1')).toBe(true);
    expect(lines.some((l) => l.text.includes('"dest_port":4444'))).toBe(true);
    expect(lines.some((l) => l.text.includes(result.context.attackerIp))).toBe(true);
  });

  it('adds no separate inject lines for evidence references (they are in the streams)', () => {
    expect(injectLogLines(compiled, result.context)).toEqual([]);
  });
});
