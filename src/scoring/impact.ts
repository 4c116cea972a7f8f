import { formatDuration, formatElapsed, type Rubric } from '../model/index.js';
import { timeCredit, type DraftFinding } from './draft.js';
import { workingSeverityAt, type DrillFacts } from './facts.js';
import { targetAt } from './timed.js';

type ImpactRubric = NonNullable<Rubric['dimensions']['impact']>;

const MODE_RANK = { normal: 0, degraded: 1, lockdown: 2 } as const;

/**
 * impact = revenue.weight x revenue credit + (1 - revenue.weight) x (1 - worst data penalty)
 *          - over-reaction penalty.
 * Revenue lost is measured in hours of full revenue, against the targets for the severity
 * the evidence showed; the traffic decision is judged against the architecture's lockdown
 * thresholds at the severity in hand (observed or declared) when it was made.
 */
export function impactDimension(facts: DrillFacts, rubric: ImpactRubric): DraftFinding[] {
  const findings: DraftFinding[] = [];
  const { business, data_classes, lockdown_thresholds } = facts.compiled.architecture;
  const lost = facts.result.outcome.revenueLost;
  const lostMs = Math.round((lost / business.revenue_per_hour) * 3_600_000);
  const target = targetAt(rubric.revenue.targets, facts);
  const credit = timeCredit(lostMs, target);
  const money = (hours: number) =>
    `${((hours / 3_600_000) * business.revenue_per_hour).toFixed(2)} ${business.currency}`;
  findings.push({
    code: credit === 1 ? 'impact.revenue-on-target' : 'impact.revenue-over',
    delta: rubric.revenue.weight * credit,
    text: `revenue lost ${lost.toFixed(2)} ${business.currency} (${formatDuration(lostMs)} of full revenue; target ${money(target.target)}, no credit from ${money(target.limit)} at severity ${facts.observedSeverity})`,
    events: facts.traffic.map((c) => c.event),
    ...(credit < 1
      ? {
          recommendation:
            'Weigh the cost of isolation, degradation and lockdown against the severity; restore traffic once contained.',
        }
      : {}),
  });

  const sensitivity = new Map(data_classes.map((d) => [d.id, d.sensitivity]));
  // The loader checks every class an attacker state reaches against the architecture's.
  let worst: { penalty: number; event?: DraftFinding['events'][number] } = { penalty: 0 };
  for (const reached of facts.dataReached) {
    const level = sensitivity.get(reached.data) ?? 'critical';
    const penalty = rubric.data_reached[level] ?? 0;
    if (penalty > worst.penalty) worst = { penalty, event: reached.event };
  }
  const dataShare = 1 - rubric.revenue.weight;
  findings.push(
    worst.event
      ? {
          code: 'impact.data-reached',
          delta: dataShare * (1 - worst.penalty),
          text: `the attacker reached ${facts.dataReached.map((d) => `${d.data} (${sensitivity.get(d.data) ?? 'unknown'})`).join(', ')} at ${formatElapsed(worst.event.t)}`,
          t: worst.event.t,
          events: facts.dataReached.map((d) => d.event),
          recommendation:
            'Contain on the front end before the attacker reaches the data stores; restrict the inner firewall.',
        }
      : {
          code: 'impact.no-data',
          delta: dataShare,
          text: 'the attacker reached no data',
          events: [],
        },
  );

  const over = facts.traffic.filter(
    (c) =>
      MODE_RANK[c.to as keyof typeof MODE_RANK] >
      MODE_RANK[lockdown_thresholds[workingSeverityAt(facts, c.event.t)] ?? 'lockdown'],
  );
  if (over.length) {
    const first = over[0]!;
    const severity = workingSeverityAt(facts, first.event.t);
    // Set: a severity without a threshold allows lockdown, so nothing is over it.
    const threshold = lockdown_thresholds[severity]!;
    findings.push({
      code: 'impact.over-reaction',
      delta: -rubric.over_reaction_penalty,
      text: `traffic set to ${first.to} at ${formatElapsed(first.event.t)} while the incident was ${severity}; the threshold for ${severity} is ${threshold}`,
      t: first.event.t,
      events: over.map((c) => c.event),
      recommendation: `Match the traffic decision to the lockdown thresholds: at ${severity}, ${threshold} at most.`,
    });
  }
  return findings;
}
