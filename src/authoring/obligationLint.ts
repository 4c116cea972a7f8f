import type { Architecture, Scenario } from '../model/index.js';
import { effectiveObligations } from '../engine/obligations.js';
import type { Reporter } from './located.js';

/**
 * A data class the attacker reaches, which an obligation in force names, but that nothing in the
 * scenario shows the team (no inject `reveals_data:` it, no reachable attacker state or inject
 * raises the incident to a severity whose `data_classes:` name it): only the team's own
 * declaration could start the obligation's clock (decision 0950). Usually an inject is missing.
 */
export function lintObligations(
  architecture: Architecture,
  scenario: Scenario,
  reachable: ReadonlySet<string>,
  out: Reporter,
): void {
  const obligations = effectiveObligations(architecture, scenario).filter((o) => o.applies);
  const rank = new Map(architecture.severities.map((s, i) => [s.id, i]));
  const reachedSeverities = [
    scenario.severity,
    ...scenario.attacker.states.flatMap((s) =>
      reachable.has(s.id) && s.severity ? [s.severity] : [],
    ),
    ...scenario.injects.flatMap((i) => (i.raises_severity ? [i.raises_severity] : [])),
  ];
  const highest = Math.max(...reachedSeverities.map((s) => rank.get(s) ?? -1));
  const shown = (dataClass: string) =>
    scenario.injects.some((i) => i.reveals_data.includes(dataClass)) ||
    architecture.severities.some((s, i) => s.data_classes.includes(dataClass) && i <= highest);
  const warned = new Set<string>();
  scenario.attacker.states.forEach((state, i) => {
    if (!reachable.has(state.id)) return;
    state.reaches_data.forEach((dataClass, j) => {
      if (warned.has(dataClass) || shown(dataClass)) return;
      const named = obligations.filter((o) => o.data_classes.includes(dataClass));
      if (named.length === 0) return;
      warned.add(dataClass);
      out.warn(
        ['attacker', 'states', i, 'reaches_data', j],
        'obligation-unseen',
        `the attacker reaches "${dataClass}" (${named.map((o) => o.id).join(', ')}), but nothing shows it to the team: only their own declaration could start the clock`,
        `an inject with \`reveals_data: [${dataClass}]\`, or a state at a severity whose \`data_classes\` name it`,
      );
    });
  });
}
