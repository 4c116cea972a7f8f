import { compileQuery, fieldKey as fieldKeyOf, type SearchDoc } from './query.js';
import { SearchIndex } from './searchIndex.js';

export { indexLines } from './searchIndex.js';

/** Fields worth a column in a results table, in the order an analyst reads them. */
const KEY_FIELDS = [
  'src_ip',
  'dest_ip',
  'dest_port',
  'user',
  'method',
  'path',
  'status',
  'event',
  'command',
  'signature',
  'action',
  'rule_id',
  'type',
  'comm',
  'argument',
  'level',
];

export interface HistogramBucket {
  from: number;
  to: number;
  count: number;
}

export interface SearchResult {
  query: string;
  /** The simulated time of the search: nothing after it is ever searched. */
  at: number;
  /** Matching lines in [0, at]. */
  total: number;
  /** The newest matches first, at most `limit`. */
  hits: SearchDoc[];
  histogram: HistogramBucket[];
  /** Fields the query names that no searched line has (probably a typo). */
  unknownFields: string[];
}

export interface SearchOptions {
  limit?: number;
  buckets?: number;
}

/** The index of the first doc with t > at (docs are in time order). */
function endOf(docs: readonly SearchDoc[], at: number): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid]!.t <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Runs a query over the docs written up to `at` (simulated ms), never beyond. Throws
 * QuerySyntaxError for a query that does not parse.
 */
export function searchDocs(
  source: readonly SearchDoc[] | SearchIndex,
  query: string,
  at: number,
  options: SearchOptions = {},
): SearchResult {
  const { predicate, fields, required } = compileQuery(query);
  const index = source instanceof SearchIndex ? source : undefined;
  const docs = index ? index.docs : (source as readonly SearchDoc[]);
  const limit = options.limit ?? 50;
  const bucketCount = Math.max(1, options.buckets ?? 24);
  const width = Math.max(1, Math.ceil((at + 1) / bucketCount));
  const counts = new Array<number>(bucketCount).fill(0);
  const end = endOf(docs, at);
  const matches: SearchDoc[] = [];
  const test = (doc: SearchDoc) => {
    if (!predicate(doc)) return;
    matches.push(doc);
    counts[Math.min(bucketCount - 1, Math.floor(doc.t / width))]! += 1;
  };
  // With an index, a query with a required term (an exact value, a wildcard or a range on a
  // field) tests only the lines that can pass it: those of its rarest term.
  let candidates: readonly number[] | undefined;
  if (index && required.length > 0) {
    const counts = required.map((term) => index.count(term));
    const rarest = counts.indexOf(Math.min(...counts));
    candidates = index.candidates(required[rarest]!);
  }
  if (candidates) {
    for (const i of candidates) {
      if (i >= end) break;
      test(docs[i]!);
    }
  } else for (let i = 0; i < end; i++) test(docs[i]!);
  const seen = index?.fieldNames ?? new Set<string>(['component', 'source', 'message']);
  const wanted = new Set(fields);
  for (let i = 0; !index && i < end && wanted.size > 0; i++) {
    for (const key of Object.keys(docs[i]!.fields)) seen.add(key);
    if (i % 1000 === 999) for (const f of wanted) if (seen.has(fieldKeyOf(f))) wanted.delete(f);
  }
  const unknownFields = [...wanted].filter((f) => !seen.has(fieldKeyOf(f)));
  return {
    query,
    at,
    total: matches.length,
    hits: matches.slice(-limit).reverse(),
    histogram: counts.map((count, i) => ({ from: i * width, to: (i + 1) * width, count })),
    unknownFields,
  };
}

/** The key fields of a line as `name=value` pairs, for a table column. */
export function keyFields(doc: SearchDoc, max = 4, width = 60): string[] {
  const out: string[] = [];
  for (const key of KEY_FIELDS) {
    const value = doc.fields[key];
    if (value === undefined || value === '') continue;
    const text = String(value);
    out.push(`${key}=${text.length > width ? `${text.slice(0, width - 1)}~` : text}`);
    if (out.length >= max) break;
  }
  return out;
}

const SPARK = ' ▁▂▃▄▅▆▇█';

/** The histogram as one line of block characters (empty buckets as spaces). */
export function sparkline(histogram: readonly HistogramBucket[]): string {
  const max = Math.max(0, ...histogram.map((b) => b.count));
  if (max === 0) return ' '.repeat(histogram.length);
  return histogram
    .map((b) => (b.count === 0 ? ' ' : SPARK[Math.max(1, Math.round((b.count / max) * 8))]!))
    .join('');
}
