export { drillFacts, occurrenceTimes, DEGRADED_REFUSED_SHARE, MAX_OCCURRENCES } from './facts.js';
export type { FactWindow } from './facts.js';
export { Defences } from './defences.js';
export { Network } from './network.js';
export type { DeviceRole } from './network.js';
export type { Endpoint, Fact, FactFields, FactOutcome } from './types.js';
