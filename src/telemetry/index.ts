export { injectLogLines } from './injectLines.js';
export type { LogLine } from './logLine.js';
