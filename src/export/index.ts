export { describeRequest, describeTraceEntry } from './describeTrace.js';
export type { TraceLine } from './describeTrace.js';
