import { stringify } from 'csv-stringify/sync';
import type { Results } from './resultsSchema.js';
import { csvCell } from './textSafety.js';
import { SUMMARY_COLUMNS, timelineOf, type SummaryRow } from './timeline.js';

function toCsv(
  header: string[],
  rows: Array<Array<string | number | boolean | undefined>>,
): string {
  return stringify([header, ...rows.map((row) => row.map(csvCell))], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'unix',
  });
}

/** The drill's timeline of events and decisions, one row per trace entry. */
export function timelineCsv(results: Results): string {
  return toCsv(
    ['index', 't_ms', 'elapsed', 'clock', 'category', 'event', 'text'],
    timelineOf(results).map((r) => [r.index, r.t, r.elapsed, r.clock, r.category, r.type, r.text]),
  );
}

/** One summary row per drill (the same columns `ttx report --format csv` writes). */
export function summaryCsv(rows: SummaryRow[]): string {
  return toCsv(
    [...SUMMARY_COLUMNS],
    rows.map((row) => SUMMARY_COLUMNS.map((key) => row[key])),
  );
}
