import type { IndicatorKind, SimMs } from '../../model/index.js';
import { guessIndicatorKind } from '../../model/index.js';
import { clean } from '../text.js';
import type { DrillView } from './drillView.js';

/** One indicator the trainee noted, with when they first noted it. */
export interface NotebookEntry {
  value: string;
  indicator: IndicatorKind;
  at: SimMs;
  /** The host it was seen on (a line's component, the console's host), when the mark says. */
  on?: string;
}

/**
 * The notebook: every indicator marked in this drill (journaled `mark` actions), first mark
 * first, each value once. It is read from the drill, so replay and scoring see the same notebook.
 */
export function projectNotebook(drill: DrillView): NotebookEntry[] {
  const seen = new Map<string, NotebookEntry>();
  for (const record of drill.context.completed) {
    if (record.do !== 'mark' || !record.value || seen.has(record.value)) continue;
    const value = clean(record.value);
    seen.set(record.value, {
      value,
      indicator: record.indicator ?? guessIndicatorKind(value),
      at: record.doneAt,
      ...(record.target ? { on: clean(record.target) } : {}),
    });
  }
  return [...seen.values()];
}

/** The most recently noted indicator of a kind: what an aimed action proposes first. */
export function latestIndicator(drill: DrillView, indicator: IndicatorKind): string | undefined {
  return projectNotebook(drill)
    .filter((e) => e.indicator === indicator)
    .at(-1)?.value;
}
