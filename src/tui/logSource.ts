import type { CompiledScenario, DrillContext } from '../engine/index.js';
import type { SimMs } from '../model/index.js';
import { injectLogLines, type LogLine } from '../telemetry/index.js';

/**
 * Where the dashboard's log lines come from: the lines stamped in the window (from, to], given the
 * drill's state once it has been advanced to `to`. Called once per frame, so lines arrive in
 * batches outside React. Swap it for the telemetry generators' windowed source without touching
 * the UI.
 */
export type LogSource = (
  window: { from: SimMs; to: SimMs },
  drill: { compiled: CompiledScenario; context: DrillContext },
) => readonly LogLine[];

/** The fired injects' evidence lines (src/telemetry `injectLogLines`), windowed. */
export const injectLogSource: LogSource = ({ from, to }, { compiled, context }) =>
  injectLogLines(compiled, context)
    .filter((line) => line.t > from && line.t <= to)
    .sort((a, b) => a.t - b.t);
