import { isDiscussionOnly, wallTime } from '../../engine/index.js';
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
 * The severity the trainee can know: the scenario's starting severity, raised by the injects they
 * have seen and by their own declaration. The engine's severity also rises with attacker moves
 * nobody has noticed yet; that one is shown in the debrief.
 */
export function visibleSeverity(drill: DrillView): string {
  const rank = drill.compiled.severityRank;
  if (drill.isEnded) return drill.context.severity;
  let best = drill.compiled.scenario.severity;
  const consider = (s: string | undefined) => {
    if (s !== undefined && (rank.get(s) ?? -1) > (rank.get(best) ?? -1)) best = s;
  };
  for (const fired of drill.context.fired)
    consider(drill.compiled.injects.get(fired.id)?.raises_severity);
  consider(drill.context.declaredSeverity);
  return best;
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
    // An executive tabletop says so where the title is: its screens have no technical play.
    scenario: isDiscussionOnly(drill.context)
      ? `${clean(scenario.title)} (discussion only)`
      : clean(scenario.title),
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
