export { BUILT_IN_ACTIONS, PLAN_ACTION_PREFIX, TECHNICAL_ACTION_KINDS } from './actionKinds.js';
export type { BuiltInAction, TechnicalActionKind } from './actionKinds.js';
export { actionLogEntrySchema, actionScriptSchema } from './actionLogSchema.js';
export { architectureSchema } from './architectureSchema.js';
export type {
  Architecture,
  Baseline,
  Component,
  Contact,
  PlanStep,
  Vulnerability,
} from './architectureSchema.js';
export type { AlertSeverity, TrafficMode } from './common.js';
export { conditionSchema, CONDITION_TESTS } from './conditionSchema.js';
export type { Condition } from './conditionSchema.js';
export { actionCatalogue } from './crossReferences.js';
export { formatDiagnostic, InputError, sortDiagnostics, stripControl } from './diagnostic.js';
export type { Diagnostic } from './diagnostic.js';
export { formatDuration, formatElapsed, parseDuration } from './duration.js';
export type { SimMs } from './duration.js';
export { readInputFile } from './load.js';
export {
  checkActionScriptFile,
  checkActionScriptText,
  checkArchitectureFile,
  checkArchitectureText,
  checkScenarioFile,
  checkScenarioText,
  checkRuleFile,
  checkRuleText,
  orThrow,
} from './loaders.js';
export type { ActionScript, Checked, Loaded } from './loaders.js';
export { RED_HERRING_KINDS, scenarioSchema } from './scenarioSchema.js';
export {
  COMMON_FIELDS,
  detectionRuleSchema,
  FIELD_MODIFIERS,
  LOG_FIELDS,
  LOG_SOURCES,
} from './detectionRuleSchema.js';
export type { DetectionRule, LogSource, Selection } from './detectionRuleSchema.js';
export { conditionRefs, parseCondition } from './detectionCondition.js';
export type { ConditionNode } from './detectionCondition.js';
export type {
  AttackerState,
  AttackerTransition,
  ExpectedResponse,
  Inject,
  Scenario,
  RedHerring,
  ScenarioTest,
  TechnicalAction,
  TelemetrySettings,
} from './scenarioSchema.js';
export { closest } from './suggest.js';
export type { ActionLogEntry } from './types.js';
export { LIMITS } from './yamlSource.js';
export { jsonSchemas } from './jsonSchemas.js';
