import { useEffect } from 'react';
import type { Architecture } from '../../model/index.js';
import { completeEntries, type ScenarioEntry } from '../../play/scenarioCatalog.js';
import { useLatestState } from './useLatestState.js';

/**
 * The picker's list, validated after the first frame: entries listed from their headers
 * (`pending`) are checked one file per tick, so the picker draws at once and the "(invalid)"
 * marks appear as the checks finish. `ensure` validates one entry on the spot, for a key that
 * chooses it before its turn came.
 */
export function useCatalog(initial: readonly ScenarioEntry[], architecture: Architecture) {
  const [entries, setEntries, latest] = useLatestState<readonly ScenarioEntry[]>(initial);
  const complete = (file: string) =>
    setEntries(completeEntries(latest.current, file, architecture));
  useEffect(() => {
    const next = entries.find((e) => e.pending);
    if (!next) return;
    const timer = setTimeout(() => complete(next.file), 0);
    return () => clearTimeout(timer);
  }, [entries]);
  const ensure = (index: number): ScenarioEntry | undefined => {
    const entry = latest.current[index];
    if (entry?.pending) complete(entry.file);
    return latest.current[index];
  };
  return { entries, ensure };
}
