export { compileScenarioData } from './compiledScenario.js';
export type { CompiledScenario } from './compiledScenario.js';
export { holds } from './conditions.js';
export { compiledScenarioFor, Drill } from './drill.js';
export { compileDrillMachine } from './drillMachine.js';
export { aimedIndicator, isDiscussionOnly, isTechnical } from './drillReducers.js';
export { CONSEQUENCE_INJECT_IDS } from './consequences.js';
export { callInProgress, unavailability as contactUnavailability } from './contacts.js';
export { revenueLossRate } from './revenue.js';
export { backupPointsFor, pointStatus, schedulePoints } from './backups.js';
export type { BackupPoint } from './backups.js';
export { closeGaps, examinedBy } from './closeCriteria.js';
export { BACKUP_FOLDER, leftoversOf } from './persistence.js';
export type { Leftover } from './persistence.js';
export { alea, aleaFirst } from './alea.js';
export { RngStreams } from './rng.js';
export type { Seed } from './rng.js';
export { runDrill } from './runDrill.js';
export type { DrillResult } from './runDrill.js';
export { Scheduler } from './scheduler.js';
export type {
  ActionRecord,
  ActionRequest,
  ArtefactState,
  CloseGap,
  ComponentState,
  DrillContext,
  DrillEvent,
  DrillOutcome,
  EndReason,
  PlanStatus,
  SecretState,
  TraceEntry,
  TraceType,
} from './types.js';
export { fillPlaceholders, renderInject, wallTime } from './injectText.js';
export { checkExpectations } from './expectations.js';
export { coachPhase, currentHints, explanationFor, idleFor } from './coach.js';
export { decodeDrillCode, encodeDrillCode, MAX_CODE_SEED } from './drillCode.js';
export { replayDrill } from './replay.js';
