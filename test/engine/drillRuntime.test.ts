import { describe, expect, it } from 'vitest';
import { compiledScenarioFor, Drill, type TraceEntry } from '../../src/engine/index.js';
import { checkScenarioFile, orThrow } from '../../src/model/index.js';
import { architecture, ROOT } from '../helpers.js';

/**
 * The Drill's runtime API as the shells use it (clock, checks, subscriptions, views), on the
 * engine's own fixtures, not shipped content.
 */
const arch = architecture();
const fixture = (file: string) =>
  orThrow(checkScenarioFile(`${ROOT}test/fixtures/${file}`, arch)).model;
const scenario = fixture('engine/decision-points.yaml');
const min = (m: number) => m * 60_000;

describe('a drill of the same scenario', () => {
  it('shares one compiled scenario per (architecture, scenario) pair', () => {
    const first = new Drill(arch, scenario, 1);
    const second = new Drill(arch, scenario, 2);
    expect(second.compiled).toBe(first.compiled);
    expect(second.machine).toBe(first.machine);
    expect(compiledScenarioFor(arch, scenario)).toBe(first.compiled);
  });
});

describe('the clock', () => {
  it('starts with the start of the drill and nothing else in the trace', () => {
    const drill = new Drill(arch, scenario, 1);
    expect(drill.now).toBe(0);
    expect(drill.trace.map((e) => [e.t, e.type])).toEqual([
      [0, 'drill.started'],
      [0, 'attacker.entered'],
    ]);
  });

  it('never goes back, and stops at the end of the drill', () => {
    const drill = new Drill(arch, scenario, 1);
    drill.advanceTo(min(10));
    expect(() => drill.advanceTo(min(9))).toThrow(
      new RangeError(`time cannot go back (${min(9)} < ${min(10)})`),
    );
    drill.advanceTo(min(180));
    expect(drill.context.ended).toEqual({ at: min(120), reason: 'time-limit' });
    expect(drill.now).toBe(min(120));
  });

  it('has nothing to wait for once the drill has ended, timers left or not', () => {
    const quiet = new Drill(arch, scenario, 1);
    quiet.runToEnd();
    expect(quiet.nextDueAt).toBeUndefined();
    expect(quiet.advanceToNext()).toBe(false);
    // Isolated in time: the attacker's blocked move is still retried after the end.
    const cut = new Drill(arch, scenario, 1);
    cut.advanceTo(min(11));
    cut.act({ do: 'isolate-host', target: 'FEServ1' });
    cut.runToEnd();
    expect(cut.nextDueAt).toBeGreaterThan(min(120));
    expect(cut.advanceToNext()).toBe(false);
    expect(cut.now).toBe(min(120));
  });
});

describe('after the end', () => {
  it('accepts no action', () => {
    const drill = new Drill(arch, scenario, 1);
    drill.runToEnd();
    expect(drill.check({ do: 'isolate-host', target: 'FEServ1' })).toEqual({
      reason: 'the drill has ended',
    });
  });
});

describe('a reducer that fails', () => {
  it('fails the call that caused it, as thrown', () => {
    const drill = new Drill(arch, scenario, 1);
    // Not a request the loaders let through: the reducer reading it throws.
    expect(() => drill.act({ do: 42 } as never)).toThrow(TypeError);
  });
});

describe('the facilitator', () => {
  it('records who triggered or skipped an inject', () => {
    const drill = new Drill(arch, scenario, 1);
    drill.triggerInject('scan-alert', 'alice');
    drill.skipInject('shell-alert', 'bob');
    drill.triggerInject('shell-alert');
    const requests = drill.trace.flatMap((e) => (e.type === 'action.done' ? [e.request] : []));
    expect(requests).toEqual([
      { do: 'facilitator.inject', inject: 'scan-alert', by: 'alice' },
      { do: 'facilitator.skip', inject: 'shell-alert', by: 'bob' },
      { do: 'facilitator.inject', inject: 'shell-alert' },
    ]);
  });
});

describe('views of a running drill', () => {
  it('lists the injects still to come, and only injects', () => {
    const drill = new Drill(arch, scenario, 1);
    // Also pending: the attacker's first move and the time limit.
    expect(drill.nextDueAt).toBe(min(5));
    expect(drill.upcomingInjects()).toEqual([{ inject: 'scan-alert', due: min(5) }]);
    drill.advanceTo(min(10));
    expect(drill.upcomingInjects()).toEqual([{ inject: 'shell-alert', due: min(12) }]);
  });

  it('tells each subscriber exactly the new trace entries, once, until it unsubscribes', () => {
    const drill = new Drill(arch, scenario, 1);
    const batches: TraceEntry[][] = [];
    const unsubscribe = drill.onTrace((entries) => batches.push([...entries]));
    const from = drill.trace.length;
    drill.advanceTo(min(12));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(drill.trace.slice(from));
    unsubscribe();
    const seen = batches.length;
    drill.advanceTo(min(60));
    expect(batches.length).toBe(seen);
  });

  it('tells no subscriber about a step that traced nothing', () => {
    const drill = new Drill(arch, scenario, 1);
    drill.skipInject('shell-alert');
    drill.advanceTo(min(11)); // the foothold (10m) schedules the skipped alert for 12m
    const batches: TraceEntry[][] = [];
    drill.onTrace((entries) => batches.push([...entries]));
    const length = drill.trace.length;
    drill.advanceTo(min(12)); // its timer fires and the skip drops it: nothing to trace
    expect(drill.trace.length).toBe(length);
    expect(batches).toEqual([]);
  });

  it('counts the revenue lost so far, including the period still running', () => {
    // A flood that costs half the revenue (1000 an hour) from T+0 for as long as it goes on.
    const minimal = fixture('minimal.yaml');
    const flooding = {
      ...minimal,
      attacker: {
        ...minimal.attacker,
        states: minimal.attacker.states.map((s) => ({ ...s, revenue_loss: 0.5 })),
      },
    };
    expect(arch.business.revenue_per_hour).toBe(1000);
    const drill = new Drill(arch, flooding, 7);
    drill.advanceTo(min(45)); // past the last change (the goal at 30m)
    expect(drill.revenueLost).toBeCloseTo(375, 9);
    drill.advanceTo(min(60));
    expect(drill.revenueLost).toBeCloseTo(500, 9);
  });
});
