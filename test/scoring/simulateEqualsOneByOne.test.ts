import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autopilotActions } from '../../src/authoring/autopilot.js';
import { simulateSeeds, type SimulationInputs } from '../../src/authoring/simulate.js';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { drillFacts, factSightings } from '../../src/evidence/index.js';
import {
  checkArchitectureFile,
  checkRubricFile,
  checkScenarioFile,
  orThrow,
} from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { ARCHITECTURE_FILE, ROOT } from '../helpers.js';

// Fresh objects each call: what one drill loaded on its own sees, with nothing cached for it.
const load = (file: string) => {
  const architecture = orThrow(checkArchitectureFile(ARCHITECTURE_FILE)).model;
  return {
    architecture,
    scenario: orThrow(checkScenarioFile(`${ROOT}scenarios/${file}`, architecture)).model,
    rubric: orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, architecture)).model,
  };
};
const SCENARIOS = readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith('.yaml'));

describe('ttx simulate scores each drill as scoring it alone does', () => {
  it.each(['fe-bash-rce.yaml', 'drupageddon-advisory.yaml', 'fp-marketing-upload.yaml'])(
    '%s: every policy, several seeds, the same total, grade and outcome',
    (file) => {
      const shared = load(file);
      const seeds = [1, 2, 3];
      for (const mode of ['none', 'best', 'random'] as const) {
        const inputs: SimulationInputs = { ...shared, policy: { kind: 'autopilot', mode } };
        const runs = simulateSeeds(inputs, seeds);
        for (const run of runs) {
          const alone = load(file);
          const actions = autopilotActions(alone.architecture, alone.scenario, run.seed, mode);
          const result = runDrill(alone.architecture, alone.scenario, run.seed, actions);
          const score = scoreDrill({ ...alone, result });
          expect({ mode, ...run }).toEqual({
            mode,
            seed: run.seed,
            total: score.total,
            grade: score.grade,
            evaluated: score.evaluated,
            contained: result.outcome.contained,
            objectiveReached: result.outcome.objectiveReached,
          });
        }
      }
    },
  );
});

describe('fact sightings are the facts without their draws', () => {
  it.each(SCENARIOS)(
    '%s: the same facts, times, hosts, accounts and attacker addresses',
    (file) => {
      const { architecture, scenario } = load(file);
      const compiled = compileScenarioData(architecture, scenario);
      // The scenario's own tests: the paths its author designed (a block that moves the address).
      for (const test of scenario.tests.slice(0, 3)) {
        const result = runDrill(architecture, scenario, test.seed ?? 1, test.actions);
        const window = { from: 0, to: Math.min(scenario.end.time_limit + 1, 2 * 3_600_000) };
        const facts = drillFacts(compiled, result.trace, result.seed, window);
        const sightings = factSightings(compiled, result.trace, result.seed, window);
        expect(facts.length).toBeGreaterThan(0);
        // One line per fact (a flood has tens of thousands): id, time, kind, host, address, account.
        const line = (f: { id: string; t: number; kind: string; on: string; account?: string }) =>
          `${f.id} ${f.t} ${f.kind} ${f.on} ${f.account ?? '-'}`;
        expect(
          sightings.map((s) => `${line(s)} ${s.attackerIp ?? '-'} ${s.malicious}`).sort(),
        ).toEqual(
          facts
            .map((f) => `${line(f)} ${f.from.kind === 'attacker' ? f.from.ip : '-'} ${f.malicious}`)
            .sort(),
        );
      }
    },
  );
});
