import { describe, expect, it } from 'vitest';
import type {
  Architecture,
  DimensionId,
  ExpectedResponse,
  Rubric,
  Scenario,
  TimeTarget,
} from '../../src/model/index.js';
import { dimensionOfExpected, expectedFindings } from '../../src/scoring/expected.js';
import type { DimensionScore } from '../../src/scoring/index.js';
import { gradeOf, rateObjectives, ratingOf } from '../../src/scoring/ratings.js';
import { timedDimension } from '../../src/scoring/timed.js';
import { arch, dim, EVIDENCE, isolateAt, ms, play, rubric, scenario, type Step } from './golden.js';

// Each dimension scorer on the golden drill (test/fixtures/scoring/golden.yaml): what the
// debrief says, the points, and the edges of each rule. The breach alert at 25m is the first
// evidence; with nobody cutting FEServ1 off the loot alert (critical) fires at 1h22m.

/** The golden drill with a breach that does not raise the severity: its alert shows the initial low. */
const quiet: Scenario = {
  ...scenario,
  attacker: {
    ...scenario.attacker,
    states: scenario.attacker.states.map((s) =>
      s.id === 'breach' ? { ...s, severity: undefined } : s,
    ),
  },
};

/** The golden drill with the phone down all along: a call reaches nobody. */
const phoneDown: Scenario = {
  ...scenario,
  channels_down: [{ channel: 'phone', from: 0, reason: 'The PBX is down.' }],
};

const soc = (at: string | number): Step => ({
  at,
  do: 'escalate',
  contact: 'soc-provider',
  channel: 'phone',
});

describe('timed dimensions: the clocks from the first evidence', () => {
  it('time to detect: the confirm after an investigation, against the targets of the severity shown', () => {
    const { score } = play([
      { at: '25m', do: 'query-siem', target: 'FEServ1' },
      { at: '30m', do: 'plan.confirm' },
    ]);
    const [f] = dim(score, 'time-to-detect').findings;
    expect(f).toMatchObject({
      code: 'time-to-detect.slow',
      text: 'confirmed (plan step 1 done) 15m after the first evidence (breach-alert) (target 10m, no credit from 45m at severity critical)',
      t: ms('40m'),
      recommendation: rubric.dimensions['time-to-detect']!.corrective_action,
    });
    // The evidence, then the confirm's start and end.
    expect(f!.events.map((e) => [e.type, e.t])).toEqual([
      ['inject.fired', EVIDENCE],
      ['action.started', ms('30m')],
      ['action.done', ms('40m')],
    ]);
    expect(score.measures.timeToDetect).toBe(ms('15m'));
  });

  it('time to escalate: an escalation started at the very moment of the evidence counts', () => {
    const { score } = play([soc(EVIDENCE)]);
    const [f] = dim(score, 'time-to-escalate').findings;
    expect(f!.code).toBe('time-to-escalate.on-target');
    expect(f!.text).toBe(
      'first required escalation made 5m after the first evidence (breach-alert) (target 15m, no credit from 45m at severity critical)',
    );
    expect(f!.recommendation).toBeUndefined();
    expect(score.measures.timeToEscalate).toBe(ms('5m'));
    // A second before the evidence: not the escalation the clock waits for.
    expect(dim(play([soc(EVIDENCE - 1000)]).score, 'time-to-escalate').findings[0]!.code).toBe(
      'time-to-escalate.never',
    );
  });

  it('time to escalate: only a contact the matrix lists at the severity in hand stops the clock', () => {
    // Upper management is listed from critical only; at 25m the evidence shows major.
    const early = play([{ at: '25m', do: 'escalate', contact: 'upper-mgmt', channel: 'phone' }]);
    expect(dim(early.score, 'time-to-escalate').findings[0]!.code).toBe('time-to-escalate.never');
    expect(early.score.measures.timeToEscalate).toBeUndefined();
    // Skywalker is in no row of the matrix at all.
    const none = play([{ at: '25m', do: 'escalate', contact: 'skywalker', channel: 'phone' }]);
    expect(dim(none.score, 'time-to-escalate').findings[0]!.code).toBe('time-to-escalate.never');
  });

  it('an escalation nobody received stops no clock', () => {
    const { score } = play([soc(EVIDENCE)], phoneDown);
    expect(dim(score, 'time-to-escalate').findings[0]!.code).toBe('time-to-escalate.never');
    expect(
      dim(score, 'escalation').findings.find((f) => f.text.startsWith('soc-provider'))!.code,
    ).toBe('escalation.missing');
  });

  it('a slow clock gets the default advice when the rubric has none of its own', () => {
    const { score } = play([soc('1h')]);
    const [f] = dim(score, 'time-to-escalate').findings;
    expect(f!.code).toBe('time-to-escalate.slow');
    expect(f!.text).toContain('made 40m after the first evidence');
    expect(rubric.dimensions['time-to-escalate']!.corrective_action).toBeUndefined();
    expect(f!.recommendation).toMatch(/^Escalate by the matrix/);
    expect(f!.points).toBeGreaterThan(0);
    expect(f!.points).toBeLessThan(dim(score, 'time-to-escalate').max);
  });

  it('a clock stopped long past its limit earns nothing, never less', () => {
    // The SOC provider called at 2h: 1h40m after the evidence, the limit at critical is 45m.
    const { score } = play([soc('2h')]);
    const [f] = dim(score, 'time-to-escalate').findings;
    expect(f!.code).toBe('time-to-escalate.slow');
    expect(f!.points).toBe(0);
  });

  it('a clock that never stops names what was missing, at the evidence', () => {
    const { score } = play([]);
    const escalate = dim(score, 'time-to-escalate').findings;
    expect(escalate).toEqual([
      {
        code: 'time-to-escalate.never',
        text: 'nobody the escalation matrix requires was told (target 15m, no credit from 45m at severity critical)',
        t: EVIDENCE,
        events: [{ index: 4, t: EVIDENCE, type: 'inject.fired' }],
        recommendation: expect.stringMatching(/^Escalate by the matrix/),
        points: 0,
      },
    ]);
    const detect = dim(score, 'time-to-detect').findings[0]!;
    expect(detect.text).toBe(
      'the suspicious event was never confirmed (target 10m, no credit from 45m at severity critical)',
    );
    expect(detect.recommendation).toBe(rubric.dimensions['time-to-detect']!.corrective_action);
    expect(dim(score, 'time-to-contain').findings[0]!.text).toMatch(
      /^the attacker was never contained \(target 30m/,
    );
  });

  it('a containment that lands at the moment of the evidence counts, with no time elapsed', () => {
    // Isolation started at 15m takes 10m: FEServ1 is cut off at 25m, as its alert fires.
    const { score } = play([{ at: '15m', do: 'isolate-host', target: 'FEServ1' }]);
    const [f] = dim(score, 'time-to-contain').findings;
    expect(f).toMatchObject({
      code: 'time-to-contain.on-target',
      text: 'contained 0s after the first evidence (breach-alert) (target 30m, no credit from 2h at severity major)',
      t: EVIDENCE,
    });
    expect(f!.events.map((e) => e.type)).toEqual(['inject.fired', 'contained']);
    expect(score.measures.timeToContain).toBe(0);
  });

  it('the clocks have their own advice when the rubric gives none', () => {
    // The default rubric has no corrective action for containment.
    const contain = dim(play([]).score, 'time-to-contain').findings[0]!;
    expect(contain.recommendation).toMatch(/^Isolate the compromised host/);
    const facts = play([{ at: '30m', do: 'plan.confirm' }]).facts();
    const { corrective_action: _, ...plain } = rubric.dimensions['time-to-detect']!;
    const detect = timedDimension(facts, 'time-to-detect', plain).findings[0]!;
    expect(detect.code).toBe('time-to-detect.slow');
    expect(detect.recommendation).toMatch(/^Triage high-severity alerts first and confirm/);
  });

  it('a drill with nothing malicious: the clock starts at the first alert, and says so', () => {
    const benign: Scenario = {
      ...scenario,
      expected: [],
      attacker: {
        ...scenario.attacker,
        states: scenario.attacker.states.map((s) => ({ ...s, malicious: false })),
      },
    };
    const { score } = play([{ at: '30m', do: 'plan.confirm' }], benign);
    expect(dim(score, 'time-to-detect').findings[0]!.text).toBe(
      'confirmed (plan step 1 done) 15m after the first evidence (the first alert) (target 30m, no credit from 2h at severity low)',
    );
  });

  it('no evidence at all: every clock is not evaluated and measures nothing', () => {
    const { score } = play([{ at: '0s', do: 'lockdown', target: 'FW1' }]);
    for (const id of ['time-to-detect', 'time-to-escalate', 'time-to-contain'] as const) {
      expect(dim(score, id).findings).toEqual([
        {
          code: `${id}.not-evaluated`,
          text: 'no evidence was observable in this drill: nothing to measure (not evaluated)',
          events: [],
          points: 0,
        },
      ]);
    }
    expect(score.measures.timeToContain).toBeUndefined();
  });
});

describe('the targets a clock is read against', () => {
  // Contained 10m after the major evidence: which target applies decides on target or slow.
  const contained = play(isolateAt(EVIDENCE)).facts();
  const contain = (targets: Record<string, TimeTarget>) =>
    timedDimension(contained, 'time-to-contain', {
      ...rubric.dimensions['time-to-contain']!,
      targets,
    }).findings[0]!;
  const t = (target: string, limit: string) => ({ target: ms(target), limit: ms(limit) });

  it('the severity the evidence showed, when the rubric has it', () => {
    expect(contained.observedSeverity).toBe('major');
    const f = contain({ low: t('5m', '1h'), major: t('10m', '20m'), critical: t('1m', '2m') });
    expect(f.code).toBe('time-to-contain.on-target');
    expect(f.text).toContain('(target 10m, no credit from 20m at severity major)');
  });

  it('a hand-built rubric missing it: the nearest severity below', () => {
    const f = contain({ low: t('5m', '1h'), minor: t('20m', '1h'), critical: t('1m', '2m') });
    expect(f.code).toBe('time-to-contain.on-target');
    expect(f.text).toContain('(target 20m, no credit from 1h at severity major)');
  });

  it('nothing below it: the first the rubric lists', () => {
    const f = contain({ critical: t('1m', '20m') });
    expect(f.code).toBe('time-to-contain.slow');
    expect(f.text).toContain('(target 1m, no credit from 20m at severity major)');
    expect(f.delta).toBeCloseTo(10 / 19, 6);
  });
});

describe('escalation: deadlines, channels and needless alarms', () => {
  const finding = (steps: Step[], contact: string) => {
    const { score } = play(steps);
    const d = dim(score, 'escalation');
    const f = d.findings.find((x) => x.text.startsWith(contact))!;
    // Each contact the matrix requires earns an equal share of the dimension.
    const required = d.findings.filter((x) => x.code !== 'escalation.over-sensitive').length;
    return { f, d, score, shareOf: (credit: number) => (d.max * credit) / required };
  };

  it('a severity declared before its evidence starts its deadlines then', () => {
    // Major declared at 5m: the SOC provider is due by phone at 20m, not 15m after the alert.
    const { f, shareOf } = finding(
      [{ at: '5m', do: 'declare-severity', severity: 'major' }, soc('26m')],
      'soc-provider',
    );
    expect(f).toMatchObject({
      code: 'escalation.late',
      text: 'soc-provider told by phone at T+00:31:00 (11m late; major requires soc-provider by phone by T+00:20:00)',
      t: ms('31m'),
      recommendation: "Tell soc-provider by phone within the matrix's time.",
    });
    expect(f.points).toBeCloseTo(shareOf(rubric.dimensions.escalation!.late_credit), 1);
    // The deadline points at the declaration that started it.
    expect(f.events[0]!.t).toBe(ms('5m'));
    // Without the declaration the same call is on time (due 15m after the alert at 25m).
    expect(finding([soc('26m')], 'soc-provider').f.code).toBe('escalation.on-time');
  });

  it('the channel of the severity that set the deadline is required, a lower one is not enough', () => {
    // Snow: chat within 1h at minor, a phone call within 30m at major; the major one is earlier.
    // FEServ1 cut off at the alert keeps it at major (critical asks for Snow by chat at once).
    const chat = finding(
      [...isolateAt(EVIDENCE), { at: '25m', do: 'escalate', contact: 'snow', channel: 'chat' }],
      'snow',
    );
    expect(chat.f).toMatchObject({
      code: 'escalation.wrong-channel',
      text: 'snow told by chat at T+00:27:00 (by chat instead of phone; major requires snow by phone by T+00:55:00)',
      recommendation: "Tell snow by phone within the matrix's time.",
    });
    expect(chat.f.points).toBeCloseTo(
      chat.shareOf(rubric.dimensions.escalation!.wrong_channel_credit),
      1,
    );
    // On time through the wrong channel is not a correct escalation.
    expect(chat.score.measures.escalationAccuracy).toBe(0);
  });

  it('the right call at the deadline severity is on time even when no higher one is reached', () => {
    // FEServ1 cut off at the alert: major is the highest severity, seven contacts are required.
    const { f, d, score, shareOf } = finding(
      [...isolateAt(EVIDENCE), { at: '25m', do: 'escalate', contact: 'snow', channel: 'phone' }],
      'snow',
    );
    expect(f).toMatchObject({
      code: 'escalation.on-time',
      text: 'snow told by phone at T+00:30:00 (major requires snow by phone by T+00:55:00)',
      t: ms('30m'),
    });
    expect(f.recommendation).toBeUndefined();
    expect(f.points).toBeCloseTo(shareOf(1), 1);
    expect(d.findings).toHaveLength(7);
    expect(score.measures.escalationAccuracy).toBeCloseTo(1 / 7, 6);
  });

  it('an escalation started at the moment of the evidence counts', () => {
    const { f, score } = finding([...isolateAt(EVIDENCE), soc(EVIDENCE)], 'soc-provider');
    expect(f.code).toBe('escalation.on-time');
    expect(score.measures.escalationAccuracy).toBeCloseTo(1 / 7, 6);
  });

  it('evidence at the initial severity starts its deadlines at the first evidence', () => {
    // Low asks for a ticket to the SOC provider within 4h.
    const d = dim(play(isolateAt(EVIDENCE), quiet).score, 'escalation');
    expect(d.findings.map((f) => [f.code, f.text])).toEqual([
      [
        'escalation.missing',
        'soc-provider was never told (low requires soc-provider by ticket by T+04:25:00)',
      ],
    ]);
  });

  it('two severities setting the same deadline: the lower one is named', () => {
    // Minor declared at 10m: the SOC provider by phone within 30m, i.e. by 40m; the major
    // evidence at 25m asks for the same call within 15m, also by 40m.
    const { f } = finding(
      [{ at: '10m', do: 'declare-severity', severity: 'minor' }, soc('30m')],
      'soc-provider',
    );
    expect(f.text).toBe(
      'soc-provider told by phone at T+00:35:00 (minor requires soc-provider by phone by T+00:40:00)',
    );
  });

  it('late and on the wrong channel: both said, both credits applied', () => {
    const { f, shareOf } = finding(
      [{ at: '1h', do: 'escalate', contact: 'soc-provider', channel: 'chat' }],
      'soc-provider',
    );
    const { late_credit, wrong_channel_credit } = rubric.dimensions.escalation!;
    expect(f.code).toBe('escalation.late');
    expect(f.text).toBe(
      'soc-provider told by chat at T+01:02:00 (22m late, by chat instead of phone; major requires soc-provider by phone by T+00:40:00)',
    );
    expect(f.points).toBeCloseTo(shareOf(late_credit * wrong_channel_credit), 1);
  });

  it('a late call on the right channel is not a correct escalation either', () => {
    const { f, score } = finding([soc('1h')], 'soc-provider');
    expect(f.code).toBe('escalation.late');
    expect(score.measures.escalationAccuracy).toBe(0);
  });

  it('a sensitive contact told after the evidence, before a severity that lists them: alarm', () => {
    // Upper management is listed at critical only; at 30m the evidence showed major.
    const { d } = finding(
      [{ at: '25m', do: 'escalate', contact: 'upper-mgmt', channel: 'phone' }],
      'upper-mgmt',
    );
    const alarm = d.findings.filter((x) => x.code === 'escalation.over-sensitive');
    expect(alarm.map((x) => [x.text, x.t])).toEqual([
      [
        'upper-mgmt told at T+00:30:00 although the incident in hand was major, which does not call for them (needless alarm to a sensitive contact)',
        ms('30m'),
      ],
    ]);
  });

  it('a channel of a higher severity reached is accepted too, and both are named', () => {
    // Low only, for six hours: the SOC provider by ticket by 4h25m. Minor, declared at 4h, asks
    // for a phone call by 4h30m: a later deadline, but its channel is accepted as well.
    const long: Scenario = { ...quiet, end: { ...quiet.end, time_limit: ms('6h') } };
    const minorLate: Step = { at: '4h', do: 'declare-severity', severity: 'minor' };
    const run = (channel: string) =>
      dim(
        play(
          [
            ...isolateAt(EVIDENCE),
            { at: '30m', do: 'escalate', contact: 'soc-provider', channel },
            minorLate,
          ],
          long,
        ).score,
        'escalation',
      ).findings.find((x) => x.text.startsWith('soc-provider'))!;
    expect(run('phone').code).toBe('escalation.on-time');
    expect(run('chat').text).toBe(
      'soc-provider told by chat at T+00:32:00 (by chat instead of ticket or phone; low requires soc-provider by ticket or phone by T+04:25:00)',
    );
  });

  it('a contact never told: missing at the deadline, with the channel to use', () => {
    const { f } = finding([...isolateAt(EVIDENCE)], 'snow');
    expect(f).toEqual({
      code: 'escalation.missing',
      text: 'snow was never told (major requires snow by phone by T+00:55:00)',
      t: ms('55m'),
      events: [expect.objectContaining({ t: EVIDENCE, type: 'inject.fired' })],
      recommendation: 'Escalate to snow by phone as the escalation matrix requires at major.',
      points: 0,
    });
  });

  it('a sensitive contact the declared severity calls for, told at the evidence, is no alarm', () => {
    const steps = (at: string): Step[] => [
      { at: '0s', do: 'declare-severity', severity: 'critical' },
      { at, do: 'escalate', contact: 'pr-dept', channel: 'phone' },
    ];
    const atEvidence = finding(steps('25m'), 'pr-dept');
    expect(atEvidence.f.code).toBe('escalation.on-time');
    expect(atEvidence.d.findings.map((x) => x.code)).not.toContain('escalation.over-sensitive');
    // Before any evidence the declaration alone does not justify waking PR.
    const before = finding(steps('1m'), 'pr-dept');
    expect(before.d.findings.filter((x) => x.code === 'escalation.over-sensitive')).toEqual([
      {
        code: 'escalation.over-sensitive',
        text: 'pr-dept told at T+00:06:00 although the incident in hand was critical, which does not call for them (needless alarm to a sensitive contact)',
        t: ms('6m'),
        events: [
          expect.objectContaining({ type: 'action.started', t: ms('1m') }),
          expect.objectContaining({ type: 'action.done', t: ms('6m') }),
        ],
        recommendation:
          'Escalate by the matrix for the severity; keep pr-dept for the severities that list them.',
        points: expect.closeTo(-rubric.dimensions.escalation!.sensitive_penalty * before.d.max, 1),
      },
    ]);
  });

  it('nobody required and nobody told: not evaluated, in words', () => {
    const { score } = play([{ at: '0s', do: 'lockdown', target: 'FW1' }]);
    expect(dim(score, 'escalation').findings).toEqual([
      {
        code: 'escalation.not-evaluated',
        text: 'no evidence called for an escalation and nobody was told (not evaluated)',
        events: [],
        points: 0,
      },
    ]);
    const told = play([
      { at: '0s', do: 'lockdown', target: 'FW1' },
      { at: '1m', do: 'escalate', contact: 'snow', channel: 'phone' },
    ]).score;
    expect(dim(told, 'escalation').findings).toEqual([
      {
        code: 'escalation.none-required',
        text: 'no severity in hand required an escalation',
        events: [],
        points: dim(told, 'escalation').max,
      },
    ]);
  });
});

describe('expected responses: which dimension, which anchor, what counts', () => {
  const x = (e: Partial<ExpectedResponse>): ExpectedResponse =>
    ({ id: 'x', within: ms('30m'), why: 'Because.', ...e }) as ExpectedResponse;
  /** The golden drill expecting only `expected`, played on `steps`, its expected findings. */
  const judge = (expected: Partial<ExpectedResponse>, steps: Step[], penalty = 0.15) => {
    const drill: Scenario = { ...scenario, expected: [x(expected)] };
    return expectedFindings(play(steps, drill).facts(), penalty);
  };
  const codeOf = (expected: Partial<ExpectedResponse>, steps: Step[]) =>
    judge(expected, steps).map((f) => f.finding.code);

  it('each expected action speaks to the dimension of what it asks for', () => {
    const drill: Scenario = {
      ...scenario,
      actions: [
        ...scenario.actions,
        { id: 'scan', kind: 'query-vulnerabilities', targets: ['FEServ1'], duration: ms('5m') },
      ] as Scenario['actions'],
    };
    const facts = play([], drill).facts();
    const of = (action: string) => dimensionOfExpected(facts, x({ action }));
    expect(of('escalate')).toBe('escalation');
    expect(of('notify')).toBe('notification');
    expect(of('plan.confirm')).toBe('time-to-detect');
    expect(of('plan.close')).toBe('plan');
    expect(of('declare-severity')).toBe('severity');
    expect(of('forensic-snapshot')).toBe('evidence');
    expect(of('query-siem')).toBe('time-to-detect');
    expect(of('scan')).toBe('time-to-detect');
    expect(of('isolate-host')).toBe('time-to-contain');
    expect(of('lockdown')).toBe('time-to-contain');
  });

  it('met: the action started in the window, pointed at its start', () => {
    const [met] = judge({ action: 'isolate-host', target: 'FEServ1' }, isolateAt(EVIDENCE));
    expect(met).toEqual({
      dimension: 'time-to-contain',
      finding: {
        code: 'expected.met',
        delta: 0,
        text: 'expected "x" (isolate-host on FEServ1) within 30m of the first evidence: done at T+00:25:00',
        t: EVIDENCE,
        events: [{ index: 5, t: EVIDENCE, type: 'action.started' }],
      },
    });
  });

  it('missed: the penalty, at the due time, pointing at the anchor, with the why', () => {
    const [missed] = judge(
      { action: 'escalate', contact: 'soc-provider', channel: 'phone' },
      [{ at: '26m', do: 'escalate', contact: 'soc-provider', channel: 'chat' }],
      0.2,
    );
    expect(missed).toEqual({
      dimension: 'escalation',
      finding: {
        code: 'expected.missed',
        delta: -0.2,
        text: 'expected "x" (escalate to soc-provider) within 30m of the first evidence: missed (due T+00:55:00); Because.',
        t: ms('55m'),
        events: [{ index: 4, t: EVIDENCE, type: 'inject.fired' }],
        recommendation: 'Because.',
      },
    });
  });

  it('target, contact and channel must all match what is expected', () => {
    const phone = { action: 'escalate', contact: 'soc-provider', channel: 'phone' };
    expect(codeOf(phone, [soc('26m')])).toEqual(['expected.met']);
    expect(
      codeOf(phone, [{ at: '26m', do: 'escalate', contact: 'snow', channel: 'phone' }]),
    ).toEqual(['expected.missed']);
    expect(codeOf({ action: 'isolate-host', target: 'FEServ2' }, isolateAt(EVIDENCE))).toEqual([
      'expected.missed',
    ]);
    expect(codeOf({ action: 'isolate-host' }, isolateAt(EVIDENCE))).toEqual(['expected.met']);
  });

  it('an expected response names only what it cares about: any contact, any channel', () => {
    expect(codeOf({ action: 'escalate' }, [soc('26m')])).toEqual(['expected.met']);
    expect(codeOf({ action: 'escalate', contact: 'soc-provider' }, [soc('26m')])).toEqual([
      'expected.met',
    ]);
    // Another action started in the window is not the one expected.
    expect(
      codeOf({ action: 'isolate-host' }, [{ at: '26m', do: 'query-siem', target: 'FEServ1' }]),
    ).toEqual(['expected.missed']);
  });

  it('a built-in action the scenario does not define can be expected too', () => {
    const note: Step = { at: '26m', do: 'note', text: 'Saw the alert.' };
    expect(codeOf({ action: 'note' }, [note])).toEqual(['expected.met']);
  });

  it('a real SIEM search stands for "search the SIEM", and for nothing else', () => {
    const search: Step = { at: '26m', do: 'search', text: 'host.name:FEServ1' };
    expect(codeOf({ action: 'query-siem', target: 'FEServ1' }, [search])).toEqual(['expected.met']);
    expect(codeOf({ action: 'isolate-host' }, [search])).toEqual(['expected.missed']);
  });

  it('an instant action (a declaration) counts when it is done', () => {
    const [met] = judge({ action: 'declare-severity' }, [
      { at: '26m', do: 'declare-severity', severity: 'major' },
    ]);
    expect(met!.dimension).toBe('severity');
    expect(met!.finding.code).toBe('expected.met');
    expect(met!.finding.events[0]).toMatchObject({ t: ms('26m'), type: 'action.done' });
  });

  it('the named inject is the anchor; one that never fires leaves the response unjudged', () => {
    // Not contained: the loot alert fires at 1h22m; an isolation at 1h25m is within 30m of it.
    const late = isolateAt(ms('1h25m'));
    expect(codeOf({ action: 'isolate-host', inject: 'loot-alert' }, late)).toEqual([
      'expected.met',
    ]);
    expect(codeOf({ action: 'isolate-host' }, late)).toEqual(['expected.missed']);
    const [anchored] = judge({ action: 'isolate-host', after: 'loot-alert' }, late);
    expect(anchored!.finding.text).toContain('within 30m of loot-alert');
    // Cut off at the first alert: the loot alert never fires, nothing to judge.
    expect(judge({ action: 'isolate-host', after: 'loot-alert' }, isolateAt(EVIDENCE))).toEqual([]);
  });

  it('a skipped action is left out', () => {
    const drill: Scenario = {
      ...scenario,
      expected: [x({ action: 'isolate-host' }), x({ id: 'y', action: 'declare-severity' })],
    };
    const facts = play([], drill).facts();
    const kept = expectedFindings(facts, 0.15, { skip: (a) => a === 'isolate-host' });
    expect(kept.map((f) => f.dimension)).toEqual(['severity']);
    expect(expectedFindings(facts, 0.15)).toHaveLength(2);
  });
});

describe('severity: the call against what the evidence showed', () => {
  const declare = (at: string, severity: string): Step => ({
    at,
    do: 'declare-severity',
    severity,
  });
  const severityOf = (steps: Step[], drill?: Scenario) =>
    dim(play(steps, drill).score, 'severity').findings;
  const advice = (severity: string, from: string) =>
    `Apply the severity definitions to what you see and declare it as soon as the evidence shows it (${severity} here, from ${from}).`;

  it('accurate and on time: said in words, pointing at the evidence and the declaration', () => {
    const f = severityOf([...isolateAt(EVIDENCE), declare('30m', 'major')]);
    const evidenceThenDeclaration = {
      t: ms('30m'),
      events: [
        expect.objectContaining({ t: EVIDENCE, type: 'inject.fired' }),
        expect.objectContaining({ t: ms('30m'), type: 'action.done' }),
      ],
      points: expect.any(Number),
    };
    expect(f).toEqual([
      {
        code: 'severity.accurate',
        text: 'declared major at T+00:30:00; the evidence showed major',
        ...evidenceThenDeclaration,
      },
      {
        code: 'severity.on-time',
        text: 'major declared 5m after its evidence (target 15m, no credit from 1h)',
        ...evidenceThenDeclaration,
      },
    ]);
  });

  it('timeliness runs from the evidence of that severity, not from the first evidence', () => {
    // Not contained: critical shows at 1h22m (the loot alert); declared 8m later.
    const f = severityOf([declare('1h30m', 'critical')]);
    expect(f.map((x) => x.code)).toEqual(['severity.accurate', 'severity.on-time']);
    expect(f[1]!.text).toBe(
      'critical declared 8m after its evidence (target 15m, no credit from 1h)',
    );
    expect(f[1]!.events[0]!.t).toBe(ms('1h22m'));
    // Declared before the critical evidence: right in the end, but not once it was observable.
    const early = severityOf([declare('30m', 'critical')]);
    expect(early.map((x) => x.code)).toEqual([
      'severity.accurate',
      'severity.not-declared-after-evidence',
    ]);
    expect(early[1]).toEqual({
      code: 'severity.not-declared-after-evidence',
      text: 'critical was never declared once its evidence was observable',
      t: ms('1h22m'),
      events: [expect.objectContaining({ t: ms('1h22m'), type: 'inject.fired' })],
      recommendation: advice('critical', 'T+01:22:00'),
      points: 0,
    });
  });

  it('the advice comes with a wrong call, not with a right one', () => {
    const off = severityOf([...isolateAt(EVIDENCE), declare('30m', 'critical')]);
    expect(off[0]).toMatchObject({
      code: 'severity.one-off',
      text: 'declared critical at T+00:30:00; the evidence showed major',
      recommendation: advice('major', 'T+00:25:00'),
    });
    const right = severityOf([...isolateAt(EVIDENCE), declare('30m', 'major')]);
    expect(right.every((x) => x.recommendation === undefined)).toBe(true);
    const slow = severityOf([...isolateAt(EVIDENCE), declare('55m', 'major')]);
    expect(slow[1]!.recommendation).toBe(advice('major', 'T+00:25:00'));
  });

  it('evidence that never raised the severity: the initial one, from the first evidence', () => {
    const never = severityOf(isolateAt(EVIDENCE), quiet);
    expect(never).toEqual([
      {
        code: 'severity.never-declared',
        text: 'no severity was declared after the evidence (it showed low from T+00:25:00)',
        t: EVIDENCE,
        events: [expect.objectContaining({ t: EVIDENCE, type: 'inject.fired' })],
        recommendation: advice('low', 'T+00:25:00'),
        points: 0,
      },
    ]);
    const said = severityOf([...isolateAt(EVIDENCE), declare('30m', 'low')], quiet);
    expect(said.map((x) => x.code)).toEqual(['severity.accurate', 'severity.on-time']);
  });

  it('no evidence: not evaluated, in words', () => {
    expect(severityOf([{ at: '0s', do: 'lockdown', target: 'FW1' }])).toEqual([
      {
        code: 'severity.not-evaluated',
        text: 'no evidence was observable: there was no severity to assess (not evaluated)',
        events: [],
        points: 0,
      },
    ]);
  });
});

describe('the emergency plan: steps done by what does them, weights and order', () => {
  const plan = (steps: Step[], drill?: Scenario) => dim(play(steps, drill).score, 'plan');
  const step = (steps: Step[], title: string, drill?: Scenario) =>
    plan(steps, drill).findings.find((f) => f.text.includes(`"${title}"`));
  const confirmed: Step[] = [
    { at: '25m', do: 'query-siem', target: 'FEServ1' },
    { at: '30m', do: 'plan.confirm' },
  ];

  it('steps done in order: each its weight, in words; nothing out of order', () => {
    const steps: Step[] = [
      ...isolateAt(EVIDENCE),
      ...confirmed,
      soc('40m'),
      { at: '45m', do: 'plan.close' },
      { at: '50m', do: 'plan.report' },
    ];
    const { score } = play(steps);
    const d = dim(score, 'plan');
    expect(score.measures.missedSteps).toEqual([
      'contact-epp',
      'alert-infra',
      'coordinate-restoration',
      'assess-impact',
      'monitor',
    ]);
    const done = d.findings.filter((f) => f.code === 'plan.step-done');
    expect(done.map((f) => [f.text, f.t])).toEqual([
      ['step 1 "Confirm suspicious event" done at T+00:40:00', ms('40m')],
      [
        'step 2 "Alert your escalation points based on the severity" done at T+00:45:00 (told soc-provider)',
        ms('45m'),
      ],
      ['step 4 "Contact SOC provider" done at T+00:45:00 (told soc-provider)', ms('45m')],
      ['step 9 "Close the incident after restoration" done at T+00:50:00', ms('50m')],
      // Ticked the moment the close was done: the report counts.
      ['step 11 "Write report" done at T+01:20:00', ms('1h20m')],
    ]);
    // Ten steps at major (no PR): eight of weight 1, monitor and report of weight 2.
    expect(d.findings.filter((f) => f.code.startsWith('plan.step'))).toHaveLength(10);
    expect(done[0]!.points).toBeCloseTo(d.max / 12, 1);
    expect(done[4]!.points).toBeCloseTo((2 * d.max) / 12, 1);
    expect(d.findings.map((f) => f.code)).not.toContain('plan.out-of-order');
    const missed = d.findings.find((f) => f.code === 'plan.step-missed')!;
    expect(missed).toEqual({
      code: 'plan.step-missed',
      text: 'step 3 "Contact EPP provider" was not done (a tick with nothing behind it, or before any evidence, does not count)',
      events: [],
      recommendation:
        'Follow the emergency plan: make "Contact EPP provider" part of every response.',
      points: 0,
    });
  });

  it('a step started before the one it follows was done costs the order penalty', () => {
    const d = plan([...isolateAt(EVIDENCE), ...confirmed, soc('35m')]);
    expect(d.findings.filter((f) => f.code === 'plan.out-of-order')).toEqual([
      {
        code: 'plan.out-of-order',
        text: '"escalate" started at T+00:35:00, before "confirm" was done at T+00:40:00',
        t: ms('35m'),
        events: [
          expect.objectContaining({ t: ms('30m') }),
          expect.objectContaining({ t: ms('40m') }),
          expect.objectContaining({ t: ms('35m') }),
          expect.objectContaining({ t: ms('40m') }),
        ],
        recommendation: 'Finish "confirm" before starting "escalate".',
        points: expect.closeTo(-rubric.dimensions.plan!.order_penalty * d.max, 1),
      },
    ]);
  });

  it('steps expected from a severity up: at it, not below it', () => {
    const contained = plan(isolateAt(EVIDENCE)).findings.map((f) => f.text);
    expect(contained.some((t) => t.includes('"Contact EPP provider"'))).toBe(true);
    expect(contained.some((t) => t.includes('"Coordinate with PR Department if needed"'))).toBe(
      false,
    );
    // Critical, by the loot alert or by the trainee's own declaration: PR is part of the plan.
    expect(step([], 'Coordinate with PR Department if needed')).toBeDefined();
    const declared = [
      ...isolateAt(EVIDENCE),
      { at: '30m', do: 'declare-severity', severity: 'critical' },
    ];
    expect(step(declared as Step[], 'Coordinate with PR Department if needed')).toBeDefined();
  });

  it('a contact step: telling that contact once there was evidence, from its very moment', () => {
    const epp = (at: string | number): Step => ({
      at,
      do: 'escalate',
      contact: 'epp-provider',
      channel: 'phone',
    });
    expect(step([epp(EVIDENCE)], 'Contact EPP provider')!.code).toBe('plan.step-done');
    expect(step([epp(EVIDENCE - 1000)], 'Contact EPP provider')!.code).toBe('plan.step-missed');
  });

  it('the escalate step: a required escalation, not any call', () => {
    const title = 'Alert your escalation points based on the severity';
    const sky: Step = { at: '25m', do: 'escalate', contact: 'skywalker', channel: 'phone' };
    expect(step([sky], title)!.code).toBe('plan.step-missed');
    expect(step([soc('25m')], title)!.code).toBe('plan.step-done');
  });

  it('confirm: backed by an investigation done by the time the tick is, started after the evidence', () => {
    const title = 'Confirm suspicious event';
    // The search and the tick both end at 35m.
    const same: Step[] = [
      { at: '25m', do: 'plan.confirm' },
      { at: '30m', do: 'query-siem', target: 'FEServ1' },
    ];
    expect(step(same, title)!.code).toBe('plan.step-done');
    // A search that ends a minute after the tick does not back it.
    const after: Step[] = [
      { at: '25m', do: 'plan.confirm' },
      { at: '31m', do: 'query-siem', target: 'FEServ1' },
    ];
    expect(step(after, title)!.code).toBe('plan.step-missed');
    // A search started before the evidence backs nothing.
    const early: Step[] = [
      { at: '20m', do: 'query-siem', target: 'FEServ1' },
      { at: '25m', do: 'plan.confirm' },
    ];
    expect(step(early, title)!.code).toBe('plan.step-missed');
    // A real SIEM search is an investigation too.
    const searched: Step[] = [
      { at: '26m', do: 'search', text: 'host.name:FEServ1' },
      { at: '26m', do: 'plan.confirm' },
    ];
    expect(step(searched, title)!.code).toBe('plan.step-done');
  });

  it('confirm in a drill with nothing to investigate with: the tick alone', () => {
    const blind: Scenario = {
      ...scenario,
      actions: scenario.actions.filter((a) => a.id !== 'query-siem'),
    };
    const tick: Step[] = [{ at: '25m', do: 'plan.confirm' }];
    expect(step(tick, 'Confirm suspicious event', blind)!.code).toBe('plan.step-done');
    expect(step(tick, 'Confirm suspicious event')!.code).toBe('plan.step-missed');
  });

  it('restoration: backed by a remediation or by the containment in place', () => {
    const title = 'Coordinate the restoration and the hotfix when the breach has been identified';
    const tick: Step = { at: '30m', do: 'plan.coordinate-restoration' };
    expect(step([tick], title)!.code).toBe('plan.step-missed');
    expect(step([...isolateAt(EVIDENCE), { ...tick, at: '35m' }], title)!.code).toBe(
      'plan.step-done',
    );
    const restored: Step[] = [{ at: '25m', do: 'restore-backup', target: 'FEServ1' }, tick];
    expect(step(restored, title)!.code).toBe('plan.step-done');
  });

  /** The golden drill with one more action, `id`, of `kind`, on `target`. */
  const withAction = (kind: string, target = 'FEServ1'): Scenario => ({
    ...scenario,
    actions: [
      ...scenario.actions,
      { id: `my-${kind}`, kind, targets: [target], duration: ms('5m'), sets: [] },
    ] as Scenario['actions'],
  });

  it('restoration: each kind of remediation backs it, a containment-less block does not', () => {
    const title = 'Coordinate the restoration and the hotfix when the breach has been identified';
    const after = (kind: string, target?: string) =>
      step(
        [
          { at: '25m', do: `my-${kind}`, target: target ?? 'FEServ1' },
          { at: '30m', do: 'plan.coordinate-restoration' },
        ],
        title,
        withAction(kind, target),
      )!.code;
    expect(after('patch')).toBe('plan.step-done');
    expect(after('reset-credentials')).toBe('plan.step-done');
    expect(after('enable-waf-rule', 'WAF1')).toBe('plan.step-done');
    expect(after('custom')).toBe('plan.step-done');
    expect(after('block-ip', 'FW1')).toBe('plan.step-missed');
  });

  it('assessing the impact: backed by a vulnerability look-up as by a SIEM query', () => {
    const title = 'Understand the extent of the impact';
    const tick: Step = { at: '30m', do: 'plan.assess-impact' };
    const scan: Step = { at: '25m', do: 'my-query-vulnerabilities', target: 'FEServ1' };
    expect(step([scan, tick], title, withAction('query-vulnerabilities'))!.code).toBe(
      'plan.step-done',
    );
    expect(step([tick], title)!.code).toBe('plan.step-missed');
  });

  it('close: contained by the moment the tick is done counts', () => {
    // Isolation from 25m and the close from 30m both end at 35m.
    const d = step(
      [...isolateAt(EVIDENCE), { at: '30m', do: 'plan.close' }],
      'Close the incident after restoration',
    );
    expect(d!.code).toBe('plan.step-done');
  });

  it('a step is judged by its role, whatever the architecture calls it', () => {
    // The close step renamed: still closed only once contained, still in the order rule.
    const renamed: Architecture = {
      ...arch,
      emergency_plan: arch.emergency_plan.map((s) =>
        s.id === 'close' ? { ...s, id: 'wrap-up' } : s,
      ),
    };
    const judged = (steps: Step[]) =>
      dim(play(steps, scenario, renamed).score, 'plan').findings.filter(
        (f) =>
          f.text.includes('"Close the incident after restoration"') ||
          f.code === 'plan.out-of-order',
      );
    expect(judged([{ at: '30m', do: 'plan.wrap-up' }]).map((f) => f.code)).toEqual([
      'plan.step-missed',
    ]);
    // Told the SOC provider (the escalate step) only after the renamed close had started.
    const early = judged([...isolateAt(EVIDENCE), { at: '30m', do: 'plan.wrap-up' }, soc('40m')]);
    expect(early.map((f) => f.code)).toEqual(['plan.step-done', 'plan.out-of-order']);
    expect(early[1]!.text).toBe(
      '"wrap-up" started at T+00:30:00, before "escalate" was done at T+00:45:00',
    );
  });

  it("steps are listed in the plan's order, whatever order the architecture writes them in", () => {
    const reversed: Architecture = { ...arch, emergency_plan: [...arch.emergency_plan].reverse() };
    const titles = dim(play(isolateAt(EVIDENCE), scenario, reversed).score, 'plan').findings.map(
      (f) => f.text.slice(0, f.text.indexOf(' "')),
    );
    expect(titles).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10, 11].map((n) => `step ${n}`));
  });

  it('close: not while the containment is still to come, nor once it was lost', () => {
    const title = 'Close the incident after restoration';
    // The close is done at 30m, the isolation only at 35m.
    const before: Step[] = [...isolateAt(EVIDENCE), { at: '25m', do: 'plan.close' }];
    expect(step(before, title)!.code).toBe('plan.step-missed');
    // Contained at 35m, lost at 45m by the reconnection; closed at 55m.
    const lost: Step[] = [
      ...isolateAt(EVIDENCE),
      { at: '40m', do: 'reconnect-host', target: 'FEServ1' },
      { at: '50m', do: 'plan.close' },
    ];
    expect(step(lost, title)!.code).toBe('plan.step-missed');
  });

  it('a console command is an investigation too', () => {
    const shell: Step[] = [
      { at: '26m', do: 'shell', target: 'FEServ1', text: 'ps aux' },
      { at: '27m', do: 'plan.confirm' },
    ];
    expect(step(shell, 'Confirm suspicious event')!.code).toBe('plan.step-done');
  });

  it('a contact step is not done by an escalation that reached nobody', () => {
    expect(step([soc(EVIDENCE)], 'Contact SOC provider', phoneDown)!.code).toBe('plan.step-missed');
  });

  it('report and monitoring: only once the incident was closed', () => {
    const closing: Step[] = [...isolateAt(EVIDENCE), { at: '40m', do: 'plan.close' }];
    expect(step([...closing, { at: '44m', do: 'plan.report' }], 'Write report')!.code).toBe(
      'plan.step-missed',
    );
    expect(
      step(
        [...closing, { at: '45m', do: 'plan.monitor' }],
        'Keep monitoring the situation for other anomalies',
      )!.code,
    ).toBe('plan.step-done');
    expect(step([{ at: '45m', do: 'plan.report' }], 'Write report')!.code).toBe('plan.step-missed');
  });

  it('no evidence: not evaluated, in words, and nothing missed', () => {
    const { score } = play([{ at: '0s', do: 'lockdown', target: 'FW1' }]);
    expect(dim(score, 'plan').findings).toEqual([
      {
        code: 'plan.not-evaluated',
        text: 'no evidence was observable, so the plan was never called for (not evaluated)',
        events: [],
        points: 0,
      },
    ]);
    expect(score.measures.missedSteps).toEqual([]);
  });
});

describe('grades and HSEEP ratings', () => {
  it('the grade of the best band the total reaches, at its minimum', () => {
    // default: A 90, B 80, C 65, D 50, F 0.
    expect(gradeOf(rubric, 90)).toBe('A');
    expect(gradeOf(rubric, 89.99)).toBe('B');
    expect(gradeOf(rubric, 65)).toBe('C');
    expect(gradeOf(rubric, 0)).toBe('F');
    // Bands in any order; a total under every minimum gets the lowest band.
    const shuffled: Rubric = {
      ...rubric,
      grades: [
        { grade: 'pass', min: 50 },
        { grade: 'great', min: 80 },
        { grade: 'poor', min: 10 },
      ],
    };
    expect(gradeOf(shuffled, 85)).toBe('great');
    expect(gradeOf(shuffled, 50)).toBe('pass');
    expect(gradeOf(shuffled, 5)).toBe('poor');
  });

  it('P, S and M from their minimum share, U below', () => {
    // default: P 0.9, S 0.7, M 0.4.
    expect(ratingOf(rubric, 0.9)).toBe('P');
    expect(ratingOf(rubric, 0.8999)).toBe('S');
    expect(ratingOf(rubric, 0.7)).toBe('S');
    expect(ratingOf(rubric, 0.6999)).toBe('M');
    expect(ratingOf(rubric, 0.4)).toBe('M');
    expect(ratingOf(rubric, 0.3999)).toBe('U');
  });

  const score = (id: DimensionId, points: number, max: number, evaluated = true) =>
    ({
      id,
      title: id,
      points,
      max,
      share: max ? points / max : 0,
      evaluated,
      findings: [],
    }) as DimensionScore;

  it('an objective is rated on the points of the evaluated dimensions that measure it', () => {
    const drill: Scenario = {
      ...scenario,
      objectives: [
        { id: 'detect', description: 'By the rubric.' },
        { id: 'own', description: 'Its own dimensions.', dimensions: ['plan', 'severity'] },
        { id: 'never', description: 'Nothing measures it.', dimensions: [] },
      ],
    };
    // The rubric maps detect to time-to-detect and investigation.
    const dims = [
      score('severity', 2, 10),
      score('time-to-detect', 10, 15),
      score('plan', 7, 10),
      score('investigation', 0, 0, false),
      score('evidence', 10, 10),
    ];
    expect(rateObjectives(drill, rubric, dims)).toEqual([
      {
        id: 'detect',
        description: 'By the rubric.',
        rating: 'M',
        share: 0.6667,
        dimensions: ['time-to-detect'],
      },
      {
        id: 'own',
        description: 'Its own dimensions.',
        rating: 'M',
        share: 0.45,
        dimensions: ['plan', 'severity'],
      },
      { id: 'never', description: 'Nothing measures it.', rating: 'N/E', share: 0, dimensions: [] },
    ]);
  });

  it('a scored dimension the rubric does not define rates no objective by the mapping', () => {
    const { evidence: _, ...dimensions } = rubric.dimensions;
    const without: Rubric = { ...rubric, dimensions };
    const drill: Scenario = {
      ...scenario,
      objectives: [{ id: 'evidence', description: 'By the rubric.' }],
    };
    const [rated] = rateObjectives(drill, without, [score('evidence', 10, 10)]);
    expect(rated).toMatchObject({ rating: 'N/E', dimensions: [] });
  });

  it('a dimension not evaluated does not rate an objective, even with points', () => {
    const drill: Scenario = {
      ...scenario,
      objectives: [{ id: 'x', description: 'Plan only.', dimensions: ['plan'] }],
    };
    const [rated] = rateObjectives(drill, rubric, [score('plan', 5, 10, false)]);
    expect(rated!.rating).toBe('N/E');
  });
});

describe('evidence: texts and the lost-evidence finding', () => {
  const evidenceOf = (steps: Step[]) => dim(play(steps).score, 'evidence').findings;
  it('a snapshot in time, in words, pointing at the compromise and the snapshot', () => {
    expect(evidenceOf([{ at: '25m', do: 'forensic-snapshot', target: 'FEServ1' }])).toEqual([
      {
        code: 'evidence.snapshot',
        text: 'forensic snapshot of FEServ1 done at T+00:35:00 (compromised at T+00:20:00)',
        t: ms('35m'),
        events: [
          expect.objectContaining({ t: ms('20m'), type: 'attacker.entered' }),
          expect.objectContaining({ t: ms('25m'), type: 'action.started' }),
          expect.objectContaining({ t: ms('35m'), type: 'action.done' }),
        ],
        points: expect.any(Number),
      },
    ]);
  });
  it('no snapshot and a restore: both said, with what to do', () => {
    expect(evidenceOf([{ at: '30m', do: 'restore-backup', target: 'FEServ1' }])).toEqual([
      {
        code: 'evidence.no-snapshot',
        text: 'no forensic snapshot of FEServ1 (compromised at T+00:20:00)',
        t: ms('20m'),
        events: [expect.objectContaining({ t: ms('20m'), type: 'attacker.entered' })],
        recommendation:
          'Take a forensic snapshot of FEServ1 as soon as it is confirmed compromised.',
        points: 0,
      },
      {
        code: 'evidence.lost',
        text: 'FEServ1 restored at T+00:50:00 without a snapshot: the evidence is gone',
        t: ms('50m'),
        events: [expect.objectContaining({ t: ms('50m'), type: 'evidence.lost' })],
        recommendation:
          'Never restore or wipe a compromised host before its forensic snapshot is done.',
        points: expect.any(Number),
      },
    ]);
  });
  it('each compromised host its share, by a snapshot of that host, not by any action on it', () => {
    const both: Scenario = {
      ...scenario,
      attacker: {
        ...scenario.attacker,
        states: scenario.attacker.states.map((s) =>
          s.id === 'breach' ? { ...s, compromises: ['FEServ1', 'FEServ2'] } : s,
        ),
      },
    };
    const onBoth = (action: string, at: string) =>
      dim(play([{ at, do: action, target: 'FEServ1' }], both).score, 'evidence');
    const one = onBoth('forensic-snapshot', '25m');
    expect(one.findings.map((f) => [f.code, f.text.split(' (')[0]])).toEqual([
      ['evidence.snapshot', 'forensic snapshot of FEServ1 done at T+00:35:00'],
      ['evidence.no-snapshot', 'no forensic snapshot of FEServ2'],
    ]);
    expect(one.share).toBe(0.5);
    // Restoring FEServ1 loses its evidence, not FEServ2's.
    const restored = onBoth('restore-backup', '30m');
    expect(restored.findings.map((f) => [f.code, f.text.split(' ')[0]])).toEqual([
      ['evidence.no-snapshot', 'no'],
      ['evidence.lost', 'FEServ1'],
      ['evidence.no-snapshot', 'no'],
    ]);
    expect(evidenceOf(isolateAt(EVIDENCE)).map((f) => f.code)).toEqual(['evidence.no-snapshot']);
  });
  it('nothing compromised: not evaluated, in words', () => {
    expect(evidenceOf([{ at: '0s', do: 'lockdown', target: 'FW1' }])).toEqual([
      {
        code: 'evidence.not-evaluated',
        text: 'no host was compromised: no evidence to preserve (not evaluated)',
        events: [],
        points: 0,
      },
    ]);
  });
});
