import type { Results } from './resultsSchema.js';

/** Median of a list (mean of the two middle values for an even count). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

export interface GroupStats {
  by: 'all' | 'scenario' | 'team' | 'trainee';
  key: string;
  drills: number;
  contained: number;
  meanScore: number;
  medianScore: number;
  /** Simulated ms, over the drills where the clock stopped. */
  ttdMedian?: number;
  ttdP90?: number;
  ttcMedian?: number;
  ttcP90?: number;
  /** Mean escalation accuracy (0..1) over drills that required escalations. */
  escalationAccuracy?: number;
  /** Plan steps missed, most often first, with the step's title when the architecture is known. */
  missedSteps: Array<{ step: string; title?: string; count: number }>;
  /** Mean score of the earlier and the later half by save time (trend over time). */
  trend?: { earlier: number; later: number };
  /** Per dimension: the mean share earned (0..1) over the drills that evaluated it. */
  dimensions: Array<{ id: string; title: string; meanShare?: number; evaluated: number }>;
  /** Mean score per day of saving (UTC date of `savedAt`), oldest first. */
  series: Array<{ date: string; drills: number; meanScore: number }>;
}

/** What the report knows beyond the results files (the architecture's plan step titles). */
export interface AggregateOptions {
  stepTitles?: ReadonlyMap<string, string>;
}

function dimensionStats(drills: Results[]): GroupStats['dimensions'] {
  const order: string[] = [];
  const byId = new Map<string, { title: string; shares: number[] }>();
  for (const r of drills)
    for (const d of r.score.dimensions) {
      let entry = byId.get(d.id);
      if (!entry) {
        entry = { title: d.title, shares: [] };
        byId.set(d.id, entry);
        order.push(d.id);
      }
      if (d.evaluated) entry.shares.push(d.share);
    }
  return order.map((id) => {
    const { title, shares } = byId.get(id)!;
    return {
      id,
      title,
      ...(shares.length
        ? {
            meanShare:
              Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 1000) / 1000,
          }
        : {}),
      evaluated: shares.length,
    };
  });
}

function seriesOf(drills: Results[]): GroupStats['series'] {
  const days = new Map<string, number[]>();
  for (const r of drills) {
    const date = r.savedAt?.slice(0, 10) ?? 'unknown';
    days.set(date, [...(days.get(date) ?? []), r.score.total]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, totals]) => ({
      date,
      drills: totals.length,
      meanScore: Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10,
    }));
}

function stats(
  by: GroupStats['by'],
  key: string,
  drills: Results[],
  options: AggregateOptions,
): GroupStats {
  const totals = drills.map((r) => r.score.total);
  const defined = (values: Array<number | undefined>) =>
    values.filter((v): v is number => v !== undefined);
  const ttd = defined(drills.map((r) => r.score.measures.timeToDetect));
  const ttc = defined(drills.map((r) => r.score.measures.timeToContain));
  const accuracy = defined(drills.map((r) => r.score.measures.escalationAccuracy));
  const missed = new Map<string, number>();
  for (const r of drills)
    for (const step of r.score.measures.missedSteps) missed.set(step, (missed.get(step) ?? 0) + 1);
  const ordered = [...drills].sort((a, b) => (a.savedAt ?? '').localeCompare(b.savedAt ?? ''));
  const half = Math.floor(ordered.length / 2);
  // Scores to one decimal, as they are shown: a median of two is a mean (17.3 and 81.1 gave
  // 49.199999999999996 in `ttx report`).
  const tenth = (value: number) => Math.round(value * 10) / 10;
  const mean = (values: number[]) => tenth(values.reduce((a, b) => a + b, 0) / values.length);
  const opt = <K extends string>(k: K, v: number | undefined) =>
    v === undefined ? {} : ({ [k]: v } as Record<K, number>);
  return {
    by,
    key,
    drills: drills.length,
    contained: drills.filter((r) => r.outcome.contained).length,
    meanScore: mean(totals),
    medianScore: tenth(median(totals)!),
    ...opt('ttdMedian', median(ttd)),
    ...opt('ttdP90', percentile(ttd, 90)),
    ...opt('ttcMedian', median(ttc)),
    ...opt('ttcP90', percentile(ttc, 90)),
    ...opt(
      'escalationAccuracy',
      accuracy.length
        ? Math.round((accuracy.reduce((a, b) => a + b, 0) / accuracy.length) * 1000) / 1000
        : undefined,
    ),
    missedSteps: [...missed.entries()]
      .map(([step, count]) => {
        const title = options.stepTitles?.get(step);
        return { step, ...(title !== undefined ? { title } : {}), count };
      })
      .sort((a, b) => b.count - a.count || a.step.localeCompare(b.step)),
    ...(half >= 1
      ? {
          trend: {
            earlier: mean(ordered.slice(0, half).map((r) => r.score.total)),
            later: mean(ordered.slice(half).map((r) => r.score.total)),
          },
        }
      : {}),
    dimensions: dimensionStats(drills),
    series: seriesOf(drills),
  };
}

/** Preparedness figures over many drills: overall, then by scenario, team and trainee. */
export function aggregateResults(drills: Results[], options: AggregateOptions = {}): GroupStats[] {
  if (drills.length === 0) return [];
  const groups: GroupStats[] = [stats('all', 'all drills', drills, options)];
  const keyed = (by: 'scenario' | 'team' | 'trainee', key: (r: Results) => string | undefined) => {
    const map = new Map<string, Results[]>();
    for (const r of drills) {
      const k = key(r);
      if (k === undefined) continue;
      map.set(k, [...(map.get(k) ?? []), r]);
    }
    for (const k of [...map.keys()].sort()) groups.push(stats(by, k, map.get(k)!, options));
  };
  keyed('scenario', (r) => r.scenario.id);
  keyed('team', (r) => r.participants.team);
  keyed('trainee', (r) => r.participants.trainee);
  return groups;
}
