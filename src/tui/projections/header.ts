import { wallTime } from '../../engine/index.js';
import { severityInHand } from '../../scoring/index.js';
import { formatElapsed } from '../../model/index.js';
import type { ClockMode, Speed } from '../simClock.js';
import { clean, clockOf, money } from '../text.js';
import type { DrillView } from './drillView.js';

export interface HeaderView {
  scenario: string;
  elapsed: string;
  wallTime: string;
  clock: string;
  severity: string;
  revenueLost: string;
  inProgress: number;
}

/**
 * The severity the trainee can know: the highest the evidence they could see showed, or their own
 * declaration if higher. Scoring reads the same (severityInHand), so the matrix this screen shows
 * is the one the escalations are graded against. The engine's severity also rises with attacker
 * moves nobody could see yet; that one is shown in the debrief.
 */
export function visibleSeverity(drill: DrillView): string {
  if (drill.isEnded) return drill.context.severity;
  return severityInHand(drill.compiled, drill, drill.now);
}

export function clockLabel(
  mode: ClockMode,
  isPaused: boolean,
  speed: Speed,
  isEnded: boolean,
): string {
  if (isEnded) return 'ENDED';
  if (mode === 'turn-based') return 'TURN-BASED';
  return `${isPaused ? 'PAUSED' : 'RUNNING'} ${speed}x`;
}

export function projectHeader(
  drill: DrillView,
  clock: { mode: ClockMode; isPaused: boolean; speed: Speed },
): HeaderView {
  const { scenario, architecture } = drill.compiled;
  const declared = drill.context.declaredSeverity;
  const severity = visibleSeverity(drill);
  return {
    scenario: clean(scenario.title),
    elapsed: formatElapsed(drill.now),
    wallTime: `${clockOf(wallTime(scenario, drill.now))}Z`,
    clock: clockLabel(clock.mode, clock.isPaused, clock.speed, drill.isEnded),
    severity: declared && declared !== severity ? `${severity} (declared ${declared})` : severity,
    revenueLost: money(drill.revenueLost, architecture.business.currency),
    inProgress: drill.context.inProgress.length,
  };
}

/** The trainee's notes (note actions), oldest first. */
export function projectNotes(drill: DrillView): Array<{ at: string; text: string }> {
  return drill.context.completed
    .filter((a) => a.do === 'note')
    .map((a) => ({ at: formatElapsed(a.startedAt), text: clean(a.text) }));
}
