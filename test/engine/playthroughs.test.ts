import { describe, expect, it } from 'vitest';
import { runScenarioTest } from '../../src/authoring/index.js';
import { checkExpectations, runDrill } from '../../src/engine/index.js';
import { checkScenarioFile, orThrow } from '../../src/model/index.js';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { collectSuites } from '../../src/cli/scenarioSuites.js';
import { architecture } from '../helpers.js';

const arch = architecture();

// Every shipped scenario's tests (its own `tests:` and any <id>.tests.yaml beside it), through
// the same code path as `ttx test`.
for (const suite of collectSuites(listScenarioFiles(), arch)) {
  describe(`scenario ${suite.scenario?.id ?? suite.file}`, () => {
    it('loads with its tests and has at least two playthroughs', () => {
      expect(suite.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(suite.tests.length).toBeGreaterThanOrEqual(2);
    });
    for (const located of suite.tests) {
      it(`playthrough ${located.test.id}`, () => {
        const outcome = runScenarioTest(arch, suite.scenario!, located);
        expect(outcome.failures).toEqual([]);
        expect(outcome.passed).toBe(true);
      });
    }
  });
}

describe('the default scenario', () => {
  it('ends very differently for the good and the absent response', () => {
    const scenario = orThrow(
      checkScenarioFile(
        listScenarioFiles().find((f) => f.endsWith('fe-bash-rce.yaml'))!,
        arch,
      ),
    ).model;
    const good = runDrill(
      arch,
      scenario,
      7,
      scenario.tests.find((t) => t.id === 'good-response')!.actions,
    );
    const none = runDrill(arch, scenario, 7, []);
    expect(good.outcome).toMatchObject({
      contained: true,
      objectiveReached: false,
      dataReached: [],
    });
    expect(none.outcome).toMatchObject({
      contained: false,
      objectiveReached: true,
      dataReached: ['personal-data'],
    });
  });

  it('fails checkExpectations when the outcome differs', () => {
    const scenario = orThrow(checkScenarioFile(listScenarioFiles()[0]!, arch)).model;
    const none = runDrill(arch, scenario, 7, []);
    const good = scenario.tests.find((t) => t.id === 'good-response')!;
    expect(checkExpectations(good.expect, none)).toEqual(
      expect.arrayContaining([expect.stringContaining('expected contained: true')]),
    );
  });
});
