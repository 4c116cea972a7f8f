import { describe, expect, it } from 'vitest';
import { runScenarioTest } from '../../src/authoring/index.js';
import { checkExpectations, runDrill } from '../../src/engine/index.js';
import { makeScorer } from '../../src/export/index.js';
import { checkScenarioFile, orThrow } from '../../src/model/index.js';
import { listScenarioFiles, scoringDir } from '../../src/cli/paths.js';
import { collectSuites } from '../../src/cli/scenarioSuites.js';
import { architecture } from '../helpers.js';

const arch = architecture();
const scorer = makeScorer(arch, scoringDir());

// Every shipped scenario's tests (its own `tests:` and any <id>.tests.yaml beside it), through
// the same code path as `ttx test`, score ranges included.
for (const suite of collectSuites(listScenarioFiles(), arch)) {
  describe(`scenario ${suite.scenario?.id ?? suite.file}`, () => {
    it('loads with its tests and has at least two playthroughs', () => {
      expect(suite.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(suite.tests.length).toBeGreaterThanOrEqual(2);
    });
    for (const located of suite.tests) {
      it(`playthrough ${located.test.id}`, () => {
        const outcome = runScenarioTest(arch, suite.scenario!, located, scorer);
        expect(outcome.failures).toEqual([]);
        expect(outcome.passed).toBe(true);
      });
    }
  });
}

describe('the default scenario', () => {
  const scenario = orThrow(
    checkScenarioFile(
      listScenarioFiles().find((f) => f.endsWith('fe-bash-rce.yaml'))!,
      arch,
    ),
  ).model;

  it('ends very differently for the good and the absent response', () => {
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
    expect(scorer(scenario, good) - scorer(scenario, none)).toBeGreaterThan(60);
  });

  it('fails checkExpectations when the outcome differs', () => {
    const none = runDrill(arch, scenario, 7, []);
    const good = scenario.tests.find((t) => t.id === 'good-response')!;
    expect(checkExpectations(good.expect, none)).toEqual(
      expect.arrayContaining([expect.stringContaining('expected contained: true')]),
    );
  });
});
