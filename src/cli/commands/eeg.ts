import { eegHtml, eegMarkdown, evaluationGuide, loadRubricFor } from '../../export/index.js';
import { loadDrillInputs } from '../load.js';
import { scoringDir } from '../paths.js';
import { emit, type Io } from './output.js';

export interface EegOptions {
  format?: 'markdown' | 'html';
  architecture?: string;
  out?: string;
}

/** `ttx eeg [scenario]`: the Exercise Evaluation Guide for evaluators on paper. */
export function eegCommand(scenarioArg: string | undefined, options: EegOptions, io: Io): number {
  const inputs = loadDrillInputs({
    ...(scenarioArg !== undefined ? { scenario: scenarioArg } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const rubric = loadRubricFor(inputs.scenario.model, inputs.architecture.model, scoringDir());
  const guide = evaluationGuide(inputs.scenario.model, inputs.architecture.model, rubric.model);
  emit(options.format === 'html' ? eegHtml(guide) : eegMarkdown(guide), options.out, io);
  return 0;
}
