import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill, type DrillResult } from '../../src/engine/index.js';
import { drillFacts } from '../../src/evidence/index.js';
import type { ActionLogEntry } from '../../src/model/index.js';
import type { LogLine } from '../../src/telemetry/index.js';
import { architecture } from '../helpers.js';
import { HOUR, plainScenario, telemetryFor } from '../telemetry/helpers.js';

const MIN = 60_000;
const arch = architecture();
const scenario = plainScenario();
const compiled = compileScenarioData(arch, scenario);
const drillWith = (actions: ActionLogEntry[]): DrillResult => runDrill(arch, scenario, 7, actions);
const none = drillWith([]);
const good = drillWith(scenario.tests.find((t) => t.id === 'good-response')!.actions);
const doneAt = (drill: DrillResult, action: string, target?: string) =>
  drill.trace.find(
    (e) =>
      e.type === 'action.done' &&
      e.request.do === action &&
      (target === undefined || e.request.target === target),
  )!.t;
const logs = (drill: DrillResult, from = 0, to = 4 * HOUR, filter = {}) =>
  telemetryFor(scenario, 3, []).window(from, to, filter, drill);
const stays = (drill: DrillResult) => {
  const entered = drill.trace.filter((e) => e.type === 'attacker.entered');
  return entered.map((e, i) => ({
    state: (e as { state: string }).state,
    from: e.t,
    to: entered[i + 1]?.t ?? drill.context.ended?.at ?? 4 * HOUR,
  }));
};

describe('facts from the drill (fe-bash-rce, no response)', () => {
  const facts = drillFacts(compiled, none.trace, none.context.seed, { from: 0, to: 4 * HOUR });
  const lines = logs(none);
  const malicious = lines.filter((l) => l.malicious && l.source !== 'siem-alerts');

  it('expands every reached state’s evidence within the state’s stay', () => {
    for (const stay of stays(none)) {
      const state = compiled.states.get(stay.state)!;
      if (!state.evidence.length) continue;
      // A spread's repeat on a sibling (decision 0960) is the sibling's, after the stay.
      const own = facts.filter((f) => f.state === stay.state && f.spreadFrom === undefined);
      expect(own.length, stay.state).toBeGreaterThan(0);
      for (const f of own) {
        expect(f.t).toBeGreaterThanOrEqual(stay.from);
        expect(f.t).toBeLessThan(stay.to);
      }
    }
  });

  it('shows each state’s facts in the logs of the components it declares, within its stay', () => {
    for (const stay of stays(none)) {
      for (const fact of facts.filter((f) => f.state === stay.state && !f.spreadFrom)) {
        // A host logs what happens on it; a connection it opens shows on the devices it crosses.
        const where = new Set([fact.on, ...fact.path]);
        const seen = malicious.some(
          (l) => where.has(l.component) && l.t >= fact.t - 1_000 && l.t < stay.to + MIN,
        );
        expect(seen, `${fact.id} on ${[...where].join(', ')}`).toBe(true);
      }
    }
  });

  it('puts nothing malicious on a component no fact crosses', () => {
    const crossed = new Set(facts.flatMap((f) => [f.on, ...f.path]));
    const stray = [...new Set(malicious.map((l) => l.component))].filter((c) => !crossed.has(c));
    expect(stray).toEqual([]);
  });

  it('renders one request with the same address and port on FW1, IPS1, WAF1, the LB and FEServ1', () => {
    const exploit = facts.find((f) => f.item === 'exploit.exploit-requests')!;
    const near = (l: LogLine) => Math.abs(l.t - exploit.t) < 3_000;
    const fw = lines.find(
      (l) => l.component === 'FW1' && near(l) && l.text.includes(`SRC=${none.context.attackerIp} `),
    )!;
    const port = /SPT=(\d+)/.exec(fw.text)![1]!;
    const eve = lines.filter(
      (l) => l.source === 'eve' && near(l) && l.text.includes(`"src_port":${port}`),
    );
    const waf = lines.filter(
      (l) => l.source === 'modsec-audit' && near(l) && l.text.includes(`"client_port":${port}`),
    );
    const lb = lines.filter(
      (l) => l.source === 'haproxy' && near(l) && l.text.includes(`:${port} [`),
    );
    expect(eve.length).toBeGreaterThan(0);
    expect(waf.length).toBeGreaterThan(0);
    expect(lb.length).toBeGreaterThan(0);
    expect(
      lines.some(
        (l) =>
          l.component === 'FEServ1' &&
          l.source === 'nginx-access' &&
          near(l) &&
          l.text.includes('%0Ais_the_shittiest_lang'),
      ),
    ).toBe(true);
  });

  it('is deterministic: the same drill gives byte-identical facts and lines', () => {
    const again = drillFacts(compiled, none.trace, none.context.seed, { from: 0, to: 4 * HOUR });
    expect(JSON.stringify(again)).toBe(JSON.stringify(facts));
    const window = (l: LogLine[]) => l.map((x) => x.text).join('\n');
    expect(window(logs(none, HOUR, HOUR + 10 * MIN))).toBe(
      window(logs(none, HOUR, HOUR + 10 * MIN)),
    );
  });

  it('does not depend on the window a fact is asked for', () => {
    const part = drillFacts(compiled, none.trace, none.context.seed, { from: HOUR, to: 2 * HOUR });
    expect(part).toEqual(facts.filter((f) => f.t >= HOUR && f.t < 2 * HOUR));
  });
});

describe('defences shape the telemetry', () => {
  it('a good response and no response differ where a defence acts', () => {
    const blocked = doneAt(good, 'block-ip');
    const attacker = (d: DrillResult) =>
      logs(d, blocked, blocked + HOUR, { component: 'FEServ1', source: 'nginx-access' }).filter(
        (l) => l.text.startsWith(`${d.context.attackerIp} `),
      );
    expect(attacker(none).length).toBeGreaterThan(0);
    expect(attacker(good)).toEqual([]);
  });

  it('an isolated host is silent and the load balancers stop routing to it', () => {
    const isolated = doneAt(good, 'isolate-host', 'FEServ1');
    const after = logs(good, isolated, isolated + 30 * MIN);
    expect(after.filter((l) => l.component === 'FEServ1' && l.source === 'nginx-access')).toEqual(
      [],
    );
    expect(
      after.filter((l) => l.source === 'haproxy' && l.text.includes('be_shop/FEServ1')),
    ).toEqual([]);
    // Its customers are served by the others.
    expect(
      after.filter((l) => l.component === 'FEServ2' && l.source === 'nginx-access').length,
    ).toBeGreaterThan(0);
  });

  it('a lockdown drops everything inbound at the edge firewall', () => {
    const locked = drillWith([{ at: 30 * MIN, do: 'lockdown', target: 'FW1' }]);
    const at = doneAt(locked, 'lockdown');
    const after = logs(locked, at + MIN, at + 20 * MIN);
    const fw = after.filter((l) => l.component === 'FW1' && l.text.includes('IN=eth0'));
    expect(fw.length).toBeGreaterThan(0);
    expect(fw.every((l) => l.text.includes(' DROP '))).toBe(true);
    const served = after.filter((l) => l.source === 'nginx-access' && !l.text.includes('/health'));
    expect(served).toEqual([]);
  });

  it('a degraded load balancer refuses a share of requests with 429 and 503', () => {
    const degraded = drillWith([{ at: 10 * MIN, do: 'degrade-traffic', target: 'LB1' }]);
    const at = doneAt(degraded, 'degrade-traffic');
    const lb = logs(degraded, at + MIN, at + 11 * MIN).filter((l) => l.source === 'haproxy');
    const refused = lb.filter((l) => /<NOSRV> .* (429|503) /.test(l.text));
    const share = refused.length / lb.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.55);
  });

  it('a blocked address shows only DROPs; the address the attacker moves to gets through', () => {
    const actions = scenario.tests.find((t) => t.id === 'block-only')!.actions;
    const blockOnly = drillWith(actions);
    const at = doneAt(blockOnly, 'block-ip');
    const blocked = actions.find((a) => a.do === 'block-ip')!.value!;
    const fw = logs(blockOnly, at, 4 * HOUR, { component: 'FW1' });
    const fromBlocked = fw.filter((l) => l.text.includes(blocked));
    expect(fromBlocked.length).toBeGreaterThan(0);
    expect(fromBlocked.every((l) => l.text.includes(' DROP '))).toBe(true);
    // The implant comes back from another address of the pool (rotate_on_block): not blocked.
    const moved = blockOnly.trace.find((e) => e.type === 'attacker.address-changed');
    if (moved?.type === 'attacker.address-changed') {
      const fromNew = fw.filter((l) => l.t >= moved.t && l.text.includes(moved.to));
      expect(fromNew.some((l) => !l.text.includes(' DROP '))).toBe(true);
    }
  });

  it('the DNS C2 branch shows DNS TXT queries on the IPS', () => {
    const blockOnly = drillWith(scenario.tests.find((t) => t.id === 'block-only')!.actions);
    const dns = logs(blockOnly, 0, 4 * HOUR, { component: 'IPS1', source: 'eve' }).filter(
      (l) =>
        l.malicious && l.text.includes('"event_type":"dns"') && l.text.includes('"rrtype":"TXT"'),
    );
    expect(dns.length).toBeGreaterThan(5);
  });
});
