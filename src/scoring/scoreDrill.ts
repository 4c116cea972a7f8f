import { compileScenarioData, type DrillResult } from '../engine/index.js';
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
import { planDimension } from './plan.js';
import { gradeOf, rateObjectives } from './ratings.js';
import { improvementOf } from './improvement.js';
import { timedDimension } from './timed.js';
import type { DimensionScore, Measures, Score } from './types.js';

export const DIMENSION_TITLES: Record<DimensionId, string> = {
  'time-to-detect': 'Time to detect and confirm',
  'time-to-escalate': 'Time to escalate',
  'time-to-contain': 'Time to contain',
  escalation: 'Escalation choices',
  impact: 'Business impact',
  plan: 'Emergency-plan adherence',
  evidence: 'Evidence preservation',
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

/**
 * A drill's score: a pure function of (architecture, scenario, rubric, result). Each dimension's
 * share is the sum of its findings' deltas, clamped to 0..1; its points are its share of its
 * weight, the weights normalised to 100.
 */
export function scoreDrill({ architecture, scenario, rubric, result }: ScoreInputs): Score {
  const facts = readFacts(compileScenarioData(architecture, scenario), result);
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
  for (const { dimension, finding } of expectedFindings(facts, rubric.missed_expected_penalty)) {
    drafts.get(dimension)?.push(finding);
  }

  const weightSum = DIMENSION_IDS.reduce((sum, id) => sum + (dims[id]?.weight ?? 0), 0);
  const scale = weightSum > 0 ? 100 / weightSum : 0;
  const dimensions: DimensionScore[] = DIMENSION_IDS.flatMap((id) => {
    const dim = dims[id];
    const findings = drafts.get(id);
    if (!dim || !findings) return [];
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
  const objectives = rateObjectives(scenario, rubric, dimensions, total);
  return {
    rubric: rubric.id,
    total,
    grade: gradeOf(rubric, total),
    dimensions,
    objectives,
    ...improvementOf(rubric, dimensions, objectives),
    measures,
  };
}
