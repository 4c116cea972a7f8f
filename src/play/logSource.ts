import type { CompiledScenario, DrillContext, TraceEntry } from '../engine/index.js';
import type { SimMs } from '../model/index.js';
import {
  injectEvidenceLines,
  injectLogLines,
  type LogLine,
  type Telemetry,
} from '../telemetry/index.js';

/**
 * Where the dashboard's log lines come from: the lines stamped in the window (from, to], given the
 * drill's state once it has been advanced to `to`. Called once per frame, so lines arrive in
 * batches outside React. Swap it for the telemetry generators' windowed source without touching
 * the UI.
 */
export type LogSource = (
  window: { from: SimMs; to: SimMs },
  drill: {
    compiled: CompiledScenario;
    context: DrillContext;
    trace: readonly TraceEntry[];
    /** The drill clock (simulated ms). */
    now: SimMs;
  },
) => readonly LogLine[];

/**
 * The fired injects' evidence, without the generated telemetry: for injects that fired in the
 * window, the rendered lines of the evidence they name (the same lines `ttx logs` writes), and
 * the deprecated free-text `lines:`.
 */
export const injectLogSource: LogSource = ({ from, to }, drill) => {
  const { compiled, context } = drill;
  const evidence = context.fired
    .filter((f) => f.at > from && f.at <= to)
    .flatMap((f) => {
      const inject = compiled.injects.get(f.id);
      return inject ? injectEvidenceLines(compiled, drill, inject, f.at) : [];
    });
  const seen = new Set<string>();
  const unique = evidence.filter((l) => {
    const key = `${l.component}/${l.source}/${l.t}/${l.text}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
  return [
    ...unique,
    ...injectLogLines(compiled, context).filter((line) => line.t > from && line.t <= to),
  ].sort((a, b) => a.t - b.t);
};

const MINUTE = 60_000;

/**
 * The generated telemetry as a log source, delivered like a log collector does: a simulated
 * minute at a time, once the drill clock has passed the minute's end. A finished minute never
 * changes (later actions do not rewrite the past), so each is generated exactly once and nothing
 * is cached; a minute still in progress could not be shown completely anyway, since the attack's
 * lines in it depend on what the trainee does next. The price is an ingestion delay of up to a
 * simulated minute (6 s of wall time at 10x), which the README states.
 */
export function telemetryLogSource(telemetry: Telemetry): LogSource {
  let nextMinute = 0;
  return (_window, drill) => {
    const out: LogLine[] = [];
    const complete = Math.floor(drill.now / MINUTE);
    // An ended drill flushes its last, partial minute.
    const last = drill.context.ended ? Math.ceil(drill.now / MINUTE) : complete;
    for (; nextMinute < last; nextMinute++) {
      const from = nextMinute * MINUTE;
      const to = Math.min(
        (nextMinute + 1) * MINUTE,
        drill.context.ended ? drill.now + 1 : Infinity,
      );
      out.push(...telemetry.window(from, to, undefined, drill));
    }
    return out;
  };
}
