import type { CompiledScenario, DrillContext, TraceEntry } from '../engine/index.js';
import type { SimMs } from '../model/index.js';
import { injectLogLines, type LogLine, type Telemetry } from '../telemetry/index.js';

/**
 * Where the dashboard's log lines come from: the lines stamped in the window (from, to], given the
 * drill's state once it has been advanced to `to`. Called once per frame, so lines arrive in
 * batches outside React. Swap it for the telemetry generators' windowed source without touching
 * the UI.
 */
export type LogSource = (
  window: { from: SimMs; to: SimMs },
  drill: { compiled: CompiledScenario; context: DrillContext; trace: readonly TraceEntry[] },
) => readonly LogLine[];

/** The fired injects' evidence lines (src/telemetry `injectLogLines`), windowed. */
export const injectLogSource: LogSource = ({ from, to }, { compiled, context }) =>
  injectLogLines(compiled, context)
    .filter((line) => line.t > from && line.t <= to)
    .sort((a, b) => a.t - b.t);

const MINUTE = 60_000;

/**
 * The generated telemetry as a log source. Lines are produced a simulated minute at a time and
 * the recent minutes cached, so a frame costs a slice, not a generation; a minute is made again
 * only when the drill's trace has grown since (an attacker move changes what the logs show).
 */
export function telemetryLogSource(telemetry: Telemetry, cachedMinutes = 4): LogSource {
  const cache = new Map<number, { traceLength: number; lines: LogLine[] }>();
  const minute = (index: number, drill: Parameters<LogSource>[1]) => {
    const hit = cache.get(index);
    if (hit && hit.traceLength === drill.trace.length) return hit.lines;
    const lines = telemetry.window(index * MINUTE, (index + 1) * MINUTE, undefined, drill);
    cache.set(index, { traceLength: drill.trace.length, lines });
    for (const key of cache.keys()) if (key < index - cachedMinutes) cache.delete(key);
    return lines;
  };
  return ({ from, to }, drill) => {
    const out: LogLine[] = [];
    // Lines at fractional milliseconds (auditd EXECVE after its SYSCALL) belong to their ms.
    for (let m = Math.floor(Math.max(0, from) / MINUTE); m <= Math.floor(to / MINUTE); m++) {
      for (const line of minute(m, drill)) {
        if (line.t > from && line.t <= to) out.push(line);
      }
    }
    return out;
  };
}
