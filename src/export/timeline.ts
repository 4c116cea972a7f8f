import { formatElapsed } from '../model/index.js';
import { describeTraceEntry, type TraceLine } from './describeTrace.js';
import type { Results } from './resultsSchema.js';
import { clockAt, plain } from './textSafety.js';

export interface TimelineRow {
  index: number;
  t: number;
  elapsed: string;
  clock: string;
  category: TraceLine['category'];
  type: string;
  /** Plain text (control characters removed); escape it for the target format. */
  text: string;
}

/** The drill's trace as rows every export shares. */
export function timelineOf(results: Results): TimelineRow[] {
  return results.trace.map((entry, index) => {
    const line = describeTraceEntry(entry);
    return {
      index,
      t: entry.t,
      elapsed: formatElapsed(entry.t),
      clock: clockAt(results.summary.startTime, entry.t),
      category: line.category,
      type: entry.type,
      text: plain(line.text),
    };
  });
}

export const SUMMARY_COLUMNS = [
  'file',
  'saved_at',
  'scenario',
  'scenario_sha256',
  'seed',
  'trainee',
  'team',
  'rubric',
  'total',
  'grade',
  'contained',
  'severity',
  'ttd_s',
  'tte_s',
  'ttc_s',
  'escalation_accuracy',
  'revenue_lost',
  'data_reached',
  'missed_steps',
] as const;

export type SummaryRow = Record<(typeof SUMMARY_COLUMNS)[number], string | number | boolean>;

/** One line per drill, for CSV summaries and `ttx report`. */
export function summaryRow(results: Results, file = ''): SummaryRow {
  const m = results.score.measures;
  const seconds = (value: number | undefined) => (value === undefined ? '' : value / 1000);
  return {
    file,
    saved_at: results.savedAt ?? '',
    scenario: results.scenario.id,
    scenario_sha256: results.scenario.sha256,
    seed: results.seed,
    trainee: results.participants.trainee ?? '',
    team: results.participants.team ?? '',
    rubric: results.score.rubric,
    total: results.score.total,
    grade: results.score.grade,
    contained: results.outcome.contained,
    severity: m.severity,
    ttd_s: seconds(m.timeToDetect),
    tte_s: seconds(m.timeToEscalate),
    ttc_s: seconds(m.timeToContain),
    escalation_accuracy: m.escalationAccuracy ?? '',
    revenue_lost: results.outcome.revenueLost,
    data_reached: results.outcome.dataReached.join(' '),
    missed_steps: m.missedSteps.join(' '),
  };
}
