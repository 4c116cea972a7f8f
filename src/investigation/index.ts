export { compileQuery, FIELD_ALIASES, fieldKey, QuerySyntaxError } from './query.js';
export type { Predicate, SearchDoc } from './query.js';
export { indexLines, keyFields, searchDocs, sparkline } from './search.js';
export type { HistogramBucket, SearchOptions, SearchResult } from './search.js';
