import { parseLine, type LogLine } from '../telemetry/index.js';
import type { RequiredTerm, SearchDoc } from './query.js';

/** The SIEM's view of log lines: each with the fields its parser extracts. */
export function indexLines(lines: readonly LogLine[]): SearchDoc[] {
  return lines.map((line) => ({
    t: line.t,
    component: line.component,
    source: line.source,
    text: line.text,
    fields: parseLine(line.source as never, line.text) ?? {},
  }));
}

/**
 * The SIEM's index of one drill, built once and grown as lines arrive: the parsed lines in time
 * order, the field names seen, and for every field value (lower-cased) the lines that hold it, so
 * that a query with an exact term (`source.ip:203.0.113.7 AND ...`) tests only those lines.
 */
export class SearchIndex {
  readonly docs: SearchDoc[] = [];
  readonly fieldNames = new Set<string>(['component', 'source', 'message']);
  /** Field -> value (lower-cased) -> the lines holding it, ascending. */
  private readonly postings = new Map<string, Map<string, number[]>>();

  get size(): number {
    return this.docs.length;
  }

  /** Parses and indexes lines written after the last ones added (time order). */
  add(lines: readonly LogLine[]): void {
    for (const doc of indexLines(lines)) {
      const at = this.docs.length;
      this.docs.push(doc);
      this.post('component', doc.component, at);
      this.post('source', doc.source, at);
      for (const key in doc.fields) {
        this.fieldNames.add(key);
        this.post(key, doc.fields[key]!, at);
      }
    }
  }

  /**
   * The lines (positions in `docs`, ascending) that can match a required term: those holding its
   * value, or any value of the field that passes its test (each distinct value tested once).
   */
  candidates(term: RequiredTerm): readonly number[] {
    const values = this.postings.get(term.key);
    if (!values) return [];
    if (term.value !== undefined) return values.get(term.value) ?? [];
    const lists: number[][] = [];
    for (const [value, list] of values) if (term.test?.(value)) lists.push(list);
    return lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => a - b);
  }

  /** How many lines `candidates` would return, without building the list. */
  count(term: RequiredTerm): number {
    const values = this.postings.get(term.key);
    if (!values) return 0;
    if (term.value !== undefined) return values.get(term.value)?.length ?? 0;
    let n = 0;
    for (const [value, list] of values) if (term.test?.(value)) n += list.length;
    return n;
  }

  private post(key: string, value: string | number | boolean, at: number): void {
    let values = this.postings.get(key);
    if (!values) this.postings.set(key, (values = new Map()));
    const v = String(value).toLowerCase();
    const list = values.get(v);
    if (list) list.push(at);
    else values.set(v, [at]);
  }
}
