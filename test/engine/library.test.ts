import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import { checkScenarioFile, orThrow, type Scenario } from '../../src/model/index.js';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { architecture } from '../helpers.js';

const arch = architecture();
const library: Scenario[] = listScenarioFiles().map(
  (file) => orThrow(checkScenarioFile(file, arch)).model,
);

describe('the scenario library', () => {
  it('ships at least eight scenarios, from an incident-101 introduction to hard ones', () => {
    expect(library.length).toBeGreaterThanOrEqual(8);
    const difficulties = new Set(library.map((s) => s.difficulty));
    expect(difficulties).toContain('intro');
    expect(difficulties).toContain('hard');
  });

  for (const scenario of library) {
    describe(scenario.id, () => {
      it('carries ATT&CK ids, objectives, difficulty and an estimated duration', () => {
        expect(scenario.attack.length).toBeGreaterThan(0);
        expect(scenario.objectives.length).toBeGreaterThan(0);
        expect(scenario.estimated_duration).toBeGreaterThan(0);
      });

      it('has red herrings: injects that do not show the attack', () => {
        expect(scenario.injects.some((i) => !i.malicious)).toBe(true);
      });

      it('has a good and a poor playthrough that end differently', () => {
        expect(scenario.tests.length).toBeGreaterThanOrEqual(2);
        const outcomes = scenario.tests.map((t) => {
          const o = runDrill(arch, scenario, t.seed ?? 1, t.actions).outcome;
          return JSON.stringify([
            o.contained,
            o.objectiveReached,
            o.attackerReached,
            Math.round(o.revenueLost),
          ]);
        });
        expect(new Set(outcomes).size).toBe(outcomes.length);
      });

      it('has a branch that depends on the response (or nothing to branch, for a false positive)', () => {
        const malicious = scenario.attacker.states.some((s) => s.malicious);
        const branches = scenario.attacker.states.some(
          (s) => s.next.length > 1 || s.next.some((tr) => tr.when !== undefined),
        );
        expect(branches || !malicious).toBe(true);
      });
    });
  }
});

describe('the library lints clean', () => {
  it('has no lint errors or warnings in any shipped scenario', async () => {
    const { readFileSync } = await import('node:fs');
    const { lintScenarioText } = await import('../../src/authoring/index.js');
    for (const file of listScenarioFiles()) {
      const { diagnostics } = lintScenarioText(file, readFileSync(file, 'utf8'), arch);
      expect(diagnostics, file).toEqual([]);
    }
  });
});
