import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Drill, replayDrill, runDrill, type TraceEntry } from '../../src/engine/index.js';
import {
  checkScenarioFile,
  checkScenarioText,
  orThrow,
  parseDuration,
  type ActionLogEntry,
} from '../../src/model/index.js';
import { isCompromiseVisible } from '../../src/play/projections/componentStatus.js';
import { architecture, ROOT } from '../helpers.js';

/**
 * The engine's decision points, each pinned on a fixture made for it (not shipped content, so an
 * edit of a shipped scenario never breaks them): one line of src/ broken, one of these fails.
 */
const arch = architecture();
const scenario = orThrow(
  checkScenarioFile(`${ROOT}test/fixtures/engine/decision-points.yaml`, arch),
).model;
const min = (m: number) => m * 60_000;
const act = (at: string, entry: Omit<ActionLogEntry, 'at'>): ActionLogEntry => ({
  at: parseDuration(at)!,
  ...entry,
});
const ofType = <T extends TraceEntry['type']>(trace: readonly TraceEntry[], type: T) =>
  trace.filter((e): e is Extract<TraceEntry, { type: T }> => e.type === type);
const firedAt = (drill: { context: Drill['context'] }, id: string) =>
  drill.context.fired.find((f) => f.id === id)?.at;

describe('available_when', () => {
  it('rejects an action before its condition holds and takes it once it does', () => {
    const drill = new Drill(arch, scenario, 1);
    drill.advanceTo(min(2));
    expect(drill.check({ do: 'block-ip', target: 'FW1' })).toEqual({
      reason: 'not available now',
    });
    drill.act({ do: 'block-ip', target: 'FW1' });
    expect(ofType(drill.trace, 'action.rejected').map((e) => e.reason)).toEqual([
      'not available now',
    ]);
    // The attacker reaches the foothold at 10m: from then on the action is offered.
    drill.advanceTo(min(10));
    // block-ip names the address it blocks (any address: availability is what is tested here).
    const block = { do: 'block-ip', target: 'FW1', value: drill.context.attackerIp };
    expect(drill.check(block)).toEqual({ duration: min(5) });
    drill.act(block);
    drill.advanceTo(min(16));
    expect(drill.context.completed.map((c) => [c.do, c.doneAt])).toEqual([['block-ip', min(15)]]);
  });
});

describe('a skipped inject', () => {
  it('never fires, even when its trigger comes after the skip', () => {
    const plain = runDrill(arch, scenario, 1, []);
    expect(firedAt(plain, 'shell-alert')).toBe(min(12));
    // Skipped at 1m, before the foothold (10m) schedules it for 12m.
    const skipped = runDrill(arch, scenario, 1, [
      act('1m', { do: 'facilitator.skip', inject: 'shell-alert' }),
    ]);
    expect(skipped.context.skipped).toEqual(['shell-alert']);
    expect(firedAt(skipped, 'shell-alert')).toBeUndefined();
    expect(firedAt(skipped, 'scan-alert')).toBe(min(5));
  });
});

describe('when an inject fires', () => {
  // The fixture with two more injects: one answers the SIEM search, one is for a lockdown only.
  const source = readFileSync(`${ROOT}test/fixtures/engine/decision-points.yaml`, 'utf8');
  const variant = orThrow(
    checkScenarioText(
      'decision-points.yaml',
      source.replace(
        '\nactions:\n',
        `
  - id: siem-result
    type: log
    title: 'SIEM search: commands by the web server user'
    source: FEServ1
    on_action: query-siem
  - id: ceo-call
    type: call
    title: Why is the shop closed?
    from: upper-mgmt
    at: 20m
    when: { traffic: lockdown }
actions:
`,
      ),
      arch,
    ),
  ).model;
  const fired = (trace: readonly TraceEntry[], id: string) =>
    ofType(trace, 'inject.fired').filter((e) => e.inject === id);

  it('an inject that answers an action fires once, however often the action is done', () => {
    const { trace, context } = runDrill(arch, variant, 1, [
      act('1m', { do: 'query-siem', target: 'FEServ1' }),
      act('7m', { do: 'query-siem', target: 'FEServ1' }),
    ]);
    expect(ofType(trace, 'action.done').filter((e) => e.request.do === 'query-siem')).toHaveLength(
      2,
    );
    expect(fired(trace, 'siem-result').map((e) => e.t)).toEqual([min(6)]);
    expect(context.fired.filter((f) => f.id === 'siem-result')).toHaveLength(1);
  });

  it('an inject whose condition does not hold is recorded as suppressed, not fired', () => {
    const { trace } = runDrill(arch, variant, 1, []);
    expect(ofType(trace, 'inject.suppressed').map((e) => [e.inject, e.t])).toEqual([
      ['ceo-call', min(20)],
    ]);
    expect(fired(trace, 'ceo-call')).toEqual([]);
  });

  it('a facilitator inject of an id the scenario does not have is refused and changes nothing', () => {
    const plain = runDrill(arch, variant, 1, []);
    const unknown = runDrill(arch, variant, 1, [
      act('3m', { do: 'facilitator.inject', inject: 'no-such-inject' }),
    ]);
    expect(ofType(unknown.trace, 'action.rejected').map((e) => [e.t, e.reason])).toEqual([
      [min(3), 'needs a known inject'],
    ]);
    expect(unknown.context.fired).toEqual(plain.context.fired);
    expect(unknown.outcome).toEqual(plain.outcome);
  });
});

describe('replay', () => {
  it('applies the action log in time order, whatever order it is stored in', () => {
    const ordered = [
      act('11m', { do: 'query-siem', target: 'FEServ1' }),
      act('13m', { do: 'isolate-host', target: 'FEServ1' }),
    ];
    const shuffled = [ordered[1]!, ordered[0]!];
    const reference = replayDrill(arch, scenario, 1, ordered, min(30));
    const replayed = replayDrill(arch, scenario, 1, shuffled, min(30));
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(reference.trace));
    expect(replayed.context.completed.map((c) => [c.do, c.doneAt])).toEqual([
      ['query-siem', min(16)],
      ['isolate-host', min(23)],
    ]);
    expect(JSON.stringify(runDrill(arch, scenario, 1, shuffled).trace)).toBe(
      JSON.stringify(runDrill(arch, scenario, 1, ordered).trace),
    );
  });
});

describe('what the map may show (decision 0300)', () => {
  it('shows a compromise only after an investigation completed after the compromise', () => {
    // A SIEM search done at 7m, before the compromise at 10m, proves nothing about it.
    const early = new Drill(arch, scenario, 1);
    early.act({ do: 'query-siem', target: 'FEServ1' });
    early.advanceTo(min(2));
    early.advanceTo(min(20));
    expect(early.context.components.FEServ1?.compromised).toBe(true);
    expect(isCompromiseVisible(early, 'FEServ1')).toBe(false);
    // Searched at 20m, done at 25m: now the evidence is there.
    early.act({ do: 'query-siem', target: 'FEServ1' });
    early.advanceTo(min(24));
    expect(isCompromiseVisible(early, 'FEServ1')).toBe(false);
    early.advanceTo(min(25));
    expect(isCompromiseVisible(early, 'FEServ1')).toBe(true);
  });

  it('counts an investigation that completes exactly when the compromise happens', () => {
    const drill = new Drill(arch, scenario, 1);
    drill.advanceTo(min(5));
    drill.act({ do: 'query-siem', target: 'FEServ1' }); // done at 10m, as the attacker gets in
    drill.advanceTo(min(11));
    expect(isCompromiseVisible(drill, 'FEServ1')).toBe(true);
  });
});

describe("the attack's own revenue loss (a flood)", () => {
  it('costs while the attacker is in a state with revenue_loss, uncontained', () => {
    const minimal = orThrow(checkScenarioFile(`${ROOT}test/fixtures/minimal.yaml`, arch)).model;
    const flooding = {
      ...minimal,
      attacker: {
        ...minimal.attacker,
        states: minimal.attacker.states.map((s) => ({ ...s, revenue_loss: 0.5 })),
      },
    };
    const quiet = runDrill(arch, minimal, 7, []).outcome.revenueLost;
    const flood = runDrill(arch, flooding, 7, []).outcome.revenueLost;
    expect(flood).toBeGreaterThan(quiet);
  });
});

describe('containment that was lost', () => {
  const isolate = (at: string) => act(at, { do: 'isolate-host', target: 'FEServ1' });
  const reconnect = (at: string) => act(at, { do: 'reconnect-host', target: 'FEServ1' });

  it('dates the containment that holds, not the first one (a loss restarts the clock)', () => {
    // Isolated 11m-21m, reconnected 22m-27m (lost), isolated again 27m-37m.
    const drill = runDrill(arch, scenario, 1, [isolate('11m'), reconnect('22m'), isolate('27m')]);
    expect(ofType(drill.trace, 'contained').map((e) => e.t)).toEqual([min(21), min(37)]);
    expect(ofType(drill.trace, 'containment.lost').map((e) => e.t)).toEqual([min(27)]);
    expect(drill.outcome.contained).toBe(true);
    expect(drill.outcome.containedAt).toBe(min(37));
  });

  it('has no containment time once the containment is lost for good', () => {
    const drill = runDrill(arch, scenario, 1, [isolate('11m'), reconnect('22m')]);
    expect(drill.context.contained).toBe(false);
    expect(drill.outcome.containedAt).toBeUndefined();
  });
});

describe('replay up to a time', () => {
  it('runs the clock on to `until`, and never back before the last logged action', () => {
    const log = [act('11m', { do: 'query-siem', target: 'FEServ1' })];
    expect(replayDrill(arch, scenario, 1, log, min(30)).now).toBe(min(30));
    expect(replayDrill(arch, scenario, 1, log).now).toBe(min(11));
    // A journal whose clock checkpoint is older than its last action: the action still counts.
    const late = replayDrill(arch, scenario, 1, log, min(5));
    expect(late.now).toBe(min(11));
    expect(ofType(late.trace, 'action.started').map((e) => e.t)).toEqual([min(11)]);
  });

  it('stops exactly where the live drill stood, a timer due that instant not yet fired', () => {
    // An obligation due at once: declaring the severity that starts it schedules it for "now".
    const base = arch.obligations[0]!;
    const atOnce = { ...base, id: 'at-once', data_classes: [], severity: 'critical', within: 0 };
    const immediate = { ...arch, obligations: [{ ...atOnce, applies: true, when: undefined }] };
    const declare = act('11m', { do: 'declare-severity', severity: 'critical' });
    const live = new Drill(immediate, scenario, 1);
    live.advanceTo(declare.at);
    live.act({ do: 'declare-severity', severity: 'critical' });
    const replayed = replayDrill(immediate, scenario, 1, [declare]);
    expect(ofType(replayed.trace, 'obligation.started').map((e) => e.obligation)).toEqual([
      'at-once',
    ]);
    expect(replayed.nextDueAt).toBe(min(11));
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(live.trace));
  });
});

describe('the outcome', () => {
  const isolated = [act('11m', { do: 'isolate-host', target: 'FEServ1' })];

  it('names only the times that happened (no key for what never did)', () => {
    // At 5m nothing malicious has happened yet and nothing is contained.
    expect(replayDrill(arch, scenario, 1, [], min(5)).outcome).toStrictEqual({
      contained: false,
      attackerState: 'probing',
      attackerReached: ['probing'],
      objectiveReached: false,
      compromised: [],
      dataReached: [],
      severity: 'low',
      revenueLost: 0,
    });
    expect(runDrill(arch, scenario, 1, []).outcome).toStrictEqual({
      contained: false,
      firstMaliciousAt: min(10),
      attackerState: 'goal',
      attackerReached: ['probing', 'foothold', 'goal'],
      objectiveReached: true,
      compromised: ['FEServ1'],
      dataReached: [],
      severity: 'low',
      revenueLost: 0,
      endedAt: min(120),
      endReason: 'time-limit',
    });
  });

  it('dates the containment and the first malicious step of a contained drill', () => {
    const outcome = runDrill(arch, scenario, 1, isolated).outcome;
    expect(outcome).toMatchObject({ contained: true, containedAt: min(21) });
    expect(outcome.firstMaliciousAt).toBe(min(10));
    expect(outcome.objectiveReached).toBe(false);
  });
});
