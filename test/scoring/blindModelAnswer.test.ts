import { readdirSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bestPolicy } from '../../src/authoring/bestPolicy.js';
import { runDrill } from '../../src/engine/index.js';
import { checkScenarioText, orThrow } from '../../src/model/index.js';
import { readFileSync } from 'node:fs';
import { architecture, GOLDEN_DIR, ROOT } from '../helpers.js';

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

describe('the model answer does not wait on clocks the trainee cannot see', () => {
  it('an inject that never fires changes nothing it does, wherever its timer lies', () => {
    // The CEO's call fires at 40m only during a lockdown, which the model answer never orders:
    // the engine still wakes at 40m to test the condition. A policy that left its close to the
    // engine's next wake-up (a dropped duplicate call was the last thing queued) closed at 42m,
    // and at 52m with the timer at 50m.
    const source = readFileSync(`${GOLDEN_DIR}fp-marketing-upload.yaml`, 'utf8');
    const moved = source.replace(/(id: ceo-call[\s\S]*?\n {4}at: )40m/, '$150m');
    expect(moved).not.toBe(source);
    const play = (text: string) =>
      bestPolicy(arch, orThrow(checkScenarioText('fp.yaml', text, arch)).model, 7);
    const log = play(source);
    expect(play(moved)).toEqual(log);
    // And its closing steps start once its last response is done, not at the timer.
    const responded = Math.max(
      ...log.filter((a) => !a.do.startsWith('plan.') && a.do !== 'mark').map((a) => a.at),
    );
    const closing = log.find((a) => a.do === 'plan.coordinate-restoration')!.at;
    expect(closing).toBeGreaterThan(responded);
    expect(closing).toBeLessThan(40 * 60_000);
  });
});

describe('the model answer closes after the restoration, and coordinates it while it runs', () => {
  it('the restoration is coordinated before the recovery is done; the close starts after it', () => {
    const scenario = orThrow(
      checkScenarioText(
        'intro.yaml',
        readFileSync(`${GOLDEN_DIR}intro-static-webshell.yaml`, 'utf8'),
        arch,
      ),
    ).model;
    const log = bestPolicy(arch, scenario, 7);
    const { trace } = runDrill(arch, scenario, 7, log);
    const done = trace.flatMap((e) => (e.type === 'action.done' ? [e] : []));
    const startOf = (step: string) => log.find((a) => a.do === `plan.${step}`)!.at;
    const recoveryDone = Math.max(
      ...done.filter((e) => ['restore-backup', 'patch'].includes(e.request.do)).map((e) => e.t),
    );
    expect(startOf('coordinate-restoration')).toBeLessThan(recoveryDone);
    // Every technical action is over when the close starts.
    const lastTechnical = Math.max(
      ...done
        .filter((e) => !e.request.do.startsWith('plan.') && e.request.do !== 'escalate')
        .map((e) => e.t),
    );
    expect(startOf('close')).toBeGreaterThan(lastTechnical);
  });
});
