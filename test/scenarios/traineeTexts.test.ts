import { describe, expect, it } from 'vitest';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { checkScenarioFile, orThrow } from '../../src/model/index.js';
import { architecture } from '../helpers.js';

/*
 * What the trainee reads (inject titles and bodies, coach hints and explanations, plan steps,
 * severity criteria) holds no author's placeholder, and a red herring states what was seen
 * without judging itself: deciding that it is harmless is the trainee's work (issue 13).
 */

const arch = architecture();
const scenarios = listScenarioFiles().map((file) => orThrow(checkScenarioFile(file, arch)).model);

const PLACEHOLDERS = [/X, Y, Z/, /\d[x]\s*UTC/, /source text/i, /architecture\.yaml/, /TODO|TBD/];
const SELF_JUDGING =
  /most nights|background noise|harmless|benign|nothing to do|every night|as usual|not an attack|false positive/i;

describe('texts the trainee reads', () => {
  it('the architecture: plan steps, severities, contacts', () => {
    const texts = [
      ...arch.emergency_plan.map((s) => s.title),
      ...arch.severities.flatMap((s) => [s.title ?? '', ...(s.criteria ?? [])].map(String)),
      ...arch.contacts.map((c) => `${c.name} ${c.role}`),
    ];
    for (const text of texts) for (const p of PLACEHOLDERS) expect(text).not.toMatch(p);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: injects and coach', (_id, scenario) => {
    const texts = [
      ...scenario.injects.flatMap((i) => [i.title, i.body ?? '', ...i.lines]),
      ...(scenario.coach?.hints ?? []).map((h) => h.text),
      ...(scenario.coach?.explanations ?? []).map((e) => e.text),
    ];
    for (const text of texts) for (const p of PLACEHOLDERS) expect(text).not.toMatch(p);
    for (const inject of scenario.injects.filter((i) => i.malicious === false))
      expect(`${inject.title} ${inject.body ?? ''}`).not.toMatch(SELF_JUDGING);
  });
});
