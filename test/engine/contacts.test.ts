import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holds, runDrill, type TraceEntry } from '../../src/engine/index.js';
import {
  checkScenarioText,
  orThrow,
  parseDuration,
  type ActionLogEntry,
  type Architecture,
} from '../../src/model/index.js';
import { readFacts } from '../../src/scoring/facts.js';
import { compileScenarioData } from '../../src/engine/index.js';
import { architecture, ROOT } from '../helpers.js';

const FILE = `${ROOT}test/fixtures/obligations/contacts.yaml`;
const arch = architecture();
const scenario = orThrow(checkScenarioText(FILE, readFileSync(FILE, 'utf8'), arch)).model;
const m = (d: string) => parseDuration(d)!;

type Act = { at: string; do: string } & Record<string, string>;
const run = (actions: Act[], seed = 3) =>
  runDrill(
    arch,
    scenario,
    seed,
    actions.map((a) => ({ ...a, at: m(a.at) }) as ActionLogEntry),
  );
const firedAt = (trace: readonly TraceEntry[], id: string) =>
  trace.find((e) => e.type === 'inject.fired' && e.inject === id)?.t;
const of = <T extends TraceEntry['type']>(trace: readonly TraceEntry[], type: T) =>
  trace.filter((e): e is Extract<TraceEntry, { type: T }> => e.type === type);

describe('contacts who answer (decision 0950)', () => {
  it('a reached contact answers after its delay, with the first reply that fits, and sets its flag', () => {
    const { trace, context } = run([
      { at: '5m', do: 'escalate', contact: 'dpo', channel: 'phone' },
    ]);
    // Delivered when the 5-minute call completes (T+10m); the DPO's reply_after is 15m, plus up
    // to a third more drawn from the seed.
    const at = firedAt(trace, 'reply-dpo-1')!;
    expect(at).toBeGreaterThanOrEqual(m('25m'));
    expect(at).toBeLessThanOrEqual(m('30m'));
    expect(context.flags).toContain('dpo-engaged');
    expect(context.escalations.map((e) => e.contact)).toEqual(['dpo']);
    // The decision the reply carried is data the scenario branches on.
    expect(firedAt(trace, 'dpo-followup')).toBe(m('50m'));
    const reply = trace.find((e) => e.type === 'inject.fired' && e.inject === 'reply-dpo-1');
    expect(reply).toMatchObject({ kind: 'call', malicious: false });
  });

  it('a contact the scenario gives no reply answers once with its own acknowledgement', () => {
    const { trace } = run([
      { at: '5m', do: 'escalate', contact: 'duck', channel: 'phone' },
      { at: '40m', do: 'escalate', contact: 'duck', channel: 'phone' },
    ]);
    const acks = trace.filter((e) => e.type === 'inject.fired' && e.inject === 'reply-duck-ack');
    expect(acks).toHaveLength(1);
    // Duck has no reply_after: the default 10 minutes, plus up to a third, after the call.
    expect(acks[0]!.t).toBeGreaterThanOrEqual(m('20m'));
    expect(acks[0]!.t).toBeLessThanOrEqual(m('23m20s'));
    const compiled = compileScenarioData(arch, scenario);
    expect(compiled.injects.get('reply-duck-ack')?.body).toBe(
      arch.contacts.find((c) => c.id === 'duck')?.answers,
    );
  });

  it('a second call gets the next reply whose condition now holds', () => {
    const { trace } = run([
      { at: '5m', do: 'escalate', contact: 'dpo', channel: 'phone' },
      { at: '35m', do: 'escalate', contact: 'dpo', channel: 'email' },
    ]);
    expect(firedAt(trace, 'reply-dpo-1')).toBeDefined();
    expect(firedAt(trace, 'reply-dpo-2')).toBeGreaterThan(firedAt(trace, 'reply-dpo-1')!);
  });

  it('a reply whose condition does not hold is not given', () => {
    const guarded = {
      ...scenario,
      replies: scenario.replies.map((r) =>
        r.id === 'soc-scope' ? { ...r, when: { severity_at_least: 'critical' } } : r,
      ),
    };
    const { trace } = runDrill(arch, guarded, 3, [
      { at: m('5m'), do: 'escalate', contact: 'soc-provider', channel: 'phone' } as ActionLogEntry,
    ]);
    expect(firedAt(trace, 'soc-scope')).toBeUndefined();
  });

  it('the reply delay is drawn from the seed: the same seed, the same time', () => {
    const times = (seed: number) =>
      firedAt(
        run([{ at: '5m', do: 'escalate', contact: 'soc-provider', channel: 'phone' }], seed).trace,
        'soc-scope',
      );
    expect(times(3)).toBe(times(3));
    const spread = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(times));
    expect(spread.size).toBeGreaterThan(1);
    for (const t of spread) {
      expect(t).toBeGreaterThanOrEqual(m('15m'));
      expect(t).toBeLessThanOrEqual(m('16m40s'));
    }
  });

  it('off duty: the voicemail names the backup at once, nobody answers, and the contact is not told', () => {
    // 19:05 UTC: after the DPO's on-call hours.
    const { trace, context } = run([
      { at: '1h05m', do: 'escalate', contact: 'dpo', channel: 'phone' },
    ]);
    const away = of(trace, 'contact.unavailable')[0];
    expect(away).toMatchObject({ contact: 'dpo', backup: 'upper-mgmt', t: m('1h10m') });
    expect(away?.reason).toContain('off duty');
    expect(firedAt(trace, 'off-duty-dpo')).toBe(m('1h10m'));
    expect(firedAt(trace, 'reply-dpo-1')).toBeUndefined();
    expect(context.escalations).toEqual([]);
    const compiled = compileScenarioData(arch, scenario);
    expect(holds({ escalated: 'dpo' }, context, compiled)).toBe(false);
    const body = compiled.injects.get('off-duty-dpo')?.body ?? '';
    expect(body).toContain('Upper management');
  });

  it('out of office: the auto-reply names the backup; calling the backup counts for the absent contact', () => {
    const { trace, context, outcome, seed } = run([
      { at: '5m', do: 'escalate', contact: 'ciso', channel: 'phone' },
      { at: '12m', do: 'escalate', contact: 'mouse', channel: 'phone' },
    ]);
    expect(of(trace, 'contact.unavailable')[0]).toMatchObject({ contact: 'ciso', backup: 'mouse' });
    expect(firedAt(trace, 'auto-reply-ciso')).toBe(m('10m'));
    const compiled = compileScenarioData(arch, scenario);
    expect(compiled.injects.get('auto-reply-ciso')?.body).toContain('Mouse');
    const facts = readFacts(compiled, { trace, context, outcome, seed });
    const escalations = facts.done.filter((a) => a.do === 'escalate');
    // The call to the CISO reached nobody; the call to Mouse stands in for the CISO as well.
    expect(escalations.map((a) => a.contact).sort()).toEqual(['ciso', 'mouse']);
    expect(escalations.find((a) => a.contact === 'ciso')?.standsInFor).toBe('ciso');
  });

  it('a down channel does not deliver: a notice in the feed; the same channel works once it is back', () => {
    const { trace, context } = run([
      { at: '10m', do: 'escalate', contact: 'snow', channel: 'chat' },
      { at: '1h10m', do: 'escalate', contact: 'duck', channel: 'chat' },
    ]);
    const lost = of(trace, 'escalation.undelivered');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ contact: 'snow', channel: 'chat' });
    expect(lost[0]?.reason).toContain('SSO');
    expect(firedAt(trace, 'undelivered-1')).toBe(m('12m'));
    expect(context.escalations.map((e) => e.contact)).toEqual(['duck']);
  });

  it('the same drill twice: byte-identical traces', () => {
    const actions: Act[] = [
      { at: '5m', do: 'escalate', contact: 'dpo', channel: 'phone' },
      { at: '6m', do: 'escalate', contact: 'ciso', channel: 'phone' },
      { at: '7m', do: 'escalate', contact: 'snow', channel: 'chat' },
    ];
    expect(JSON.stringify(run(actions).trace)).toBe(JSON.stringify(run(actions).trace));
  });
});

/*
 * One call at a time (decision 1020): a phone call occupies its caller for its length; a second
 * call meanwhile is refused, e-mail and chat are not; the call's length is data (the channel's
 * typical_minutes, the contact's call_minutes).
 */
const runOn = (actions: Act[], architecture: Architecture) =>
  runDrill(
    architecture,
    scenario,
    3,
    actions.map((a) => ({ ...a, at: m(a.at) }) as ActionLogEntry),
  );

const call = (at: string, contact: string, extra: Record<string, string> = {}): Act => ({
  at,
  do: 'escalate',
  contact,
  channel: 'phone',
  ...extra,
});

describe('one call at a time (decision 1020)', () => {
  it('the shipped architecture declares the phone one at a time, and only the phone', () => {
    expect(arch.channels.filter((c) => c.one_at_a_time).map((c) => c.id)).toEqual(['phone']);
  });

  it('a second call while one is in progress is refused, saying with whom and until when', () => {
    const { trace, context } = run([call('5m', 'duck'), call('6m', 'snow')]);
    const [rejected] = of(trace, 'action.rejected');
    expect(rejected).toMatchObject({ t: m('6m'), request: { contact: 'snow', channel: 'phone' } });
    expect(rejected!.reason).toBe(
      'already on a call with Duck until T+00:10:00: one call at a time (chat or email can go out meanwhile)',
    );
    expect(context.escalations.map((e) => e.contact)).toEqual(['duck']);
  });

  it('six calls at once reach one contact; e-mail and chat meanwhile are not limited', () => {
    const six = ['duck', 'snow', 'skywalker', 'mouse', 'dpo', 'pr-dept'].map((c) => call('5m', c));
    const { trace, context } = run([
      ...six,
      { at: '6m', do: 'escalate', contact: 'snow', channel: 'email' },
      { at: '6m', do: 'escalate', contact: 'mouse', channel: 'email' },
    ]);
    const rejected = of(trace, 'action.rejected');
    expect(rejected).toHaveLength(5);
    for (const r of rejected) expect(r.reason).toMatch(/^already on a call with Duck until /);
    expect(context.escalations.map((e) => `${e.contact}/${e.channel}`).sort()).toEqual([
      'duck/phone',
      'mouse/email',
      'snow/email',
    ]);
  });

  it('the next call goes through once the first has ended', () => {
    const { trace, context } = run([call('5m', 'duck'), call('10m', 'snow')]);
    expect(of(trace, 'action.rejected')).toEqual([]);
    expect(context.escalations.map((e) => [e.contact, e.at])).toEqual([
      ['duck', m('10m')],
      ['snow', m('15m')],
    ]);
  });

  it('two responders (by) each hold their own call', () => {
    const { trace } = run([call('5m', 'duck', { by: 'ana' }), call('5m', 'snow', { by: 'ben' })]);
    expect(of(trace, 'action.rejected')).toEqual([]);
    expect(of(trace, 'action.done')).toHaveLength(2);
  });

  it('a contact’s call_minutes is how long a call to it lasts, and blocks the caller as long', () => {
    const talkative: Architecture = {
      ...arch,
      contacts: arch.contacts.map((c) => (c.id === 'mouse' ? { ...c, call_minutes: 20 } : c)),
    };
    const { trace } = runOn(
      [call('5m', 'mouse'), call('15m', 'snow'), call('25m', 'snow')],
      talkative,
    );
    const done = of(trace, 'action.done').map((e) => [e.request.contact, e.t]);
    expect(done).toEqual([
      ['mouse', m('25m')],
      ['snow', m('30m')],
    ]);
    expect(of(trace, 'action.rejected')[0]!.reason).toMatch(/with Mouse until T\+00:25:00/);
    // An e-mail to the same contact is not a call: its channel's own time.
    const mail = runOn(
      [{ at: '5m', do: 'escalate', contact: 'mouse', channel: 'email' }],
      talkative,
    );
    expect(of(mail.trace, 'action.done')[0]!.t).toBe(m('15m'));
  });

  it('replaying the same action log refuses the same call (a pure function of the log)', () => {
    const log = [call('5m', 'duck'), call('7m', 'snow'), call('12m', 'snow')];
    expect(run(log).trace).toEqual(run(log).trace);
  });
});
