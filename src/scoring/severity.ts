import { formatDuration, formatElapsed, type Rubric } from '../model/index.js';
import { timeCredit, type DraftFinding } from './draft.js';
import { severityRank, type DrillFacts } from './facts.js';

type SeverityRubric = NonNullable<Rubric['dimensions']['severity']>;

/**
 * The responder's severity call. Accuracy: the declaration in force at the end against the
 * architecture's definitions applied to what was observable (the highest severity the evidence
 * showed); one level off earns `one_off_credit`, more earns nothing. Timeliness: the first
 * declaration of that severity made once its evidence was observable, against `declare`. No
 * declaration while there was evidence earns nothing; no evidence leaves it not evaluated.
 */
export function severityDimension(facts: DrillFacts, rubric: SeverityRubric): DraftFinding[] {
  const evidence = facts.firstEvidence;
  if (!evidence) {
    return [
      {
        code: 'severity.not-evaluated',
        delta: 0,
        text: 'no evidence was observable: there was no severity to assess (not evaluated)',
        events: [],
      },
    ];
  }
  const should = facts.observedSeverity;
  const seen = facts.observed.find((o) => o.id === should) ?? {
    t: evidence.t,
    event: evidence.event,
  };
  const advice = `Apply the severity definitions to what you see and declare it as soon as the evidence shows it (${should} here, from ${formatElapsed(seen.t)}).`;
  const last = facts.declared.filter((d) => d.t >= evidence.t).at(-1);
  if (!last) {
    return [
      {
        code: 'severity.never-declared',
        delta: 0,
        text: `no severity was declared after the evidence (it showed ${should} from ${formatElapsed(seen.t)})`,
        t: seen.t,
        events: [seen.event],
        recommendation: advice,
      },
    ];
  }
  const off = Math.abs(severityRank(facts, last.id) - severityRank(facts, should));
  const accuracy = off === 0 ? 1 : off === 1 ? rubric.one_off_credit : 0;
  const findings: DraftFinding[] = [
    {
      code: off === 0 ? 'severity.accurate' : off === 1 ? 'severity.one-off' : 'severity.wrong',
      delta: rubric.accuracy_weight * accuracy,
      text: `declared ${last.id} at ${formatElapsed(last.t)}; the evidence showed ${should}`,
      t: last.t,
      events: [seen.event, last.event],
      ...(off ? { recommendation: advice } : {}),
    },
  ];
  const timely = facts.declared.find((d) => d.id === should && d.t >= seen.t);
  if (timely) {
    const elapsed = timely.t - seen.t;
    const credit = timeCredit(elapsed, rubric.declare);
    findings.push({
      code: credit === 1 ? 'severity.on-time' : 'severity.slow',
      delta: (1 - rubric.accuracy_weight) * credit,
      text: `${should} declared ${formatDuration(elapsed)} after its evidence (target ${formatDuration(rubric.declare.target)}, no credit from ${formatDuration(rubric.declare.limit)})`,
      t: timely.t,
      events: [seen.event, timely.event],
      ...(credit < 1 ? { recommendation: advice } : {}),
    });
  } else {
    findings.push({
      code: 'severity.not-declared-after-evidence',
      delta: 0,
      text: `${should} was never declared once its evidence was observable`,
      t: seen.t,
      events: [seen.event],
      recommendation: advice,
    });
  }
  return findings;
}
