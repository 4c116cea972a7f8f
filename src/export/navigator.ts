import type { Scenario } from '../model/index.js';
import type { Results } from './resultsSchema.js';
import { safeJson } from './textSafety.js';

/** One drill with the scenario it was played on (the techniques live on its attacker states). */
export interface NavigatorDrill {
  results: Results;
  scenario: Scenario;
}

interface Tally {
  faced: number;
  reached: number;
  containedAfter: number;
  points: number;
  scenarios: Set<string>;
}

/**
 * An ATT&CK Navigator layer (layer format 4.5, enterprise domain) of the techniques the drills'
 * attackers used or tried, and how the teams did against each: per drill, 100 when the attacker
 * never got to the state using it, 50 when it got there and the drill ended contained, 0 when it
 * got there and was not contained; the layer's score is the mean over the drills that faced it.
 * The Navigator opens the file as it is ("Open Existing Layer" > "Upload from local").
 */
export function navigatorLayer(drills: readonly NavigatorDrill[], name: string): string {
  const tallies = new Map<string, Tally>();
  for (const { results, scenario } of drills) {
    const reached = new Set(results.outcome.attackerReached);
    // Per drill, a technique is used when any state using it was reached.
    const used = new Map<string, boolean>();
    for (const state of scenario.attacker.states)
      for (const id of state.techniques)
        used.set(id, (used.get(id) ?? false) || reached.has(state.id));
    for (const [id, got] of used) {
      const tally = tallies.get(id) ?? {
        faced: 0,
        reached: 0,
        containedAfter: 0,
        points: 0,
        scenarios: new Set<string>(),
      };
      tally.scenarios.add(scenario.id);
      tally.faced += 1;
      if (!got) tally.points += 100;
      else {
        tally.reached += 1;
        if (results.outcome.contained) {
          tally.containedAfter += 1;
          tally.points += 50;
        }
      }
      tallies.set(id, tally);
    }
  }
  const techniques = [...tallies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([techniqueID, t]) => ({
      techniqueID,
      score: Math.round(t.points / t.faced),
      comment: `faced in ${t.faced} drill(s) (${[...t.scenarios].sort().join(', ')}): the attacker used it in ${t.reached}${t.reached ? `, contained afterwards in ${t.containedAfter}` : ''}`,
      enabled: true,
      showSubtechniques: false,
    }));
  const layer = {
    name,
    versions: { layer: '4.5', navigator: '5.1.0', attack: '16' },
    domain: 'enterprise-attack',
    description: `ttx: ${drills.length} drill(s). Score per technique: 100 the attacker never used it (stopped before), 50 used it but the drill ended contained, 0 used it and was not contained; mean over the drills that faced it.`,
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true },
    hideDisabled: false,
    techniques,
    gradient: { colors: ['#ff6666', '#ffe766', '#8ec843'], minValue: 0, maxValue: 100 },
    legendItems: [
      { label: 'used and not contained', color: '#ff6666' },
      { label: 'used, then contained', color: '#ffe766' },
      { label: 'never used: stopped before', color: '#8ec843' },
    ],
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
  };
  return `${safeJson(layer, 2)}\n`;
}
