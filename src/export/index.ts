export { describeRequest, describeTraceEntry } from './describeTrace.js';
export type { TraceLine } from './describeTrace.js';
export { aggregateResults, median, percentile } from './aggregate.js';
export type { GroupStats } from './aggregate.js';
export { AtomicFile, writeFileAtomic } from './atomicWrite.js';
export type { CommitOptions } from './atomicWrite.js';
export { FileWriteError, fileErrorAdvice } from './fileWriteError.js';
export { summaryCsv, timelineCsv } from './csvExport.js';
export { safeJson } from './textSafety.js';
export { htmlReport } from './htmlReport.js';
export { markdownReport } from './markdownReport.js';
export { replayResults } from './replay.js';
export type { ReplayReport } from './replay.js';
export { reportCsv, reportHtml, reportMarkdown, reportTable } from './reportRender.js';
export {
  buildResults,
  drillCodeFor,
  MAX_RESULTS_BYTES,
  parseResultsText,
  readResultsFile,
  ResultsFileError,
} from './results.js';
export type { ResultsInputs } from './results.js';
export { RESULTS_FORMAT, resultsJsonSchema, resultsSchema } from './resultsSchema.js';
export type { Results } from './resultsSchema.js';
export { DEFAULT_RUBRIC_ID, loadRubricFor, saveDrillResults } from './saveResults.js';
export type { SaveDrillResultsOptions } from './saveResults.js';
export { summaryRow, SUMMARY_COLUMNS, timelineOf } from './timeline.js';
export type { SummaryRow, TimelineRow } from './timeline.js';
export { makeScorer } from './scorer.js';
export {
  divergenceText,
  firstDifference,
  leaderboardMarkdown,
  leaderboards,
  leaderboardTable,
} from './leaderboard.js';
export type { Divergence, Leaderboard, LeaderboardRow } from './leaderboard.js';
export { eegHtml, eegMarkdown, evaluationGuide } from './eeg.js';
export type { CriticalTask, EvaluationGuide } from './eeg.js';
export { navigatorLayer } from './navigator.js';
export type { NavigatorDrill } from './navigator.js';
export type { ReportExtras } from './markdownReport.js';
