import { describe, expect, it } from 'vitest';
import { runDrill, type TraceEntry } from '../../src/engine/index.js';
import { parseDuration, type ActionLogEntry } from '../../src/model/index.js';
import { architecture, goldenScenario } from '../helpers.js';

// fe-bash-rce, seed 7: the attacker starts from 198.51.100.23 and gets in at T+27m37s.
const arch = architecture();
const scenario = goldenScenario();
const ATTACKER = '198.51.100.23';
const CUSTOMER = '81.2.69.160';
const act = (at: string, entry: Omit<ActionLogEntry, 'at'>): ActionLogEntry => ({
  at: parseDuration(at)!,
  ...entry,
});
const ofType = <T extends TraceEntry['type']>(trace: readonly TraceEntry[], type: T) =>
  trace.filter((e): e is Extract<TraceEntry, { type: T }> => e.type === type);
// At 33m the attacker is on the exploit (inbound HTTP to FEServ1): a block on its path cuts it.
const blockAt33 = (address: string) => [
  act('33m', { do: 'block-ip', target: 'FW1', value: address }),
];

describe('block-ip blocks the address it names', () => {
  it('needs an address', () => {
    const { trace } = runDrill(arch, scenario, 7, [act('33m', { do: 'block-ip', target: 'FW1' })]);
    expect(ofType(trace, 'action.rejected')[0]?.reason).toMatch(/needs the address to block/);
  });

  it("contains the attacker when the attacker's current address is named", () => {
    // Contained once the block holds (38m), until the attacker comes back from another address.
    const { trace } = runDrill(arch, scenario, 7, blockAt33(ATTACKER));
    expect(ofType(trace, 'contained').map((e) => e.t)).toEqual([parseDuration('38m')]);
  });

  it('leaves the attacker active and costs revenue when a customer address is named', () => {
    const right = runDrill(arch, scenario, 7, blockAt33(ATTACKER));
    const wrong = runDrill(arch, scenario, 7, blockAt33(CUSTOMER));
    expect(ofType(wrong.trace, 'contained')).toEqual([]);
    expect(wrong.context.blockedIps).toEqual([CUSTOMER]);
    expect(ofType(wrong.trace, 'action.misdirected')[0]?.reason).toMatch(/customer or partner/);
    expect(wrong.context.fired.map((f) => f.id)).toContain('complaint-blocked-address');
    // 5% of 1000 USD an hour from T+38m to the end (4 h).
    expect(wrong.outcome.revenueLost - right.outcome.revenueLost).toBeGreaterThan(100);
  });

  it('moves the attacker to another address of its pool unless the way in is closed', () => {
    // Blocked while its implant on FEServ1 lives: it comes back from another address.
    const blockOnly = [act('33m', { do: 'block-ip', target: 'FW1', value: ATTACKER })];
    const { trace, context } = runDrill(arch, scenario, 7, blockOnly);
    const moved = ofType(trace, 'attacker.address-changed');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ from: ATTACKER, t: parseDuration('1h8m') });
    expect(scenario.attacker.source_ips).toContain(moved[0]!.to);
    expect(context.attackerIp).toBe(moved[0]!.to);
    expect(context.blockedIps).toEqual([ATTACKER]);

    // The way in closed (the WAF rule on, or every compromised host isolated): it stays put.
    for (const closing of [
      [act('33m', { do: 'enable-waf-rule', target: 'WAF1' })],
      [act('32m', { do: 'isolate-host', target: 'FEServ1' })],
    ]) {
      const closed = runDrill(arch, scenario, 7, [...blockOnly, ...closing]);
      expect(ofType(closed.trace, 'attacker.address-changed')).toEqual([]);
      expect(closed.context.attackerIp).toBe(ATTACKER);
    }
  });
});

describe('reset-credentials resets the account it names', () => {
  const reset = (account?: string) =>
    runDrill(arch, scenario, 7, [
      act('10m', {
        do: 'reset-credentials',
        target: 'BEServ1',
        ...(account !== undefined ? { value: account } : {}),
      }),
    ]);

  it("resets the attacker's account", () => {
    expect(reset('svc-shop').context.components.BEServ1?.credentialsReset).toBe(true);
  });

  it('disrupts the owner of another account and leaves the attacker its own', () => {
    const { context, trace } = reset('m.jones');
    expect(context.components.BEServ1?.credentialsReset).toBe(false);
    expect(ofType(trace, 'action.misdirected')[0]?.reason).toMatch(/m\.jones.*locked out/);
    expect(context.fired.map((f) => f.id)).toContain('complaint-reset-account');
  });
});

describe('investigation actions', () => {
  it('journal searches, console commands and notebook marks, costing the architecture’s time', () => {
    const { context } = runDrill(arch, scenario, 7, [
      act('30m', { do: 'search', text: 'source.ip:198.51.100.23' }),
      act('30m', { do: 'search', text: 'url.path:*php*' }),
      act('31m', { do: 'shell', target: 'FEServ1', text: 'ps aux' }),
      act('32m', { do: 'mark', value: ATTACKER, indicator: 'address' }),
    ]);
    const done = context.completed.map((a) => [a.do, a.doneAt - a.startedAt]);
    expect(done).toEqual([
      ['search', 60_000],
      ['search', 60_000],
      ['shell', 30_000],
      ['mark', 0],
    ]);
  });
});
