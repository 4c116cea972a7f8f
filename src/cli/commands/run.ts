import { compileScenarioData, runDrill, wallTime, type DrillResult } from '../../engine/index.js';
import { describeTraceEntry } from '../../export/index.js';
import {
  formatDuration,
  formatElapsed,
  stripControl,
  type ActionLogEntry,
} from '../../model/index.js';
import { loadDrillInputs, type LoadedDrillInputs } from '../load.js';

export interface RunOptions {
  seed?: string;
  actions?: string;
  architecture?: string;
  json?: boolean;
}

/** Seeds are integers or short words; a numeric string means the number. */
export function parseSeed(
  text: string | number | undefined,
  fallback: number | string = 1,
): string {
  const value = text ?? fallback;
  return String(value);
}

/** The JSON document of a headless run: stable key order, no paths or clocks of this machine. */
export function runDocument(
  inputs: LoadedDrillInputs,
  actions: ActionLogEntry[],
  result: DrillResult,
) {
  return {
    format: 'ttx-run/1',
    scenario: { id: inputs.scenario.model.id, sha256: inputs.scenario.sha256 },
    architecture: { id: inputs.architecture.model.id, sha256: inputs.architecture.sha256 },
    seed: result.seed,
    actions,
    trace: result.trace,
    outcome: result.outcome,
  };
}

export function runCommand(
  scenarioArg: string | undefined,
  options: RunOptions,
  out: (s: string) => void,
): number {
  const inputs = loadDrillInputs({
    ...(scenarioArg !== undefined ? { scenario: scenarioArg } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
    ...(options.actions !== undefined ? { actions: options.actions } : {}),
  });
  const seed = parseSeed(options.seed ?? inputs.script?.model.seed);
  const actions = inputs.script?.model.actions ?? [];
  const result = runDrill(inputs.architecture.model, inputs.scenario.model, seed, actions);
  if (options.json) {
    out(`${JSON.stringify(runDocument(inputs, actions, result), null, 2)}\n`);
  } else {
    out(formatRunText(inputs, result));
  }
  return 0;
}

export function formatRunText(inputs: LoadedDrillInputs, result: DrillResult): string {
  const scenario = inputs.scenario.model;
  const compiled = compileScenarioData(inputs.architecture.model, scenario);
  const lines: string[] = [];
  lines.push(`${stripControl(scenario.title)} (${scenario.id}), seed ${result.seed}`);
  lines.push(`T+0 is ${scenario.start_time}; attacker source ${result.context.attackerIp}`);
  lines.push('');
  for (const entry of result.trace) {
    const line = describeTraceEntry(entry, compiled);
    const clock = wallTime(scenario, entry.t).slice(11, 19);
    lines.push(`${formatElapsed(entry.t)}  ${clock}  ${line.category.padEnd(11)}  ${line.text}`);
  }
  const o = result.outcome;
  const currency = inputs.architecture.model.business.currency;
  lines.push('');
  if (o.contained && o.containedAt !== undefined) {
    const after =
      o.firstMaliciousAt !== undefined
        ? ` (${formatDuration(o.containedAt - o.firstMaliciousAt)} after the first malicious event)`
        : '';
    lines.push(`Outcome: contained at ${formatElapsed(o.containedAt)}${after}`);
  } else {
    lines.push(`Outcome: NOT contained; the attacker ended in ${o.attackerState}`);
  }
  lines.push(
    `  attacker reached: ${o.attackerReached.join(', ')}${o.objectiveReached ? ' (objective reached)' : ''}`,
  );
  lines.push(
    `  compromised: ${o.compromised.join(', ') || 'none'}; data reached: ${o.dataReached.join(', ') || 'none'}`,
  );
  lines.push(
    `  incident severity: ${o.severity}; revenue lost: ${o.revenueLost.toFixed(2)} ${currency}`,
  );
  if (o.endedAt !== undefined)
    lines.push(`  ended at ${formatElapsed(o.endedAt)} (${o.endReason})`);
  return `${lines.join('\n')}\n`;
}
