export { compileQuery, FIELD_ALIASES, fieldKey, QuerySyntaxError } from './query.js';
export type { Predicate, RequiredTerm, SearchDoc } from './query.js';
export { indexLines, keyFields, searchDocs, sparkline } from './search.js';
export { SearchIndex } from './searchIndex.js';
export type { HistogramBucket, SearchOptions, SearchResult } from './search.js';
export { hostConsole, logPathOf, runShell, tokenize, MAX_COMMAND } from './console/index.js';
export type { CommandContext, HostState, ShellOutput } from './console/index.js';
