import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { cli, ROOT } from '../helpers.js';

/*
 * The playthroughs in scenarios/scripts/ (<scenario id>-<name>.yaml) are documentation a trainer
 * hands out: each must validate against its scenario and play as its header says. A `-good` one
 * contains the attack and scores at least 80; every other one scores well below its scenario's
 * good one.
 */
const DIR = `${ROOT}scenarios/scripts/`;
const ids = listScenarioFiles()
  .map((f) => f.replace(/^.*\//, '').replace(/\.ya?ml$/, ''))
  .sort((a, b) => b.length - a.length);
const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => ({ file, scenario: ids.find((id) => file.startsWith(`${id}-`))! }));

interface Played {
  score: number;
  contained: boolean;
  objectiveReached: boolean;
}

async function play(scenario: string, file: string): Promise<Played> {
  const run = await cli(['run', scenario, '--actions', DIR + file, '--json', '--no-results']);
  expect(run.code, run.stderr).toBe(0);
  const json = JSON.parse(run.stdout) as {
    score: { total: number };
    outcome: { contained: boolean; objectiveReached: boolean };
  };
  return {
    score: json.score.total,
    contained: json.outcome.contained,
    objectiveReached: json.outcome.objectiveReached,
  };
}

describe('playthroughs in scenarios/scripts', () => {
  it('name a shipped scenario, and the two new scenarios have a good and a poor one', () => {
    expect(scripts.every((s) => s.scenario !== undefined)).toBe(true);
    for (const id of ['checkout-skimmer', 'ransomware-backups']) {
      const own = scripts.filter((s) => s.scenario === id).map((s) => s.file);
      expect(own).toContain(`${id}-good.yaml`);
      expect(own.length).toBeGreaterThanOrEqual(2);
    }
  });

  for (const id of [...new Set(scripts.map((s) => s.scenario))]) {
    it(`${id}: validate, the good one contains and scores >= 80, the others score far below`, async () => {
      const own = scripts.filter((s) => s.scenario === id);
      for (const { file } of own) {
        const checked = await cli(['validate', '--scenario', id, DIR + file]);
        expect(checked.code, checked.stdout).toBe(0);
      }
      const good = own.find((s) => s.file === `${id}-good.yaml`);
      if (!good) return;
      const best = await play(id, good.file);
      expect(best.contained).toBe(true);
      expect(best.objectiveReached).toBe(false);
      expect(best.score).toBeGreaterThanOrEqual(80);
      for (const { file } of own.filter((s) => s !== good)) {
        const poor = await play(id, file);
        expect(poor.score, file).toBeLessThan(best.score - 30);
      }
    });
  }
});
