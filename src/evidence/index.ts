export {
  drillFacts,
  eachSighting,
  factSightings,
  occurrenceTimes,
  occurrenceWeight,
  DEGRADED_REFUSED_SHARE,
  FLOOD_SAMPLE_RATE,
  LOCAL_KINDS,
  MAX_OCCURRENCES,
  MISSING_PHP_BYTES,
  NGINX_404_BYTES,
} from './facts.js';
export type { FactSighting, FactWindow } from './facts.js';
export { factNamedBy } from './naming.js';
export { Defences } from './defences.js';
export { Network } from './network.js';
export type { DeviceRole } from './network.js';
export type { Endpoint, Fact, FactFields, FactOutcome } from './types.js';
