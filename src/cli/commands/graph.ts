import { toDot, toMermaid, type GraphFormat } from '../../authoring/index.js';
import { loadDrillInputs } from '../load.js';

export interface GraphOptions {
  format?: GraphFormat;
  architecture?: string;
}

/** `ttx graph`: attacker states, moves and inject triggers as Mermaid or Graphviz DOT. */
export function graphCommand(
  scenarioArg: string | undefined,
  options: GraphOptions,
  out: (s: string) => void,
): number {
  const inputs = loadDrillInputs({
    ...(scenarioArg !== undefined ? { scenario: scenarioArg } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  });
  const scenario = inputs.scenario.model;
  out(options.format === 'dot' ? toDot(scenario) : toMermaid(scenario));
  return 0;
}
