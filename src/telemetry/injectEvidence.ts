import type { CompiledScenario } from '../engine/index.js';
import { drillFacts, factNamedBy } from '../evidence/index.js';

export { factNamedBy };
import type { Inject } from '../model/index.js';
import { drillEnd, type DrillView } from './drillView.js';
import type { Entry } from './entry.js';
import { renderFacts } from './factLines.js';
import type { LogLine } from './logLine.js';
import { renderHttp } from './renderHttp.js';
import { createWorld, type World } from './world.js';

/** At most this many lines shown with an inject (the logs hold all of them). */
export const INJECT_EVIDENCE_LINES = 12;

const worlds = new WeakMap<CompiledScenario, World>();
const worldOf = (compiled: CompiledScenario) => {
  let world = worlds.get(compiled);
  // Facts render from the drill's seed; the world's own seed only drives the baseline.
  if (!world)
    worlds.set(compiled, (world = createWorld(compiled.architecture, compiled.scenario, '')));
  return world;
};

/**
 * The log lines an inject shows for its `evidence:` references: the facts it names that had
 * happened when it fired (or, if none had yet, their first occurrence), rendered by the same
 * renderers as the log files, so the TUI, `ttx logs` and the SIEM show the same lines. Lines on
 * the inject's own source come first when it has some.
 */
export function injectEvidenceLines(
  compiled: CompiledScenario,
  drill: DrillView,
  inject: Inject,
  firedAt: number,
): LogLine[] {
  if (!inject.evidence.length) return [];
  const world = worldOf(compiled);
  const end = drillEnd(drill);
  const named = drillFacts(compiled, drill.trace, drill.context.seed, { from: 0, to: end }).filter(
    (f) => factNamedBy(f, inject.evidence) && f.outcome !== 'silent',
  );
  const seen = named.filter((f) => f.t <= firedAt);
  const facts = seen.length ? seen : named.slice(0, 1);
  const events = renderFacts(world, facts, drill.context.seed);
  const lines: LogLine[] = [];
  for (const spec of world.topology.streams) {
    const entries: Entry[] = [];
    if (events.conns.length) renderHttp(world, spec, events.conns, 0, end, entries);
    for (const e of events.lines.get(`${spec.component}/${spec.source}`) ?? [])
      if (e.t < end) entries.push(e);
    for (const e of entries)
      lines.push({
        t: e.t,
        component: spec.component,
        source: spec.source,
        text: e.text,
        malicious: e.malicious,
      });
  }
  const latest = (l: LogLine) => l.t <= Math.max(firedAt, facts[0]?.t ?? 0);
  const own = lines.filter((l) => l.component === inject.source && latest(l));
  const chosen = (own.length ? own : lines.filter(latest)).sort((a, b) => a.t - b.t);
  // The most recent lines before the inject: what an analyst would look at when it arrives.
  return chosen.slice(-INJECT_EVIDENCE_LINES);
}
