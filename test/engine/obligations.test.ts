import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDrill, type TraceEntry } from '../../src/engine/index.js';
import {
  checkScenarioText,
  orThrow,
  parseDuration,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
} from '../../src/model/index.js';
import { architecture, ROOT } from '../helpers.js';

const FILE = `${ROOT}test/fixtures/obligations/breach.yaml`;
const arch = architecture();
const text = readFileSync(FILE, 'utf8');
const breach = orThrow(checkScenarioText(FILE, text, arch)).model;
const h = (d: string) => parseDuration(d)!;

type Act = { at: string; do: string } & Record<string, string>;
const run = (actions: Act[], a = arch, s = breach) =>
  runDrill(
    a,
    s,
    3,
    actions.map((x) => ({ ...x, at: h(x.at) }) as ActionLogEntry),
  );
const of = <T extends TraceEntry['type']>(trace: readonly TraceEntry[], type: T) =>
  trace.filter((e): e is Extract<TraceEntry, { type: T }> => e.type === type);
const fired = (trace: readonly TraceEntry[]) => of(trace, 'inject.fired').map((e) => e.inject);

describe('obligations with clocks (decision 0950)', () => {
  it('the clock starts at awareness (the leak sample), not when the data was taken', () => {
    const { trace } = run([]);
    const started = of(trace, 'obligation.started').find((e) => e.obligation === 'gdpr-art33');
    // Taken at T+0, but nothing the team could see named personal data before the sample at 1h
    // (the login alert at 30m came at major, whose criteria name no data).
    expect(started?.t).toBe(h('1h'));
    expect(started?.dueAt).toBe(h('73h'));
    expect(started?.cause).toContain('leak-sample');
  });

  it('not notified within 72 hours of awareness: overdue at the deadline, and the regulator asks', () => {
    const { trace, context } = run([]);
    const overdue = of(trace, 'obligation.overdue').find((e) => e.obligation === 'gdpr-art33');
    expect(overdue?.t).toBe(h('73h'));
    expect(of(trace, 'obligation.met')).toEqual([]);
    expect(context.obligations['gdpr-art33']?.overdueAt).toBe(h('73h'));
    expect(fired(trace)).toContain('regulator-enquiry');
    expect(fired(trace)).not.toContain('journalist-told');
  });

  it('notifying the authority in time meets it: no overdue, the enquiry never comes', () => {
    const { trace } = run([{ at: '1h30m', do: 'notify', contact: 'dpa' }]);
    const met = of(trace, 'obligation.met').find((e) => e.obligation === 'gdpr-art33');
    // notify takes the architecture's notify_duration (15m).
    expect(met).toMatchObject({ t: h('1h45m'), contact: 'dpa', late: false });
    expect(of(trace, 'obligation.overdue').map((e) => e.obligation)).not.toContain('gdpr-art33');
    expect(fired(trace)).not.toContain('regulator-enquiry');
    // An inject that branches on having notified: the journalist has read the register.
    expect(fired(trace)).toContain('journalist-told');
  });

  it('a notification after the deadline meets it late', () => {
    const { trace } = run([{ at: '75h', do: 'notify', contact: 'dpa' }]);
    expect(of(trace, 'obligation.met').find((e) => e.obligation === 'gdpr-art33')).toMatchObject({
      late: true,
    });
  });

  it('a notification before awareness is a guess: it meets nothing', () => {
    const { trace } = run([{ at: '10m', do: 'notify', contact: 'dpa' }]);
    expect(of(trace, 'obligation.met')).toEqual([]);
    expect(of(trace, 'obligation.overdue').map((e) => e.obligation)).toContain('gdpr-art33');
  });

  it('a leak sample of data the attacker never reached starts nothing (a hoax)', () => {
    const hoax: Scenario = {
      ...breach,
      attacker: {
        ...breach.attacker,
        states: breach.attacker.states.map((s) => ({ ...s, reaches_data: [] })),
      },
    };
    expect(of(run([], arch, hoax).trace, 'obligation.started')).toEqual([]);
  });

  it('evidence shown while the incident stands at a severity whose criteria name the data makes the team aware', () => {
    const critical: Scenario = {
      ...breach,
      attacker: {
        ...breach.attacker,
        states: breach.attacker.states.map((s) => ({ ...s, severity: 'critical' })),
      },
    };
    const started = of(run([], arch, critical).trace, 'obligation.started').find(
      (e) => e.obligation === 'gdpr-art33',
    );
    // The login alert at 30m, not the hidden move at T+0 that raised the severity.
    expect(started?.t).toBe(h('30m'));
    expect(started?.cause).toContain('evidence at severity critical');
  });

  it('declaring a severity whose criteria name the data makes the team aware', () => {
    const { trace } = run([{ at: '20m', do: 'declare-severity', severity: 'critical' }]);
    const started = of(trace, 'obligation.started').find((e) => e.obligation === 'gdpr-art33');
    expect(started?.t).toBe(h('20m'));
    expect(started?.cause).toContain('declared critical');
  });

  it('data subjects only when the data is a high risk to them (critical sensitivity)', () => {
    const both = of(run([]).trace, 'obligation.started').map((e) => e.obligation);
    expect(both).toContain('gdpr-art34');
    const milder: Architecture = {
      ...arch,
      data_classes: arch.data_classes.map((d) =>
        d.id === 'personal-data' ? { ...d, sensitivity: 'high' } : d,
      ),
    };
    const started = of(run([], milder).trace, 'obligation.started').map((e) => e.obligation);
    expect(started).toContain('gdpr-art33');
    expect(started).not.toContain('gdpr-art34');
  });

  it('a jurisdiction switches an obligation off or changes its deadline', () => {
    const local: Scenario = {
      ...breach,
      architecture_overrides: {
        components: [],
        contacts: [],
        escalation_matrix: {},
        obligations: [
          { id: 'gdpr-art34', applies: false },
          { id: 'gdpr-art33', within: h('24h') },
        ],
      },
    };
    const { trace } = run([], arch, local);
    const started = of(trace, 'obligation.started');
    expect(started.map((e) => e.obligation)).not.toContain('gdpr-art34');
    expect(started.find((e) => e.obligation === 'gdpr-art33')?.dueAt).toBe(h('25h'));
  });

  it('notify goes only to a notification recipient', () => {
    const { trace } = run([{ at: '2h', do: 'notify', contact: 'snow' }]);
    expect(of(trace, 'action.rejected')[0]?.reason).toContain('not a notification recipient');
  });

  it('the same drill twice gives a byte-identical trace', () => {
    const actions = [{ at: '1h30m', do: 'notify', contact: 'dpa' }];
    expect(JSON.stringify(run(actions).trace)).toBe(JSON.stringify(run(actions).trace));
  });
});
