import { compiledScenarioFor, runDrill } from '../../src/engine/index.js';
import {
  checkRubricFile,
  checkScenarioFile,
  orThrow,
  parseDuration,
  type ActionLogEntry,
  type DimensionId,
} from '../../src/model/index.js';
import { readFacts } from '../../src/scoring/facts.js';
import { scoreDrill, type Score } from '../../src/scoring/index.js';
import { architecture, ROOT } from '../helpers.js';

// The golden fixture: FEServ1 is breached at 20m (hidden, severity major), its alert fires at
// 25m (the first evidence), personal data is reached at 1h20m unless FEServ1 is cut off.
export const arch = architecture();
export const scenario = orThrow(
  checkScenarioFile(`${ROOT}test/fixtures/scoring/golden.yaml`, arch),
).model;
export const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;
export const ms = (text: string) => parseDuration(text)!;
export const EVIDENCE = ms('25m');

export type Step = Omit<ActionLogEntry, 'at'> & { at: string | number };
/** Runs the golden drill (seed 1) on an action log and scores it; `facts` is what scoring read. */
export function play(steps: Step[], drill = scenario, architecture = arch) {
  const actions = steps.map((s) => ({
    ...s,
    at: typeof s.at === 'number' ? s.at : ms(s.at),
  })) as ActionLogEntry[];
  const result = runDrill(architecture, drill, 1, actions);
  return {
    result,
    score: scoreDrill({ architecture, scenario: drill, rubric, result }),
    facts: () => readFacts(compiledScenarioFor(architecture, drill), result),
  };
}
export const dim = (score: Score, id: DimensionId) => score.dimensions.find((d) => d.id === id)!;
export const codes = (score: Score, id: DimensionId) => dim(score, id).findings.map((f) => f.code);
export const isolateAt = (t: number): Step[] => [{ at: t, do: 'isolate-host', target: 'FEServ1' }];
