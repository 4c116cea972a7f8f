import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import type { ActionLogEntry } from '../../src/model/index.js';
import { explainDrill } from '../../src/scoring/explain.js';
import { runToTheLimit } from '../../src/scoring/projection.js';
import { parseActionSpec, parseDrillTime, whatIf } from '../../src/scoring/whatif.js';
import { arch, isolateAt, ms, play, rubric, scenario, type Step } from './golden.js';

// The golden drill (test/scoring/golden.ts): the breach at 20m happens unless the traffic is in
// lockdown then (lockdown takes 5m); the loot at 1h20m unless FEServ1 is isolated (10m) first.
const explain = (steps: Step[], drill = scenario) =>
  explainDrill(arch, drill, play(steps, drill).result);

describe('the debrief explains why, on the golden drill', () => {
  it('each move that happened: the latest start of the action that would have prevented it', () => {
    expect(explain([])).toEqual([
      {
        kind: 'prevented-by',
        state: 'breach',
        t: ms('20m'),
        action: { do: 'lockdown', target: 'FW1' },
        latest: ms('14m'),
        text: 'had lockdown FW1 been started by T+00:14:00, "FEServ1 breached" (T+00:20:00) would not have happened',
      },
      {
        kind: 'prevented-by',
        state: 'loot',
        t: ms('1h20m'),
        action: { do: 'isolate-host', target: 'FEServ1' },
        latest: ms('1h9m'),
        text: 'had isolate-host FEServ1 been started by T+01:09:00, "Personal data read" (T+01:20:00) would not have happened',
      },
    ]);
  });

  it('the latest start is the boundary: one minute later the move happens', () => {
    const reached = (at: number) =>
      runDrill(arch, runToTheLimit(scenario), 1, [
        { at, do: 'isolate-host', target: 'FEServ1' } as ActionLogEntry,
      ]).outcome.attackerReached;
    expect(reached(ms('1h9m'))).not.toContain('loot');
    expect(reached(ms('1h10m'))).toContain('loot');
  });

  it('a move that was blocked: the team action without which it would have happened', () => {
    const reasons = explain(isolateAt(ms('30m')));
    expect(reasons.map((r) => r.kind)).toEqual(['prevented-by', 'blocked-by']);
    expect(reasons[1]).toEqual({
      kind: 'blocked-by',
      state: 'loot',
      t: ms('1h20m'),
      action: { do: 'isolate-host', target: 'FEServ1' },
      text: 'isolate-host FEServ1 (T+00:30:00) kept the attacker from "Personal data read"',
    });
  });

  it('of two defences, the one that held is named; one that changed nothing is not', () => {
    // The lockdown at 40m comes after the breach and does not stop the loot: the isolation did.
    const reasons = explain([
      ...isolateAt(ms('30m')),
      { at: '40m', do: 'lockdown', target: 'FW1' },
    ]);
    const blocked = reasons.filter((r) => r.kind === 'blocked-by');
    expect(blocked.map((r) => r.action)).toEqual([{ do: 'isolate-host', target: 'FEServ1' }]);
  });

  it('no defensive action in the drill: each move is unpreventable, in words', () => {
    const bare = {
      ...scenario,
      actions: scenario.actions.filter((a) => a.id === 'query-siem' || a.id === 'restore-backup'),
    };
    const reasons = explain([], bare);
    expect(reasons.map((r) => [r.kind, r.state])).toEqual([
      ['unpreventable', 'breach'],
      ['unpreventable', 'loot'],
    ]);
    expect(reasons[0]!.text).toBe(
      'no single defensive action would have prevented "FEServ1 breached" (T+00:20:00)',
    );
    expect(reasons[0]!.action).toBeUndefined();
  });

  it('a block is tried at the attacker address of the drill', () => {
    // The breach is kept out by a block of the attacker's address instead of a lockdown.
    const lockdown = scenario.actions.find((a) => a.id === 'lockdown')!;
    const quiet = scenario.attacker.states[0]!;
    const withBlock = {
      ...scenario,
      attacker: {
        ...scenario.attacker,
        states: [
          { ...quiet, next: [{ ...quiet.next[0]!, unless: { ip_blocked: true } }] },
          ...scenario.attacker.states.slice(1),
        ],
      },
      actions: [
        ...scenario.actions.filter((a) => a.id === 'query-siem'),
        { ...lockdown, id: 'block-ip', kind: 'block-ip' as const },
      ],
    };
    const [breach] = explain([], withBlock);
    expect(breach!.action).toEqual({ do: 'block-ip', target: 'FW1', value: '203.0.113.7' });
  });
});

describe('whatif on the golden drill', () => {
  const inputs = { architecture: arch, scenario, rubric };

  it('no change: both sides are the saved drill', () => {
    const w = whatIf(inputs, '1', isolateAt(ms('30m')) as ActionLogEntry[], { add: [], drop: [] });
    expect(w.after.score).toEqual(w.before.score);
    expect(w.actions).toEqual(isolateAt(ms('30m')));
  });

  it('an isolation added: contained, and the dimensions it moves', () => {
    const w = whatIf(inputs, '1', [], { add: isolateAt(ms('30m')) as ActionLogEntry[], drop: [] });
    expect(w.before.outcome.contained).toBe(false);
    expect(w.after.outcome.contained).toBe(true);
    expect(w.after.score.total).toBeGreaterThan(w.before.score.total);
    const contain = w.dimensions.find((d) => d.id === 'time-to-contain')!;
    expect(contain).toMatchObject({ before: 0, title: 'Time to contain' });
    expect(contain.after).toBe(contain.max);
    // A dimension evaluated on one side only has no figure on the other.
    const notification = w.dimensions.find((d) => d.id === 'notification')!;
    expect('before' in notification).toBe(true);
    expect('after' in notification).toBe(false);
    expect(notification.max).toBeGreaterThan(0);
    const investigation = w.dimensions.find((d) => d.id === 'investigation')!;
    expect('before' in investigation || 'after' in investigation).toBe(false);
  });

  it('an action dropped by its index: the drill without it', () => {
    const log = [
      { at: ms('1m'), do: 'query-siem', target: 'FEServ1' },
      ...isolateAt(ms('30m')),
    ] as ActionLogEntry[];
    const w = whatIf(inputs, '1', log, { add: [], drop: [1] });
    expect(w.actions).toEqual([log[0]]);
    expect(w.before.outcome.contained).toBe(true);
    expect(w.after.outcome.contained).toBe(false);
  });
});

describe('whatif reads times and actions as a person types them', () => {
  it('times: with or without T+ and hours, or a duration; impossible clocks are refused', () => {
    expect(parseDrillTime(' T+1:02:03 ')).toBe(((60 + 2) * 60 + 3) * 1000);
    expect(parseDrillTime('02:03')).toBe((2 * 60 + 3) * 1000);
    expect(parseDrillTime('00:59:59')).toBe((59 * 60 + 59) * 1000);
    expect(parseDrillTime('00:60:00')).toBeUndefined();
    expect(parseDrillTime('00:00:60')).toBeUndefined();
    expect(parseDrillTime(' 90m ')).toBe(ms('90m'));
    expect(parseDrillTime('soon')).toBeUndefined();
  });

  it('actions: the built-ins, plan steps and the scenario actions; anything else is refused', () => {
    expect(parseActionSpec('', scenario, arch)).toBe('an empty action');
    expect(parseActionSpec('explode FEServ1', scenario, arch)).toBe(
      'no action "explode" in golden',
    );
    expect(parseActionSpec('end', scenario, arch)).toEqual({ do: 'end' });
    expect(parseActionSpec('plan.confirm', scenario, arch)).toEqual({ do: 'plan.confirm' });
    expect(parseActionSpec('note text=hello', scenario, arch)).toEqual({
      do: 'note',
      text: 'hello',
    });
  });

  it('escalate: contact then channel, the first channel when none is given', () => {
    expect(parseActionSpec('escalate soc-provider', scenario, arch)).toEqual({
      do: 'escalate',
      contact: 'soc-provider',
      channel: arch.channels[0]!.id,
    });
    expect(parseActionSpec('escalate channel=phone contact=soc-provider', scenario, arch)).toEqual({
      do: 'escalate',
      contact: 'soc-provider',
      channel: 'phone',
    });
    expect(parseActionSpec('escalate nobody phone', scenario, arch)).toBe(
      'escalate needs a contact of the architecture (got "nobody")',
    );
    expect(parseActionSpec('escalate', scenario, arch)).toBe(
      'escalate needs a contact of the architecture (got "")',
    );
  });

  it('notify takes the first word as its contact; a value is an address, else a target', () => {
    expect(parseActionSpec('notify dpa customers', scenario, arch)).toEqual({
      do: 'notify',
      contact: 'dpa',
    });
    expect(parseActionSpec('notify', scenario, arch)).toBe(
      'notify needs a contact of the architecture (got "")',
    );
    expect(parseActionSpec('isolate-host FEServ1 198.51.100.4', scenario, arch)).toEqual({
      do: 'isolate-host',
      target: 'FEServ1',
      value: '198.51.100.4',
    });
    expect(parseActionSpec('declare-severity minor', scenario, arch)).toEqual({
      do: 'declare-severity',
      severity: 'minor',
    });
  });
});

describe('the debrief reasons: which moves, which actions, in whose words', () => {
  const isolate = scenario.actions.find((a) => a.id === 'isolate-host')!;
  const lockdown = scenario.actions.find((a) => a.id === 'lockdown')!;
  const withActions = (actions: typeof scenario.actions) => ({ ...scenario, actions });

  it('actions are named by their title', () => {
    const titled = withActions(
      scenario.actions.map((a) =>
        a.id === 'isolate-host' ? { ...a, title: 'Cut FEServ1 off' } : a,
      ),
    );
    const loot = explain([], titled).find((r) => r.state === 'loot')!;
    expect(loot.text).toMatch(/^had Cut FEServ1 off FEServ1 been started by T\+01:09:00/);
  });

  it('of several actions that prevent a move, the one that can start latest, whatever the order', () => {
    const reversed = withActions([...scenario.actions].reverse());
    const loot = explain([], reversed).find((r) => r.state === 'loot')!;
    expect(loot.action).toEqual({ do: 'isolate-host', target: 'FEServ1' });
    expect(loot.latest).toBe(ms('1h9m'));
  });

  it('a defensive action that stops nothing here leaves the moves unpreventable', () => {
    const patchOnly = withActions([
      { ...lockdown, id: 'patch', kind: 'patch', targets: ['FEServ1'] },
    ]);
    expect(explain([], patchOnly).map((r) => r.kind)).toEqual(['unpreventable', 'unpreventable']);
  });

  it('the attacker state the drill starts in is no move', () => {
    const hot = { ...scenario, attacker: { ...scenario.attacker, initial: 'breach' } };
    expect(explain([], hot).map((r) => r.state)).toEqual(['loot']);
  });

  it('a blocking action is found by its kind, whatever its id', () => {
    const renamed = withActions([
      ...scenario.actions.filter((a) => a.id !== 'isolate-host'),
      { ...isolate, id: 'cut-off', kind: 'isolate-host' },
    ]);
    const blocked = explain([{ at: '30m', do: 'cut-off', target: 'FEServ1' }], renamed).filter(
      (r) => r.kind === 'blocked-by',
    );
    expect(blocked.map((r) => r.action)).toEqual([{ do: 'cut-off', target: 'FEServ1' }]);
  });

  it('a restoration that held the attacker off is not a defence the debrief credits', () => {
    const reasons = explain([{ at: '30m', do: 'restore-backup', target: 'FEServ1' }]);
    expect(reasons.filter((r) => r.kind === 'blocked-by')).toEqual([]);
  });

  it('a block that held is named with its address', () => {
    const quiet = scenario.attacker.states[0]!;
    const blockable = {
      ...withActions([{ ...lockdown, id: 'block-ip', kind: 'block-ip' }]),
      attacker: {
        ...scenario.attacker,
        states: [
          { ...quiet, next: [{ ...quiet.next[0]!, unless: { ip_blocked: true } }] },
          ...scenario.attacker.states.slice(1),
        ],
      },
    };
    const blocked = explain(
      [{ at: 0, do: 'block-ip', target: 'FW1', value: '203.0.113.7' }],
      blockable,
    ).filter((r) => r.kind === 'blocked-by');
    expect(blocked.map((r) => r.action)).toStrictEqual([
      { do: 'block-ip', target: 'FW1', value: '203.0.113.7' },
    ]);
  });
});

describe('whatif parsing: the edges', () => {
  it('a time is the whole text, not a part of it', () => {
    expect(parseDrillTime('x10:00')).toBeUndefined();
    expect(parseDrillTime('10:00x')).toBeUndefined();
  });

  it('spaces around and between words do not matter; a key must start the word', () => {
    expect(parseActionSpec('  escalate   soc-provider   phone ', scenario, arch)).toEqual({
      do: 'escalate',
      contact: 'soc-provider',
      channel: 'phone',
    });
    expect(parseActionSpec('isolate-host xtarget=FEServ1', scenario, arch)).toEqual({
      do: 'isolate-host',
      target: 'xtarget=FEServ1',
    });
  });
});
