export { BUILT_IN_ACTIONS, PLAN_ACTION_PREFIX, TECHNICAL_ACTION_KINDS } from './actionKinds.js';
export type { BuiltInAction, TechnicalActionKind } from './actionKinds.js';
export { actionLogEntrySchema, actionScriptSchema } from './actionLogSchema.js';
export { guessIndicatorKind, INDICATOR_KINDS, isIpv4 } from './indicators.js';
export type { IndicatorKind } from './indicators.js';
export { architectureSchema, RECIPIENTS } from './architectureSchema.js';
export { SEVERITY_SIGNS, SEVERITY_SIGN_IDS } from './severitySigns.js';
export type { SeveritySign } from './severitySigns.js';
export type {
  Architecture,
  BackupSchedule,
  Baseline,
  Component,
  Contact,
  Obligation,
  PlanStep,
  Recipient,
  Vulnerability,
} from './architectureSchema.js';
export type { AlertSeverity, TrafficMode } from './common.js';
export { conditionSchema, CONDITION_TESTS } from './conditionSchema.js';
export { COACH_PHASE_CSF, CSF_CATEGORIES, RESPONSE_FUNCTIONS } from './csf.js';
export type { CsfCategory, ResponseFunction } from './csf.js';
export type { Condition } from './conditionSchema.js';
export { actionCatalogue } from './crossReferences.js';
export { formatDiagnostic, InputError, sortDiagnostics, stripControl } from './diagnostic.js';
export type { Diagnostic } from './diagnostic.js';
export { formatDuration, formatElapsed, parseDuration } from './duration.js';
export { isoUtc, utcParts } from './instant.js';
export type { UtcParts } from './instant.js';
export type { SimMs } from './duration.js';
export { readInputFile } from './load.js';
export {
  checkActionScriptFile,
  checkActionScriptText,
  checkArchitectureFile,
  checkArchitectureText,
  checkRubricFile,
  checkRubricText,
  checkScenarioFile,
  checkScenarioTestsFile,
  checkScenarioTestsText,
  checkScenarioText,
  checkEvidenceTemplateFile,
  checkEvidenceTemplateText,
  loadEvidenceLibrary,
  shippedEvidenceLibrary,
  checkRuleFile,
  checkRuleText,
  orThrow,
} from './loaders.js';
export type { ActionScript, Checked, Loaded } from './loaders.js';
export { DIMENSION_IDS, rubricSchema } from './rubricSchema.js';
export type { DimensionId, Rubric, RubricDimensions, TimeTarget } from './rubricSchema.js';
export {
  COACH_PHASES,
  RED_HERRING_KINDS,
  scenarioSchema,
  scenarioTestSchema,
  scenarioTestsFileSchema,
} from './scenarioSchema.js';
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
  AttackerAccess,
  AttackerState,
  AttackerTransition,
  ChannelDown,
  Coach,
  Reply,
  CoachPhase,
  ExpectedResponse,
  Inject,
  Scenario,
  RedHerring,
  ScenarioTest,
  ScenarioTestsFile,
  TechnicalAction,
  TelemetrySettings,
} from './scenarioSchema.js';
export { closest } from './suggest.js';
export {
  COMPONENT_ROLE_IDS,
  COMPONENT_ROLES,
  componentsWithRole,
  componentWithRole,
  hasRole,
  PLAN_ROLE_IDS,
  PLAN_ROLES,
  planBacking,
  planInOrder,
  planStepId,
  planStepWithRole,
  requiredComponentId,
} from './roles.js';
export type { ComponentRole, PlanBacking, PlanRole } from './roles.js';
export { assignAddresses, formatIpv4, inNetwork, parseCidr, parseIpv4 } from './network.js';
export type { ActionLogEntry } from './types.js';
export { LIMITS, parseYamlSource } from './yamlSource.js';
export type { PathSegment, YamlSource } from './yamlSource.js';
export { jsonSchemas } from './jsonSchemas.js';
export {
  EVIDENCE_KINDS,
  evidenceEntrySchema,
  evidenceItemSchema,
  evidenceTemplateSchema,
} from './evidenceSchema.js';
export type {
  EvidenceEntry,
  EvidenceItem,
  EvidenceKind,
  EvidenceOf,
  EvidenceTemplate,
  ExpandedEvidenceItem,
} from './evidenceSchema.js';
export {
  EMPTY_EVIDENCE_LIBRARY,
  listEvidenceFiles,
  shippedEvidenceDir,
} from './evidenceTemplates.js';
export type { EvidenceLibrary } from './evidenceTemplates.js';
export { fillParameters, RUNTIME_PLACEHOLDERS } from './evidenceParameters.js';
export { stateEvidence } from './scenarioSchema.js';
export { packageRoot } from './packageRoot.js';
export {
  PINNED_ATTACK_VERSION,
  pinnedAttackCatalog,
  pinnedAttackFile,
  techniqueOfUrl,
  techniqueProblem,
} from './attackCatalog.js';
export type { AttackCatalog, AttackTechnique } from './attackCatalog.js';
export {
  ACCESS_VIAS,
  ARTEFACT_KINDS,
  DEFAULT_REENTRY_AFTER,
  indicatorOf,
  SECRET_KINDS,
} from './persistenceSchema.js';
export type {
  AccessSpec,
  AccessVia,
  ArtefactKind,
  ArtefactSpec,
  SecretSpec,
  SpreadSpec,
} from './persistenceSchema.js';
export { Network } from './paths.js';
export type { DeviceRole } from './paths.js';
