import { describe, expect, it } from 'vitest';
import { checkExpectations, runDrill } from '../../src/engine/index.js';
import { checkRubricFile, checkScenarioFile, orThrow } from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { architecture, ROOT } from '../helpers.js';

const arch = architecture();

function rubricFor(id = 'default') {
  return orThrow(checkRubricFile(`${ROOT}scoring/${id}.yaml`, arch)).model;
}

// Every shipped scenario's own test cases (timed action scripts with expected outcomes).
for (const file of listScenarioFiles()) {
  const scenario = orThrow(checkScenarioFile(file, arch)).model;
  describe(`scenario ${scenario.id}`, () => {
    it('has at least two playthroughs', () => {
      expect(scenario.tests.length).toBeGreaterThanOrEqual(2);
    });
    for (const test of scenario.tests) {
      it(`playthrough ${test.id}`, () => {
        const result = runDrill(arch, scenario, test.seed ?? 1, test.actions);
        expect(checkExpectations(test.expect, result)).toEqual([]);
        if (test.expect.score) {
          const { total } = scoreDrill({
            architecture: arch,
            scenario,
            rubric: rubricFor(scenario.rubric),
            result,
          });
          expect(total).toBeGreaterThanOrEqual(test.expect.score.min);
          expect(total).toBeLessThanOrEqual(test.expect.score.max);
        }
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
