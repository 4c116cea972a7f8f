import { describeTraceEntry, type TraceLine } from '../../export/index.js';
import { formatElapsed, type SimMs } from '../../model/index.js';
import { clean, money, shortDuration } from '../text.js';
import type { DrillView } from './drillView.js';

/**
 * A score as the debrief shows it. The scoring module is built separately; the lead maps its
 * result to this shape (total, maximum, one line per rubric item).
 */
export interface DebriefScore {
  total: number;
  max: number;
  grade?: string;
  items: Array<{ label: string; points: number; max: number; note?: string }>;
}

/** What the shell adds to a debrief once the drill is over (optional, both of them). */
export interface DebriefExtras {
  score?: DebriefScore;
  /** Where the results file was written. */
  resultsPath?: string;
  /** Why results could not be written (shown instead of a path). */
  resultsError?: string;
}

export interface DebriefView {
  title: string;
  verdict: string;
  isContained: boolean;
  facts: Array<{ label: string; value: string }>;
  escalations: Array<{ at: string; contact: string; channel: string }>;
  timeline: TraceLine[];
}

function since(from: SimMs | undefined, to: SimMs | undefined): string {
  if (from === undefined || to === undefined) return 'n/a';
  return to >= from ? shortDuration(to - from) : `${shortDuration(from - to)} before the attack`;
}

/**
 * Time to detect: from the first malicious event to the end of the "confirm" plan step (the first
 * plan step). Time to contain: from the first malicious event to containment. Scoring may define
 * them more finely; these are the debrief's plain reading of the trace.
 */
export function projectDebrief(drill: DrillView): DebriefView {
  const { compiled, context: ctx } = drill;
  const outcome = drill.outcome;
  const first = [...compiled.architecture.emergency_plan].sort((a, b) => a.order - b.order)[0];
  const confirmedAt = first ? ctx.plan[first.id]?.doneAt : undefined;
  const contactName = (id: string) =>
    clean(compiled.architecture.contacts.find((c) => c.id === id)?.name ?? id);
  const verdict = outcome.contained
    ? `Contained at ${formatElapsed(outcome.containedAt ?? 0)}`
    : outcome.objectiveReached
      ? 'Not contained: the attacker reached their objective'
      : 'Not contained';
  const planDone = Object.values(ctx.plan).filter((p) => p.status === 'done').length;
  return {
    title: clean(compiled.scenario.title),
    verdict,
    isContained: outcome.contained,
    facts: [
      {
        label: 'ended',
        value: `${formatElapsed(outcome.endedAt ?? drill.now)} (${outcome.endReason ?? 'still running'})`,
      },
      {
        label: 'first malicious event',
        value:
          outcome.firstMaliciousAt !== undefined ? formatElapsed(outcome.firstMaliciousAt) : 'none',
      },
      { label: 'time to detect', value: since(outcome.firstMaliciousAt, confirmedAt) },
      { label: 'time to contain', value: since(outcome.firstMaliciousAt, outcome.containedAt) },
      { label: 'attacker reached', value: outcome.attackerReached.join(' -> ') || 'nothing' },
      { label: 'hosts compromised', value: outcome.compromised.join(', ') || 'none' },
      { label: 'data reached', value: outcome.dataReached.join(', ') || 'none' },
      {
        label: 'incident severity',
        value: `${outcome.severity}${ctx.declaredSeverity ? ` (you declared ${ctx.declaredSeverity})` : ' (never declared)'}`,
      },
      {
        label: 'revenue lost',
        value: money(outcome.revenueLost, compiled.architecture.business.currency),
      },
      {
        label: 'plan steps done',
        value: `${planDone} of ${compiled.architecture.emergency_plan.length}`,
      },
    ],
    escalations: ctx.escalations.map((e) => ({
      at: formatElapsed(e.at),
      contact: contactName(e.contact),
      channel: e.channel,
    })),
    timeline: drill.trace.map((entry) => describeTraceEntry(entry, compiled)),
  };
}
