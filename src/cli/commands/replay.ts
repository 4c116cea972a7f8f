import { loadRubricFor, readResultsFile, replayResults } from '../../export/index.js';
import { stripControl } from '../../model/index.js';
import { EXIT } from '../exitCodes.js';
import { loadDrillInputs } from '../load.js';
import { scoringDir } from '../paths.js';
import type { Io } from './output.js';

export interface ReplayOptions {
  scenario?: string;
  architecture?: string;
  rubric?: string;
}

export function replayCommand(file: string, options: ReplayOptions, io: Io): number {
  const saved = readResultsFile(file);
  const inputs = loadDrillInputs({
    scenario: options.scenario ?? saved.scenario.id,
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const rubric = loadRubricFor(
    inputs.scenario.model,
    inputs.architecture.model,
    scoringDir(),
    options.rubric ?? saved.rubric.id,
  );
  const report = replayResults(saved, { ...inputs, rubric });
  for (const change of [...report.changedInputs, ...report.notes]) io.err(`ttx: note: ${change}\n`);
  if (report.same) {
    io.out(
      `replay of ${stripControl(file)}: same trace (${saved.trace.length} entries) and same score (${report.total})\n`,
    );
    return EXIT.ok;
  }
  io.out(`replay of ${stripControl(file)} DIFFERS from the saved drill:\n`);
  for (const line of report.differences) io.out(`${stripControl(line)}\n`);
  if (report.changedInputs.length)
    io.out('The inputs changed since the drill was saved (see the notes above).\n');
  return EXIT.failure;
}
