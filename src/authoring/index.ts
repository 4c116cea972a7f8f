export { AUTOPILOT_MODES, autopilotActions } from './autopilot.js';
export type { AutopilotMode } from './autopilot.js';
export { conditionFlow, conditionInput } from './conditionText.js';
export { describeCondition } from './describeCondition.js';
export { GRAPH_FORMATS, scenarioGraph, toDot, toMermaid } from './graph.js';
export type { GraphFormat, ScenarioGraph } from './graph.js';
export { ATTACK_CODE, lintEvidenceTemplateText } from './attackLint.js';
export { lintScenario } from './lint.js';
export { lintScenarioText } from './lintText.js';
export { importMsel, parseExpected, parseTrigger } from './mselImport.js';
export type { MselImport, MselImportOptions } from './mselImport.js';
export { scaffoldScenario } from './scaffold.js';
export type { ScaffoldOptions } from './scaffold.js';
export { canHold, scenarioFacts } from './scenarioFacts.js';
export type { ScenarioFacts } from './scenarioFacts.js';
export { GATE_SEEDS, GATES, runGates } from './gates.js';
export type { Gate } from './gates.js';
export { runScenarioTest, summaryLine } from './scenarioTests.js';
export type { LocatedTest, Scorer, TestOutcome } from './scenarioTests.js';
export { formatExpected, formatTrigger, timelineRows } from './timeline.js';
export type { TimelineRow } from './timeline.js';
export {
  csvSafe,
  MSEL_COLUMNS,
  TIMELINE_FORMATS,
  timelineCsv,
  timelineMarkdown,
  timelineTable,
} from './timelineFormat.js';
export type { TimelineFormat } from './timelineFormat.js';
