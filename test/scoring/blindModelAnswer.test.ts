import { readdirSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bestPolicy } from '../../src/authoring/bestPolicy.js';
import { checkScenarioText, orThrow } from '../../src/model/index.js';
import { readFileSync } from 'node:fs';
import { architecture, ROOT } from '../helpers.js';

const arch = architecture();
const SCENARIOS = readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith('.yaml'));

/**
 * The scenario with its ground truth rewritten and nothing a trainee sees changed: every state
 * and inject called malicious or not the other way round, the attacker's accounts renamed. The
 * engine plays the same moves and fires the same injects. (A state's severity stays: the engine
 * starts visible clocks from it, the obligations' and the matrix's.)
 */
function otherTruth(file: string): { text: string; original: string } {
  const original = readFileSync(`${ROOT}scenarios/${file}`, 'utf8');
  const doc = parse(original) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const state of doc.attacker.states) {
    state.malicious = state.malicious === false;
  }
  for (const inject of doc.injects) inject.malicious = inject.malicious === false;
  doc.attacker.accounts = (doc.attacker.accounts ?? []).map((a: string) => `not-${a}`);
  return { text: stringify(doc), original };
}

describe('the model answer is blind: it acts on what a trainee sees, not on ground truth', () => {
  it.each(SCENARIOS)('%s: the same actions whatever the ground truth says', (file) => {
    const { text, original } = otherTruth(file);
    const real = orThrow(checkScenarioText(file, original, arch)).model;
    const other = orThrow(checkScenarioText(file, text, arch)).model;
    // Notifications follow the obligation clocks on the screen, which the engine starts from
    // "evidence of the attack" (decision 0950: the malicious injects), so they may move.
    const acts = (s: typeof real) => bestPolicy(arch, s, 7).filter((a) => a.do !== 'notify');
    expect(acts(other)).toEqual(acts(real));
  });
});
