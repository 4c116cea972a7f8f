import {
  compiledScenarioFor,
  isDiscussionOnly,
  isTechnical,
  type DrillResult,
} from '../engine/index.js';
import {
  DIMENSION_IDS,
  type Architecture,
  type DimensionId,
  type Rubric,
  type Scenario,
} from '../model/index.js';
import type { DraftFinding } from './draft.js';
import { escalationDimension } from './escalation.js';
import { evidenceDimension } from './evidence.js';
import { expectedFindings } from './expected.js';
import { readFacts } from './facts.js';
import { impactDimension } from './impact.js';
import { investigationDimension } from './investigation.js';
import { notificationDimension } from './notification.js';
import { planDimension } from './plan.js';
import { recoveryDimension } from './recovery.js';
import { gradeOf, rateObjectives } from './ratings.js';
import { improvementOf } from './improvement.js';
import { projectToTimeLimit } from './projection.js';
import { severityDimension } from './severity.js';
import { timedDimension } from './timed.js';
import type { DimensionScore, Measures, Projection, Score } from './types.js';

export const DIMENSION_TITLES: Record<DimensionId, string> = {
  'time-to-detect': 'Time to detect and confirm',
  'time-to-escalate': 'Time to escalate',
  'time-to-contain': 'Time to contain',
  escalation: 'Escalation choices',
  impact: 'Business impact',
  plan: 'Emergency-plan adherence',
  evidence: 'Evidence preservation',
  severity: 'Severity assessment',
  investigation: 'Investigation findings',
  recovery: 'Eradicate and recover',
  notification: 'Notify and communicate',
};

const round = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

export interface ScoreInputs {
  architecture: Architecture;
  scenario: Scenario;
  rubric: Rubric;
  /** The engine's result for the drill (runDrill or a finished Drill). */
  result: DrillResult;
}

/** A dimension the drill never exercised: all its findings say so (expected ones included). */
const notEvaluated = (findings: DraftFinding[]) =>
  findings.every((f) => f.code.endsWith('.not-evaluated'));

function projectionOf(real: DrillResult, projected: DrillResult): Projection | undefined {
  if (projected === real) return undefined;
  const seen = new Set(real.outcome.attackerReached);
  const had = new Set(real.outcome.dataReached);
  return {
    endedAt: real.outcome.endedAt ?? real.context.now,
    endReason: real.outcome.endReason ?? 'not-ended',
    attackerWouldReach: projected.outcome.attackerReached.filter((s) => !seen.has(s)),
    dataWouldReach: projected.outcome.dataReached.filter((d) => !had.has(d)),
    contained: projected.outcome.contained,
  };
}

/**
 * A drill's score: a pure function of (architecture, scenario, rubric, result). A drill that
 * ended early is scored as if it had run to its time limit (projectToTimeLimit). Each dimension's
 * share is the sum of its findings' deltas, clamped to 0..1; its points are its share of its
 * weight. The total is over the evaluated dimensions, normalised to 100.
 */
export function scoreDrill({ architecture, scenario, rubric, result: real }: ScoreInputs): Score {
  const result = projectToTimeLimit(architecture, scenario, real);
  const projection = projectionOf(real, result);
  const compiled = compiledScenarioFor(architecture, scenario);
  const facts = readFacts(compiled, result);
  const drafts = new Map<DimensionId, DraftFinding[]>();
  const measures: Measures = {
    revenueLost: result.outcome.revenueLost,
    missedSteps: [],
    severity: facts.severity,
  };
  const dims = rubric.dimensions;
  for (const id of ['time-to-detect', 'time-to-escalate', 'time-to-contain'] as const) {
    const dim = dims[id];
    if (!dim) continue;
    const { findings, elapsed } = timedDimension(facts, id, dim);
    drafts.set(id, findings);
    if (elapsed !== undefined) {
      if (id === 'time-to-detect') measures.timeToDetect = elapsed;
      if (id === 'time-to-escalate') measures.timeToEscalate = elapsed;
      if (id === 'time-to-contain') measures.timeToContain = elapsed;
    }
  }
  if (dims.escalation) {
    const verdict = escalationDimension(facts, dims.escalation);
    drafts.set('escalation', verdict.findings);
    if (verdict.accuracy !== undefined) measures.escalationAccuracy = verdict.accuracy;
  }
  if (dims.impact) drafts.set('impact', impactDimension(facts, dims.impact));
  if (dims.plan) {
    const { findings, missed } = planDimension(facts, dims.plan);
    drafts.set('plan', findings);
    measures.missedSteps = missed;
  }
  if (dims.evidence) drafts.set('evidence', evidenceDimension(facts, dims.evidence));
  if (dims.severity) drafts.set('severity', severityDimension(facts, dims.severity));
  // What the trainee found, against what was observable before the drill really ended.
  if (dims.investigation)
    drafts.set(
      'investigation',
      investigationDimension(compiled, real.trace, real.seed, dims.investigation),
    );
  if (dims.recovery) drafts.set('recovery', recoveryDimension(facts, result, dims.recovery));
  if (dims.notification)
    drafts.set('notification', notificationDimension(facts, dims.notification));
  const discussionOnly = isDiscussionOnly(result.context);
  for (const { dimension, finding } of expectedFindings(facts, rubric.missed_expected_penalty, {
    // An executive tabletop cannot take technical actions: it is not expected to.
    skip: (action) => discussionOnly && isTechnical(facts.compiled, { do: action }),
  })) {
    drafts.get(dimension)?.push(finding);
  }
  if (discussionOnly) {
    // An executive tabletop has no technical actions: what only they could earn is not judged.
    for (const id of DIMENSION_IDS) {
      if (dims[id]?.technical && drafts.has(id))
        drafts.set(id, [
          {
            code: `${id}.not-evaluated`,
            delta: 0,
            text: 'a discussion-only drill has no technical actions (not evaluated)',
            events: [],
          },
        ]);
    }
  }

  const evaluated = (id: DimensionId) => {
    const findings = drafts.get(id);
    return findings !== undefined && !notEvaluated(findings);
  };
  const weightSum = DIMENSION_IDS.reduce(
    (sum, id) => sum + (evaluated(id) ? (dims[id]?.weight ?? 0) : 0),
    0,
  );
  const scale = weightSum > 0 ? 100 / weightSum : 0;
  const dimensions: DimensionScore[] = DIMENSION_IDS.flatMap((id): DimensionScore[] => {
    const dim = dims[id];
    const findings = drafts.get(id);
    if (!dim || !findings) return [];
    if (!evaluated(id)) {
      return [
        {
          id,
          title: dim.title ?? DIMENSION_TITLES[id],
          max: 0,
          points: 0,
          share: 0,
          evaluated: false,
          findings: findings.map(({ delta: _delta, ...finding }) => ({ ...finding, points: 0 })),
        },
      ];
    }
    const max = dim.weight * scale;
    const share = Math.min(
      1,
      Math.max(
        0,
        findings.reduce((sum, f) => sum + f.delta, 0),
      ),
    );
    return [
      {
        id,
        title: dim.title ?? DIMENSION_TITLES[id],
        max: round(max, 2),
        points: round(max * share, 2),
        share: max > 0 ? round(share, 4) : 1,
        evaluated: true,
        findings: findings.map(({ delta, ...finding }) => ({
          ...finding,
          points: round(delta * max, 2),
        })),
      },
    ];
  });
  const total = round(
    dimensions.reduce((sum, d) => sum + d.points, 0),
    1,
  );
  const objectives = rateObjectives(scenario, rubric, dimensions);
  const anyEvaluated = dimensions.some((d) => d.evaluated);
  return {
    rubric: rubric.id,
    total,
    grade: anyEvaluated ? gradeOf(rubric, total) : 'N/E',
    evaluated: anyEvaluated,
    ...(projection ? { projection } : {}),
    dimensions,
    objectives,
    ...improvementOf(rubric, dimensions, objectives),
    measures,
  };
}
