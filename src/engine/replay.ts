import type { ActionLogEntry, Architecture, Scenario, SimMs } from '../model/index.js';
import { Drill } from './drill.js';
import type { Seed } from './rng.js';

/**
 * Rebuilds a drill from its seed and timed log, up to simulated time `until` (default: the last
 * entry). This is how a session resumes after a crash: the drill is its seed plus its log.
 * Entries are applied in `at` order, stable for equal times, exactly as `runDrill` does.
 */
export function replayDrill(
  architecture: Architecture,
  scenario: Scenario,
  seed: Seed,
  log: readonly ActionLogEntry[],
  until?: SimMs,
): Drill {
  const drill = new Drill(architecture, scenario, seed);
  // Array.prototype.sort is stable (ES2019): entries of equal times keep their log order.
  const ordered = [...log].sort((a, b) => a.at - b.at);
  for (const entry of ordered) {
    // Stryker disable next-line ConditionalExpression: a shortcut; once ended, advanceTo and act do nothing
    if (drill.isEnded) break;
    drill.advanceTo(entry.at);
    const { at: _at, ...request } = entry;
    drill.act(request);
  }
  // Stryker disable next-line UnaryOperator: after the loop the clock is at the last entry already, so any earlier entry's time is never ahead of it
  const end = until ?? ordered.at(-1)?.at ?? 0;
  if (!drill.isEnded && end > drill.now) drill.advanceTo(end);
  return drill;
}
