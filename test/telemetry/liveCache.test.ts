import { describe, expect, it } from 'vitest';
import { compileScenarioData, Drill, runDrill } from '../../src/engine/index.js';
import { drillFacts } from '../../src/evidence/index.js';
import type { ActionLogEntry, Scenario } from '../../src/model/index.js';
import { telemetryLogSource } from '../../src/play/logSource.js';
import { createTelemetry, type LogLine } from '../../src/telemetry/index.js';
import { architecture, goldenScenario } from '../helpers.js';

/*
 * The telemetry keeps a drill's attack per version of its trace and extends it as the clock moves
 * (decision 1000). What a live dashboard pulls minute by minute must be what a telemetry made
 * afresh for each minute gives: the kept part never depends on when it was asked for, and an
 * action that changes what the attack does starts a new version.
 */

const arch = architecture();
const MIN = 60_000;
const text = (lines: readonly LogLine[]) =>
  lines.map((l) => `${l.t} ${l.component}/${l.source} ${l.malicious ? 'M' : '-'} ${l.text}`);

/** A drill played frame by frame (about a simulated second each) with its actions on time. */
function play(
  scenario: Scenario,
  seed: string,
  actions: readonly ActionLogEntry[],
  until: number,
  onPull: (drill: Drill, pulled: readonly LogLine[], from: number) => void,
) {
  const drill = new Drill(arch, scenario, seed);
  const source = telemetryLogSource(createTelemetry(drill.compiled, drill.seed));
  let cursor = -1;
  const pull = () => {
    if (drill.now <= cursor) return;
    const before = Math.max(0, Math.floor(Math.max(cursor, 0) / MIN));
    onPull(drill, source({ from: cursor, to: drill.now }, drill), before * MIN);
    cursor = drill.now;
  };
  let next = 0;
  for (let k = 1; drill.now < until && !drill.isEnded; k++) {
    const target = drill.now + 3_000 + ((k * 389) % 700);
    while (next < actions.length && actions[next]!.at <= target) {
      const { at, ...request } = actions[next++]!;
      drill.advanceTo(Math.max(at, drill.now));
      pull();
      drill.act(request as Parameters<Drill['act']>[0]);
      pull();
    }
    drill.advanceTo(target);
    pull();
  }
}

/** The minutes the live source delivered in one pull, made by a fresh telemetry instead. */
function fresh(drill: Drill, from: number, count: number): LogLine[] {
  const telemetry = createTelemetry(drill.compiled, drill.seed);
  const out: LogLine[] = [];
  for (let m = from / MIN; m < from / MIN + count; m++)
    out.push(...telemetry.window(m * MIN, (m + 1) * MIN, undefined, drill));
  return out;
}

describe('the telemetry kept per trace version', () => {
  it('pulls the same lines minute by minute as a fresh telemetry would, through a flood', () => {
    const scenario = goldenScenario('lb-ddos');
    let checked = 0;
    let flood = 0;
    play(scenario, '7', [], 18 * MIN + 500, (drill, pulled, from) => {
      const minutes = new Set(pulled.map((l) => Math.floor(l.t / MIN))).size;
      if (!pulled.length || drill.now < 15 * MIN) return;
      expect(text(pulled)).toEqual(text(fresh(drill, from, minutes)));
      flood += pulled.filter((l) => l.text.includes(' SUMMARY ')).length;
      checked++;
    });
    // The flood started within the window checked: its summaries were among the lines compared.
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(flood).toBeGreaterThan(0);
  });

  it('starts a new version when the attacker moves on: the stay it left closes', () => {
    const scenario = goldenScenario('fe-bash-rce');
    const compiled = compileScenarioData(arch, scenario);
    const ended = runDrill(arch, scenario, 7, []);
    // An SSH session that lasts until the attacker leaves its state, left before the drill ends.
    const session = drillFacts(compiled, ended.trace, '7', { from: 0, to: Infinity }).find(
      (f) => f.kind === 'auth' && f.until !== undefined && f.until - f.t > 5 * MIN,
    )!;
    const left = session.until!;
    expect(ended.trace.some((e) => e.type === 'attacker.entered' && e.t === left)).toBe(true);
    let compared = 0;
    let logouts = 0;
    play(scenario, '7', [], left + 2 * MIN, (drill, pulled, from) => {
      if (!pulled.length || drill.now < left - 2 * MIN) return;
      const minutes = new Set(pulled.map((l) => Math.floor(l.t / MIN))).size;
      expect(text(pulled)).toEqual(text(fresh(drill, from, minutes)));
      logouts += pulled.filter(
        (l) => l.component === session.on && /session closed/.test(l.text) && l.t < left,
      ).length;
      compared++;
    });
    expect(compared).toBeGreaterThan(2);
    // Kept while the session was open (no logout then), redone once it closed: the logout is there.
    expect(logouts).toBeGreaterThan(0);
  });

  it('writes no closing line for a stay still open (an SSH logout moved with the clock)', () => {
    const scenario = goldenScenario('fe-bash-rce');
    const ended = runDrill(arch, scenario, 7, []);
    const compiled = compileScenarioData(arch, scenario);
    const session = drillFacts(compiled, ended.trace, '7', { from: 0, to: Infinity }).find(
      (f) => f.kind === 'auth' && f.until !== undefined && f.until - f.t > 5 * MIN,
    );
    expect(session).toBeDefined();
    // A clock on a whole minute while the session is still open, at least two minutes into it.
    const at = Math.ceil((session!.t + 2 * MIN) / MIN) * MIN;
    expect(at).toBeLessThan(session!.until! - MIN);
    const drill = new Drill(arch, scenario, '7');
    drill.advanceTo(at);
    const host = session!.on;
    const live = createTelemetry(drill.compiled, '7').window(
      at - MIN,
      at,
      { component: host },
      drill,
    );
    const closes = (lines: readonly LogLine[]) =>
      lines.filter((l) => l.source === 'auth' && /session closed|Disconnected/.test(l.text));
    expect(closes(live)).toEqual([]);
    // Once the drill has ended, the logout is there, at the stay's end.
    const logs = createTelemetry(compiled, 7).window(
      session!.until! - MIN,
      session!.until!,
      { component: host },
      ended,
    );
    expect(closes(logs).length).toBeGreaterThan(0);
  });
});
