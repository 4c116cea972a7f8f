import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRubricText } from '../../src/model/index.js';
import { lintScenarioText } from '../../src/authoring/index.js';
import { timeCredit } from '../../src/scoring/draft.js';
import type { Score } from '../../src/scoring/index.js';
import { ROOT } from '../helpers.js';
import { arch, codes, dim, EVIDENCE, isolateAt, ms, play, rubric, type Step } from './golden.js';

describe('evidence gating: clocks start at what the trainee could see', () => {
  it('an expected response started before its anchor fired does not count; at the anchor it does', () => {
    expect(codes(play(isolateAt(EVIDENCE - 1000)).score, 'time-to-contain')).toContain(
      'expected.missed',
    );
    expect(codes(play(isolateAt(EVIDENCE)).score, 'time-to-contain')).toContain('expected.met');
  });

  it('an expected response is due at anchor + within, inclusive', () => {
    const due = EVIDENCE + ms('30m');
    expect(codes(play(isolateAt(due)).score, 'time-to-contain')).toContain('expected.met');
    expect(codes(play(isolateAt(due + 1000)).score, 'time-to-contain')).toContain(
      'expected.missed',
    );
  });

  it('time to contain runs from the alert, not from the hidden breach', () => {
    const { score } = play(isolateAt(EVIDENCE));
    expect(score.measures.timeToContain).toBe(ms('10m'));
  });

  it('a confirm ticked before any evidence earns nothing', () => {
    const early = play([{ at: '0s', do: 'plan.confirm' }]).score;
    expect(codes(early, 'time-to-detect')).toContain('time-to-detect.never');
    const late = play([
      { at: '25m', do: 'query-siem', target: 'FEServ1' },
      { at: '25m', do: 'plan.confirm' },
    ]).score;
    expect(late.measures.timeToDetect).toBe(ms('10m'));
  });
});

describe('target boundaries (<= target full credit, >= limit none)', () => {
  it('time credit: full at the target, none at the limit, linear in between', () => {
    const t = { target: ms('30m'), limit: ms('2h') };
    expect(timeCredit(t.target, t)).toBe(1);
    expect(timeCredit(t.target + 1, t)).toBeLessThan(1);
    expect(timeCredit((t.target + t.limit) / 2, t)).toBe(0.5);
    expect(timeCredit(t.limit - 1, t)).toBeGreaterThan(0);
    expect(timeCredit(t.limit, t)).toBe(0);
    // A rubric without a grace period (limit = target): on time at the target still earns it all.
    expect(timeCredit(t.target, { target: t.target, limit: t.target })).toBe(1);
  });

  // At major the contain target is 30m, the limit 2h; isolation takes 10m.
  it('contained exactly at the target is on target; one second later is slow', () => {
    const on = play(isolateAt(EVIDENCE + ms('20m'))).score;
    expect(codes(on, 'time-to-contain')[0]).toBe('time-to-contain.on-target');
    const slow = play(isolateAt(EVIDENCE + ms('20m') + 1000)).score;
    expect(codes(slow, 'time-to-contain')[0]).toBe('time-to-contain.slow');
    expect(dim(slow, 'time-to-contain').findings[0]!.points).toBeGreaterThan(0);
  });
});

describe('first vs last containment', () => {
  it('only the containment that held counts', () => {
    const { score, result } = play([
      ...isolateAt(ms('26m')),
      { at: '40m', do: 'reconnect-host', target: 'FEServ1' },
      ...isolateAt(ms('50m')),
    ]);
    expect(result.outcome.contained).toBe(true);
    // Held from 1h (50m + 10m), i.e. 35m after the alert; the first one (36m) was lost at 45m.
    expect(score.measures.timeToContain).toBe(ms('35m'));
  });

  it('a containment lost and never regained is no containment', () => {
    const { score } = play([
      ...isolateAt(ms('26m')),
      { at: '40m', do: 'reconnect-host', target: 'FEServ1' },
    ]);
    expect(codes(score, 'time-to-contain')[0]).toBe('time-to-contain.never');
  });

  it('a containment in place before any evidence earns no time credit', () => {
    // Isolated at 5m: the breach at 20m is contained at once, 5m before its alert.
    const { score } = play(isolateAt(ms('5m')));
    expect(codes(score, 'time-to-contain')[0]).toBe('time-to-contain.never');
  });

  it('restoring a contained host from backup keeps the drill contained', () => {
    const { result, score } = play([
      ...isolateAt(EVIDENCE),
      { at: '25m', do: 'forensic-snapshot', target: 'FEServ1' },
      { at: '40m', do: 'restore-backup', target: 'FEServ1' },
    ]);
    expect(result.outcome.contained).toBe(true);
    expect(result.trace.some((e) => e.type === 'containment.lost')).toBe(false);
    expect(dim(score, 'time-to-contain').share).toBe(1);
  });
});

describe('escalation', () => {
  // Major evidence at 25m: the matrix asks for the SOC provider by phone within 15m (phone: 5m).
  const soc = (at: number, channel = 'phone'): Step => ({
    at,
    do: 'escalate',
    contact: 'soc-provider',
    channel,
  });
  const socFinding = (score: Score) =>
    dim(score, 'escalation').findings.find((f) => f.text.startsWith('soc-provider'))!;

  it('the deadline runs from the evidence, inclusive', () => {
    const due = EVIDENCE + ms('15m');
    expect(socFinding(play([soc(due - ms('5m'))]).score).code).toBe('escalation.on-time');
    expect(socFinding(play([soc(due - ms('5m') + 1000)]).score).code).toBe('escalation.late');
  });

  it('the right contact on the wrong channel earns only part', () => {
    const f = socFinding(play([soc(EVIDENCE, 'chat')]).score);
    expect(f.code).toBe('escalation.wrong-channel');
  });

  it('a call on the right channel counts even after one on the wrong channel', () => {
    // Chat takes 2 minutes, the phone call 5: the call starts once the message is sent.
    const f = socFinding(play([soc(EVIDENCE, 'chat'), soc(EVIDENCE + ms('3m'))]).score);
    expect(f.code).toBe('escalation.on-time');
  });

  it('a call is enough where the matrix asks for a chat message; a ticket is not', () => {
    // Major asks for the infrastructure team by chat within 30m.
    const infra = (channel: string) =>
      dim(
        play([{ at: EVIDENCE, do: 'escalate', contact: 'infra-team', channel }]).score,
        'escalation',
      ).findings.find((f) => f.text.startsWith('infra-team'))!.code;
    expect(infra('chat')).toBe('escalation.on-time');
    expect(infra('phone')).toBe('escalation.on-time');
    expect(infra('ticket')).toBe('escalation.wrong-channel');
  });

  it('an escalation before any evidence does not count', () => {
    expect(socFinding(play([soc(0)]).score).code).toBe('escalation.missing');
  });

  it('calling a technical expert early costs nothing; waking PR does', () => {
    const expert = play([{ at: '1m', do: 'escalate', contact: 'snow', channel: 'phone' }]).score;
    expect(codes(expert, 'escalation')).not.toContain('escalation.over-sensitive');
    const pr = play([{ at: '1m', do: 'escalate', contact: 'pr-dept', channel: 'phone' }]).score;
    expect(codes(pr, 'escalation')).toContain('escalation.over-sensitive');
  });
});

describe('severity grade', () => {
  // FEServ1 is cut off at the alert, so the evidence shows major and nothing worse.
  const declare = (at: string | number, severity: string): Step[] => [
    ...isolateAt(EVIDENCE),
    { at, do: 'declare-severity', severity },
  ];
  it('the severity the evidence showed, declared in time, earns it all', () => {
    expect(dim(play(declare('25m', 'major')).score, 'severity').share).toBe(1);
  });
  it('one level off earns the one-off credit on accuracy only', () => {
    const minor = dim(play(declare('25m', 'minor')).score, 'severity');
    expect(minor.findings.map((f) => f.code)).toEqual([
      'severity.one-off',
      'severity.not-declared-after-evidence',
    ]);
    expect(minor.share).toBeCloseTo(0.6 * 0.5, 5);
  });
  it('a declaration before the evidence does not count', () => {
    expect(codes(play(declare(EVIDENCE - 1000, 'major')).score, 'severity')).toEqual([
      'severity.never-declared',
    ]);
  });
  it('timeliness: on time at the target, inclusive', () => {
    const at = EVIDENCE + ms('15m');
    expect(codes(play(declare(at, 'major')).score, 'severity')).toContain('severity.on-time');
    expect(codes(play(declare(at + 1000, 'major')).score, 'severity')).toContain('severity.slow');
  });
});

describe('plan steps are done by the actions that do them', () => {
  const step = (score: Score, title: string) =>
    dim(score, 'plan').findings.find((f) => f.text.includes(title))!;
  it('escalating to the SOC provider is "Contact SOC provider"; a bare tick is not', () => {
    const told = play([{ at: '25m', do: 'escalate', contact: 'soc-provider', channel: 'phone' }]);
    expect(step(told.score, 'Contact SOC provider').code).toBe('plan.step-done');
    const ticked = play([{ at: '25m', do: 'plan.contact-soc' }]);
    expect(step(ticked.score, 'Contact SOC provider').code).toBe('plan.step-missed');
  });
  it('closing while not contained earns nothing', () => {
    const open = play([{ at: '30m', do: 'plan.close' }]).score;
    expect(step(open, 'Close the incident').code).toBe('plan.step-missed');
    const shut = play([...isolateAt(EVIDENCE), { at: '40m', do: 'plan.close' }]).score;
    expect(step(shut, 'Close the incident').code).toBe('plan.step-done');
  });
});

describe('not evaluated, and what would have happened', () => {
  it('a drill with no evidence leaves the clocks N/E and totals over what was evaluated', () => {
    const { score } = play([{ at: '0s', do: 'lockdown', target: 'FW1' }]);
    expect(dim(score, 'time-to-contain').evaluated).toBe(false);
    expect(dim(score, 'time-to-contain').max).toBe(0);
    expect(score.objectives.find((o) => o.id === 'detect')!.rating).toBe('N/E');
    const evaluatedMax = score.dimensions.reduce((s, d) => s + d.max, 0);
    expect(evaluatedMax).toBeCloseTo(100, 1);
  });

  it('an objective nothing measures is N/E, never full credit', () => {
    const { score } = play(isolateAt(EVIDENCE));
    expect(score.objectives.find((o) => o.id === 'never')!.rating).toBe('N/E');
  });

  it('ending early is scored as if the drill ran on with the defences frozen', () => {
    const ended = play([{ at: '1m', do: 'end' }]);
    const none = play([]);
    expect(ended.result.outcome.endReason).toBe('ended-by-trainee');
    expect(ended.score.total).toBe(none.score.total);
    expect(ended.score.projection).toMatchObject({
      endedAt: ms('1m'),
      attackerWouldReach: ['breach', 'loot'],
      dataWouldReach: ['personal-data'],
      contained: false,
    });
    expect(none.score.projection).toBeUndefined();
  });
});

describe('the rubric loader', () => {
  it('rejects a target that loosens as severity rises', () => {
    const text = readFileSync(`${ROOT}scoring/default.yaml`, 'utf8').replace(
      'critical: { target: 30m, limit: 1h30m }',
      'critical: { target: 45m, limit: 1h30m }',
    );
    const checked = checkRubricText('loose.yaml', text, arch);
    expect(checked.diagnostics.map((d) => d.code)).toContain('loosening-target');
    const ok = checkRubricText(
      'ok.yaml',
      readFileSync(`${ROOT}scoring/default.yaml`, 'utf8'),
      arch,
    );
    expect(ok.diagnostics).toEqual([]);
  });
});

describe('ttx lint: what scoring can never judge', () => {
  const lint = (text: string) =>
    lintScenarioText('golden.yaml', text, arch, () => rubric).diagnostics.map((d) => d.code);
  const golden = readFileSync(`${ROOT}test/fixtures/scoring/golden.yaml`, 'utf8');
  it('reports an objective no dimension measures', () => {
    expect(lint(golden)).toContain('objective-unmeasured');
  });
  it('reports an expected response whose anchor can never fire', () => {
    expect(lint(golden)).not.toContain('expected-never-due');
    expect(lint(golden.replace('after: breach-alert', 'after: ghost-alert'))).toContain(
      'expected-never-due',
    );
  });
});

describe('evidence preservation', () => {
  // FEServ1 is compromised at 20m; a snapshot takes 10m, a restore 20m.
  const snapshotAt = (at: string): Step => ({ at, do: 'forensic-snapshot', target: 'FEServ1' });
  it('a snapshot done once the host was compromised earns it all, inclusive', () => {
    const at20 = dim(play([snapshotAt('10m')]).score, 'evidence');
    expect(at20.findings.map((f) => [f.code, f.t])).toEqual([['evidence.snapshot', ms('20m')]]);
    expect(at20.share).toBe(1);
    expect(at20.points).toBe(at20.max);
    // Done a second before the compromise: a picture of a clean host.
    const early = dim(play([snapshotAt('9m59s')]).score, 'evidence');
    expect(early.findings.map((f) => [f.code, f.t])).toEqual([['evidence.no-snapshot', ms('20m')]]);
    expect(early.share).toBe(0);
  });
  it('a restore without a snapshot loses the evidence and costs the lost penalty', () => {
    const lost = dim(
      play([{ at: '30m', do: 'restore-backup', target: 'FEServ1' }]).score,
      'evidence',
    );
    expect(lost.findings.map((f) => f.code)).toEqual(['evidence.no-snapshot', 'evidence.lost']);
    expect(lost.findings[1]!.t).toBe(ms('50m'));
    expect(lost.findings[1]!.points).toBeCloseTo(-0.5 * lost.max, 1);
    expect(lost.share).toBe(0);
  });
  it('a snapshot finished by the moment of the restore still counts; one after it does not', () => {
    const restore: Step = { at: '30m', do: 'restore-backup', target: 'FEServ1' };
    const same = dim(play([restore, snapshotAt('40m')]).score, 'evidence');
    expect(same.findings.map((f) => f.code)).toEqual(['evidence.snapshot', 'evidence.lost']);
    expect(same.share).toBe(0.5);
    const after = dim(play([restore, snapshotAt('40m1s')]).score, 'evidence');
    expect(after.findings.map((f) => f.code)).toEqual(['evidence.no-snapshot', 'evidence.lost']);
  });
  it('nothing compromised: not evaluated', () => {
    const none = dim(play([{ at: '0s', do: 'lockdown', target: 'FW1' }]).score, 'evidence');
    expect(none.evaluated).toBe(false);
    expect(none.findings.map((f) => f.code)).toEqual(['evidence.not-evaluated']);
  });
});

describe('severity grade: accuracy of the call in force, timeliness of the right one', () => {
  const cut = isolateAt(EVIDENCE);
  const severityOf = (steps: Step[]) => dim(play([...cut, ...steps]).score, 'severity');
  it('two levels off earns no accuracy', () => {
    const low = severityOf([{ at: '25m', do: 'declare-severity', severity: 'low' }]);
    expect(low.findings.map((f) => [f.code, f.points])).toEqual([
      ['severity.wrong', 0],
      ['severity.not-declared-after-evidence', 0],
    ]);
    expect(low.share).toBe(0);
  });
  it('the last declaration is judged for accuracy, the first right one for timeliness', () => {
    const changed = severityOf([
      { at: '25m', do: 'declare-severity', severity: 'major' },
      { at: '30m', do: 'declare-severity', severity: 'minor' },
    ]);
    expect(changed.findings.map((f) => [f.code, f.t])).toEqual([
      ['severity.one-off', ms('30m')],
      ['severity.on-time', EVIDENCE],
    ]);
    expect(changed.share).toBeCloseTo(0.6 * 0.5 + 0.4, 4);
  });
  it('a late declaration earns timeliness linearly down to none at the limit', () => {
    // 30m after the evidence: target 15m, limit 1h, so two thirds of the timeliness share.
    const slow = severityOf([{ at: '55m', do: 'declare-severity', severity: 'major' }]);
    expect(slow.findings.map((f) => f.code)).toEqual(['severity.accurate', 'severity.slow']);
    expect(slow.share).toBeCloseTo(0.6 + 0.4 * (2 / 3), 4);
    const atLimit = severityOf([{ at: '1h25m', do: 'declare-severity', severity: 'major' }]);
    expect(atLimit.findings.map((f) => [f.code, f.points])).toEqual([
      ['severity.accurate', atLimit.findings[0]!.points],
      ['severity.slow', 0],
    ]);
    expect(atLimit.share).toBe(0.6);
  });
  it('no evidence at all: not evaluated', () => {
    const none = dim(play([{ at: '0s', do: 'lockdown', target: 'FW1' }]).score, 'severity');
    expect(none.evaluated).toBe(false);
    expect(none.findings.map((f) => f.code)).toEqual(['severity.not-evaluated']);
  });
});

describe('escalation: what the evidence in hand called for', () => {
  const pr = (at: string): Step => ({ at, do: 'escalate', contact: 'pr-dept', channel: 'phone' });
  const lockedOut: Step = { at: '0s', do: 'lockdown', target: 'FW1' };
  it('no evidence and nobody told: not evaluated', () => {
    const none = dim(play([lockedOut]).score, 'escalation');
    expect(none.evaluated).toBe(false);
    expect(none.findings.map((f) => f.code)).toEqual(['escalation.not-evaluated']);
    expect(play([lockedOut]).score.measures.escalationAccuracy).toBeUndefined();
  });
  it('a sensitive contact told needlessly costs the penalty once, however often', () => {
    // The second call starts once the first is over (one call at a time, 5m each).
    const { score, result } = play([lockedOut, pr('1m'), pr('10m')]);
    const made = result.trace.filter(
      (e) => e.type === 'action.done' && e.request.do === 'escalate',
    );
    expect(made.map((e) => e.t)).toEqual([ms('6m'), ms('15m')]);
    const d = dim(score, 'escalation');
    expect(d.findings.map((f) => [f.code, f.t])).toEqual([
      ['escalation.none-required', undefined],
      ['escalation.over-sensitive', ms('6m')],
    ]);
    expect(d.share).toBe(0.75);
    // Needless calls count against accuracy: none required, one needless.
    expect(score.measures.escalationAccuracy).toBe(0);
  });
  it('a sensitive contact the critical evidence calls for is no over-reaction', () => {
    // The loot alert (critical) fires at 1h22m: PR is due within 1h of it, by phone.
    const { score } = play([pr('2h')]);
    const f = dim(score, 'escalation').findings;
    expect(f.map((x) => x.code)).not.toContain('escalation.over-sensitive');
    expect(f.find((x) => x.text.startsWith('pr-dept'))!.code).toBe('escalation.on-time');
    // One of the fourteen contacts the matrix required by critical was told on time.
    expect(score.measures.escalationAccuracy).toBeCloseTo(1 / 14, 6);
  });
});
