import {
  timelineCsv,
  timelineMarkdown,
  timelineRows,
  timelineTable,
  type TimelineFormat,
} from '../../authoring/index.js';
import { loadDrillInputs } from '../load.js';

export interface TimelineOptions {
  format?: TimelineFormat;
  architecture?: string;
}

/** `ttx timeline`: the Master Scenario Events List of a scenario. */
export function timelineText(scenarioArg: string | undefined, options: TimelineOptions): string {
  const inputs = loadDrillInputs({
    ...(scenarioArg !== undefined ? { scenario: scenarioArg } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const scenario = inputs.scenario.model;
  const rows = timelineRows(inputs.architecture.model, scenario);
  switch (options.format ?? 'table') {
    case 'markdown':
      return timelineMarkdown(scenario, rows);
    case 'csv':
      return timelineCsv(scenario, rows);
    default:
      return timelineTable(scenario, rows);
  }
}

export function timelineCommand(
  scenarioArg: string | undefined,
  options: TimelineOptions,
  out: (s: string) => void,
): number {
  out(timelineText(scenarioArg, options));
  return 0;
}
