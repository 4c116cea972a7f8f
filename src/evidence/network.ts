// The paths moved to src/model/paths.ts so the engine judges the attacker's access on the same
// paths the evidence is rendered on (decision 0960); the evidence layer keeps its import.
export { Network } from '../model/paths.js';
export type { DeviceRole } from '../model/paths.js';
