import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { parseDuration, type ActionLogEntry } from '../../src/model/index.js';
import { investigationDimension } from '../../src/scoring/investigation.js';
import { architecture, defaultScenario } from '../helpers.js';

const arch = architecture();
const scenario = defaultScenario();
const mark = (at: string, value: string): ActionLogEntry => ({
  at: parseDuration(at)!,
  do: 'mark',
  value,
});
const score = (actions: ActionLogEntry[]) => {
  const result = runDrill(arch, scenario, 7, actions);
  const findings = investigationDimension(compileScenarioData(arch, scenario), result.trace, '7');
  return { findings, share: findings.reduce((n, f) => n + f.delta, 0) };
};

describe('the investigation dimension', () => {
  it('credits what was marked, with when, and names what was missed', () => {
    const none = score([]);
    expect(none.share).toBe(0);
    expect(none.findings.map((f) => f.code)).toContain('investigation.missed-entry-point');
    const some = score([mark('35m', '198.51.100.23'), mark('36m', 'feserv1')]);
    expect(some.share).toBeGreaterThan(0);
    expect(some.findings.find((f) => f.code === 'investigation.found-address')?.text).toBe(
      "found the attacker's address 198.51.100.23 at T+00:35:00",
    );
    expect(some.findings.some((f) => f.code === 'investigation.found-entry-point')).toBe(true);
  });
});
