import {
  htmlReport,
  markdownReport,
  navigatorLayer,
  readResultsFile,
  summaryCsv,
  summaryRow,
  timelineCsv,
  safeJson,
  type Results,
} from '../../export/index.js';
import { runDrill } from '../../engine/index.js';
import type { ActionLogEntry } from '../../model/index.js';
import { explainDrill, type Explanation } from '../../scoring/explain.js';
import { CliError } from '../exitCodes.js';
import { loadDrillInputs, withScenarios } from '../load.js';
import { emit, type Io } from './output.js';

export interface ExportOptions {
  format: 'markdown' | 'csv' | 'csv-summary' | 'html' | 'json' | 'navigator';
  out?: string;
  /** false with --no-explain: no replays for the "why it happened" section. */
  explain?: boolean;
  /** The scenario to replay with (`--scenario`): a drill of a scenario file not under scenarios/. */
  scenario?: string;
}

/**
 * The debrief's reasons for a saved drill, by replaying it against its scenario (found by id, or
 * the `--scenario` given);
 * none, with a note, when the scenario cannot be loaded or has changed since.
 */
function explanationsFor(results: Results, io: Io, scenario?: string): Explanation[] {
  try {
    const inputs = loadDrillInputs({ scenario: scenario ?? results.scenario.id });
    if (inputs.scenario.sha256 !== results.scenario.sha256) {
      io.err('ttx: note: the scenario changed since the drill; the report has no replay reasons\n');
      return [];
    }
    const result = runDrill(
      inputs.architecture.model,
      inputs.scenario.model,
      results.seed,
      results.actions as ActionLogEntry[],
    );
    return explainDrill(inputs.architecture.model, inputs.scenario.model, result);
  } catch {
    io.err('ttx: note: the scenario is not at hand; the report has no replay reasons\n');
    return [];
  }
}

export function exportCommand(file: string, options: ExportOptions, io: Io): number {
  const results = readResultsFile(file);
  const extras = () =>
    options.explain === false
      ? {}
      : { explanations: explanationsFor(results, io, options.scenario) };
  const text = {
    markdown: () => markdownReport(results, extras()),
    csv: () => timelineCsv(results),
    'csv-summary': () => summaryCsv([summaryRow(results, file)]),
    html: () => htmlReport(results, extras()),
    navigator: () => {
      const [drill] = withScenarios([results], io, options.scenario);
      if (!drill) throw new CliError(`the scenario ${results.scenario.id} is not at hand`);
      return navigatorLayer([drill], `ttx: ${results.scenario.id}, seed ${results.seed}`);
    },
    // Re-serialised after validation: what goes out is exactly what the schema allows.
    json: () => `${safeJson(results, 2)}\n`,
  }[options.format]();
  emit(text, options.out, io);
  return 0;
}
