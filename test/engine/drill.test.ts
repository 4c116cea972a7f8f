import { describe, expect, it } from 'vitest';
import { Drill, runDrill, type TraceEntry } from '../../src/engine/index.js';
import { parseDuration, type ActionLogEntry } from '../../src/model/index.js';
import { architecture, goldenScenario } from '../helpers.js';

const arch = architecture();
const scenario = goldenScenario();
const min = (m: number) => m * 60_000;
const act = (at: string, entry: Omit<ActionLogEntry, 'at'>): ActionLogEntry => ({
  at: parseDuration(at)!,
  ...entry,
});
const ofType = <T extends TraceEntry['type']>(trace: readonly TraceEntry[], type: T) =>
  trace.filter((e): e is Extract<TraceEntry, { type: T }> => e.type === type);

describe('determinism', () => {
  it('gives byte-identical traces for the same seed and actions', () => {
    const log = [act('40m', { do: 'isolate-host', target: 'FEServ1' })];
    const a = JSON.stringify(runDrill(arch, scenario, 7, log));
    const b = JSON.stringify(runDrill(arch, scenario, 7, log));
    expect(a).toBe(b);
  });

  it('gives another trace for another seed', () => {
    const a = runDrill(arch, scenario, 7, []);
    const b = runDrill(arch, scenario, 8, []);
    expect(JSON.stringify(a.trace)).not.toBe(JSON.stringify(b.trace));
  });

  it('does not depend on how far time is advanced per call (delay chains never collapse)', () => {
    const stepped = new Drill(arch, scenario, 7);
    for (let t = 0; t <= min(240); t += 1000) stepped.advanceTo(t);
    const jumped = new Drill(arch, scenario, 7);
    jumped.advanceTo(min(240));
    expect(JSON.stringify(jumped.trace)).toBe(JSON.stringify(stepped.trace));
    // The attacker moves through every state, each after its own delay.
    const entered = ofType(jumped.trace, 'attacker.entered');
    expect(entered.map((e) => e.state)).toEqual([
      'recon',
      'initial-access',
      'foothold',
      'lateral-backend',
      'data-access',
      'exfiltration',
    ]);
    expect(new Set(entered.map((e) => e.t)).size).toBe(entered.length);
  });
});

describe('attacker progression', () => {
  it('moves on after each transition delay within its jitter', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { trace } = runDrill(arch, scenario, seed, []);
      const entered = ofType(trace, 'attacker.entered');
      for (let i = 1; i < entered.length; i++) {
        const from = scenario.attacker.states.find((s) => s.id === entered[i - 1]!.state)!;
        const transition = from.next.find((tr) => tr.to === entered[i]!.state)!;
        const gap = entered[i]!.t - entered[i - 1]!.t;
        expect(gap).toBeGreaterThanOrEqual(transition.after - (transition.jitter ?? 0));
        expect(gap).toBeLessThanOrEqual(transition.after + (transition.jitter ?? 0));
      }
    }
  });

  it('compromises components and reaches data as it goes', () => {
    const { outcome } = runDrill(arch, scenario, 7, []);
    // FEServ2 and FEServ3 share FEServ1's PHP-FPM hole: the attacker takes them an hour later.
    expect(outcome.compromised).toEqual(['FEServ1', 'FEServ2', 'FEServ3', 'BEServ1']);
    expect(outcome.dataReached).toEqual(['personal-data']);
    expect(outcome.objectiveReached).toBe(true);
    expect(outcome.severity).toBe('critical');
  });

  it('fires state-triggered injects after their delay', () => {
    const { trace } = runDrill(arch, scenario, 7, []);
    const entered = ofType(trace, 'attacker.entered').find((e) => e.state === 'initial-access')!;
    const alert = ofType(trace, 'inject.fired').find((e) => e.inject === 'siem-bash-exec')!;
    expect(alert.t - entered.t).toBe(min(4));
  });

  it('is stopped by a response that blocks its next move, and keeps retrying', () => {
    const { trace, outcome, context } = runDrill(arch, scenario, 7, [
      act('35m', { do: 'restrict-inner-firewall', target: 'FW2' }),
    ]);
    expect(outcome.attackerReached).not.toContain('lateral-backend');
    // Retried many times, traced once per reason.
    expect(context.attempts['attacker:foothold->lateral-backend']).toBeGreaterThan(3);
    const blocked = ofType(trace, 'attacker.blocked').filter((e) => e.to === 'lateral-backend');
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.reason).toBe('blocked by the response');
  });

  it('moves on when the blocking response is undone', () => {
    const { outcome } = runDrill(arch, scenario, 7, [
      act('32m', { do: 'isolate-host', target: 'FEServ1' }),
      act('1h', { do: 'reconnect-host', target: 'FEServ1' }),
    ]);
    expect(outcome.attackerReached).toContain('foothold');
  });
});

// Containment is the attacker's access cut (decision 0960); fe-bash-rce, seed 7: the exploit
// from 27m37s (inbound HTTP to FEServ1), the implant's TCP and DNS channels from 47m32s.
describe('containment', () => {
  it('holds once a block on its path cuts the exploit, for as long as the block holds', () => {
    const { outcome, trace } = runDrill(arch, scenario, 7, [
      act('33m', { do: 'block-ip', target: 'FW1', value: '198.51.100.23' }),
      // The block alone would not last: the attacker moves to another address of its pool.
      act('33m', { do: 'enable-waf-rule', target: 'WAF1' }),
    ]);
    expect(outcome.contained).toBe(true);
    expect(outcome.containedAt).toBe(min(38));
    expect(outcome.attackerReached).not.toContain('foothold');
    expect(ofType(trace, 'contained')).toHaveLength(1);
  });

  it('holds by isolation alone: an isolated host has no network', () => {
    const { outcome } = runDrill(arch, scenario, 7, [
      act('32m', { do: 'isolate-host', target: 'FEServ1' }),
    ]);
    expect(outcome.contained).toBe(true);
    expect(outcome.containedAt).toBe(min(42));
    expect(outcome.attackerReached).not.toContain('foothold');
  });

  it('is lost when a lockdown is lifted, and the attacker moves on', () => {
    const { trace, outcome } = runDrill(arch, scenario, 7, [
      act('35m', { do: 'lockdown', target: 'FW1' }),
      act('1h', { do: 'restore-traffic', target: 'FW1' }),
    ]);
    expect(ofType(trace, 'contained')).toHaveLength(1);
    expect(ofType(trace, 'containment.lost')).toHaveLength(1);
    expect(outcome.contained).toBe(false);
    expect(outcome.attackerReached).toContain('lateral-backend');
  });

  it('is not reached by a lockdown once the implant is inside: it stops inbound traffic only', () => {
    const { trace, outcome } = runDrill(arch, scenario, 7, [
      act('50m', { do: 'lockdown', target: 'FW1' }),
    ]);
    expect(ofType(trace, 'contained')).toHaveLength(0);
    expect(outcome.attackerReached).toContain('lateral-backend');
  });
});

describe('actions', () => {
  it('take their simulated duration and apply their effect when done', () => {
    const drill = new Drill(arch, scenario, 7);
    drill.advanceTo(min(10));
    drill.act({ do: 'isolate-host', target: 'FEServ2' });
    expect(drill.context.inProgress).toHaveLength(1);
    drill.advanceTo(min(19));
    expect(drill.context.components.FEServ2!.isolated).toBe(false);
    drill.advanceTo(min(20));
    expect(drill.context.components.FEServ2!.isolated).toBe(true);
    expect(drill.context.inProgress).toHaveLength(0);
  });

  it('are rejected, as data, when they make no sense', () => {
    const drill = new Drill(arch, scenario, 7);
    drill.act({ do: 'isolate-host', target: 'FW1' });
    drill.act({ do: 'isolate-host' });
    drill.act({ do: 'escalate', contact: 'snow' });
    drill.act({ do: 'teleport' });
    drill.act({ do: 'plan.confirm' });
    drill.act({ do: 'plan.confirm' });
    const rejected = ofType(drill.trace, 'action.rejected').map((e) => e.reason);
    expect(rejected).toEqual([
      expect.stringContaining('needs a target'),
      expect.stringContaining('needs a target'),
      'escalate needs a known channel',
      'unknown action teleport',
      'already in progress',
    ]);
  });

  it('record escalations with contact, channel and time when the call is done', () => {
    const drill = new Drill(arch, scenario, 7);
    drill.advanceTo(min(30));
    drill.act({ do: 'escalate', contact: 'soc-provider', channel: 'phone' });
    drill.advanceTo(min(40));
    expect(drill.context.escalations).toEqual([
      { contact: 'soc-provider', channel: 'phone', at: min(35) },
    ]);
  });

  it('update the emergency plan checklist', () => {
    const drill = new Drill(arch, scenario, 7);
    drill.act({ do: 'plan.confirm' });
    expect(drill.context.plan.confirm).toEqual({ status: 'in-progress', startedAt: 0 });
    drill.advanceTo(min(10));
    expect(drill.context.plan.confirm!.status).toBe('done');
  });

  it('end the drill with "end"', () => {
    const drill = new Drill(arch, scenario, 7);
    drill.advanceTo(min(5));
    drill.act({ do: 'end' });
    expect(drill.isEnded).toBe(true);
    expect(drill.outcome.endReason).toBe('ended-by-trainee');
    drill.advanceTo(min(100));
    expect(drill.trace.at(-1)!.type).toBe('drill.ended');
  });
});

describe('business impact', () => {
  it('costs a full hour of revenue for an hour of lockdown', () => {
    const { context } = runDrill(arch, scenario, 7, [
      act('0m', { do: 'lockdown', target: 'FW1' }),
      act('55m', { do: 'restore-traffic', target: 'FW1' }),
      act('1h10m', { do: 'end' }),
    ]);
    // Lockdown from T+5m (5 min to apply) to T+65m (10 min to restore): exactly one hour.
    expect(context.revenueLost).toBeCloseTo(1000, 6);
  });

  it('costs nothing for one isolated front end: the other two take its customers', () => {
    const { context } = runDrill(arch, scenario, 7, [
      act('0m', { do: 'isolate-host', target: 'FEServ2' }),
      act('1h10m', { do: 'end' }),
    ]);
    expect(context.revenueLost).toBeCloseTo(0, 6);
  });

  it('costs what the last front end cannot carry when two are isolated', () => {
    const { context } = runDrill(arch, scenario, 7, [
      act('0m', { do: 'isolate-host', target: 'FEServ2' }),
      act('0m', { do: 'isolate-host', target: 'FEServ3' }),
      act('1h10m', { do: 'end' }),
    ]);
    // 0.66 of the shop is down, FEServ1 (capacity 0.5, share 0.34) takes 0.16 more: 0.5 lost for 1 h.
    expect(context.revenueLost).toBeCloseTo(0.5 * 1000, 6);
  });
});

describe('facilitator controls', () => {
  it('trigger an inject now and skip a scheduled one', () => {
    const drill = new Drill(arch, scenario, 7);
    drill.advanceTo(min(1));
    drill.triggerInject('ssh-fw2-scan');
    drill.skipInject('ips-scan');
    drill.advanceTo(min(60));
    const fired = ofType(drill.trace, 'inject.fired').map((e) => [e.inject, e.t]);
    expect(fired).toContainEqual(['ssh-fw2-scan', min(1)]);
    expect(fired.map(([id]) => id)).not.toContain('ips-scan');
    expect(fired.filter(([id]) => id === 'ssh-fw2-scan')).toHaveLength(1);
  });

  it('list upcoming injects with their due times', () => {
    const drill = new Drill(arch, scenario, 7);
    expect(drill.upcomingInjects()[0]).toEqual({ inject: 'ips-scan', due: min(6) });
  });
});
