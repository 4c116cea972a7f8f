import { formatElapsed, type Rubric } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import type { DrillFacts } from './facts.js';

type EvidenceRubric = NonNullable<Rubric['dimensions']['evidence']>;

/**
 * Each compromised host earns an equal share when a forensic snapshot of it was completed after
 * it was compromised and before anything wiped it; a host restored without a snapshot (the
 * trace's `evidence.lost`) costs `lost_penalty` on top.
 */
export function evidenceDimension(facts: DrillFacts, rubric: EvidenceRubric): DraftFinding[] {
  if (facts.compromised.length === 0) {
    return [
      {
        code: 'evidence.not-evaluated',
        delta: 0,
        text: 'no host was compromised: no evidence to preserve (not evaluated)',
        events: [],
      },
    ];
  }
  const share = 1 / facts.compromised.length;
  const findings: DraftFinding[] = [];
  for (const host of facts.compromised) {
    const lost = facts.evidenceLost.find((l) => l.component === host.component);
    const snapshot = facts.done.find(
      (a) =>
        a.do !== undefined &&
        facts.compiled.actions.get(a.do)?.kind === 'forensic-snapshot' &&
        a.target === host.component &&
        a.doneAt >= host.t &&
        (lost === undefined || a.doneAt <= lost.event.t),
    );
    if (snapshot) {
      findings.push({
        code: 'evidence.snapshot',
        delta: share,
        text: `forensic snapshot of ${host.component} done at ${formatElapsed(snapshot.doneAt)} (compromised at ${formatElapsed(host.t)})`,
        t: snapshot.doneAt,
        events: [host.event, ...snapshot.events],
      });
    } else {
      findings.push({
        code: 'evidence.no-snapshot',
        delta: 0,
        text: `no forensic snapshot of ${host.component} (compromised at ${formatElapsed(host.t)})`,
        t: host.t,
        events: [host.event],
        recommendation: `Take a forensic snapshot of ${host.component} as soon as it is confirmed compromised.`,
      });
    }
    if (lost) {
      findings.push({
        code: 'evidence.lost',
        delta: -rubric.lost_penalty,
        text: `${host.component} restored at ${formatElapsed(lost.event.t)} without a snapshot: the evidence is gone`,
        t: lost.event.t,
        events: [lost.event],
        recommendation:
          'Never restore or wipe a compromised host before its forensic snapshot is done.',
      });
    }
  }
  return findings;
}
