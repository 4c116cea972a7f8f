import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import {
  checkRubricFile,
  orThrow,
  parseDuration,
  type ActionLogEntry,
  type DimensionId,
} from '../../src/model/index.js';
import { scoreDrill, type Score } from '../../src/scoring/index.js';
import { architecture, defaultScenario, ROOT } from '../helpers.js';

const arch = architecture();
const scenario = defaultScenario();
const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;

type Step = Omit<ActionLogEntry, 'at'> & { at: string };
const ms = (text: string) => parseDuration(text)!;

function play(steps: Step[], seed = 7) {
  const actions = steps.map((s) => ({ ...s, at: ms(s.at) }));
  const result = runDrill(arch, scenario, seed, actions);
  return { result, score: scoreDrill({ architecture: arch, scenario, rubric, result }) };
}

const dim = (score: Score, id: DimensionId) => score.dimensions.find((d) => d.id === id)!;
const codes = (score: Score, id: DimensionId) => dim(score, id).findings.map((f) => f.code);

// With seed 7 the attacker gets in (initial-access, severity minor) at T+27:37. Isolating FEServ1
// and blocking the address at T+30m contains the attacker at T+40m: the severity stays minor, so
// the minor targets apply.
const FIRST_MALICIOUS = ms('27m37s');
const CONTAIN: Step[] = [
  { at: '30m', do: 'isolate-host', target: 'FEServ1' },
  { at: '30m', do: 'block-ip', target: 'FW1', value: '198.51.100.23' },
];

describe('scoreDrill: the foundation scenario', () => {
  const good = play(
    scenario.tests
      .find((t) => t.id === 'good-response')!
      .actions.map((a) => ({ ...a, at: `${a.at / 1000}s` })),
  ).score;
  const none = play([]).score;

  it('scores the good and the absent response far apart', () => {
    expect(good.total).toBe(90);
    expect(good.grade).toBe('A');
    expect(none.total).toBe(6);
    expect(none.grade).toBe('F');
  });

  it('names the reasons', () => {
    const text = none.areasForImprovement.join('\n');
    expect(text).toContain('the attacker was never contained');
    expect(text).toContain('the suspicious event was never confirmed');
    expect(text).toContain('soc-provider was never told');
    expect(text).toContain('personal-data (critical)');
    expect(text).toContain('no forensic snapshot of FEServ1');
    expect(good.strengths.join('\n')).toContain('contained 19m23s after the first malicious event');
    // The good response still forgot two contacts the matrix requires at minor.
    expect(good.areasForImprovement).toEqual([
      expect.stringContaining('snow was never told'),
      expect.stringContaining('duck was never told'),
    ]);
    expect(good.improvementPlan[0]).toMatchObject({
      capability: 'Escalation choices',
      capabilityElement: 'Planning',
      objective: 'escalate',
    });
  });

  it('rates every learning objective P/S/M/U', () => {
    expect(good.objectives.map((o) => [o.id, o.rating])).toEqual([
      ['detect', 'P'],
      ['escalate', 'M'], // (10 + 5) / (10 + 15) = 0.6
      ['contain', 'P'],
      ['evidence', 'P'],
    ]);
    expect(none.objectives.map((o) => o.rating)).toEqual(['U', 'U', 'U', 'U']);
  });

  it('points every finding at trace events with their simulated times', () => {
    const contained = dim(good, 'time-to-contain').findings[0]!;
    expect(contained.events.map((e) => [e.type, e.t])).toEqual([
      ['attacker.entered', FIRST_MALICIOUS],
      ['contained', ms('47m')],
    ]);
  });

  it('is a pure function: same inputs, identical score', () => {
    expect(JSON.stringify(play([]).score)).toBe(JSON.stringify(none));
  });
});

describe('time dimensions', () => {
  it('gives linear credit between target and limit', () => {
    // confirm at 1h, done 1h10m: 42m23s = 2543 s after 27m37s. Minor: 20m (1200 s) .. 1h30m (5400 s).
    // credit = (5400 - 2543) / (5400 - 1200) = 0.680238. Two expected responses the scenario maps
    // to detection were missed (confirm-fast, look-up-vulnerabilities): -0.15 each.
    // 15 x (0.680238 - 0.3) = 5.70
    const { score, result } = play([...CONTAIN, { at: '1h', do: 'plan.confirm' }]);
    expect(result.outcome.firstMaliciousAt).toBe(FIRST_MALICIOUS);
    expect(result.outcome.severity).toBe('minor');
    expect(dim(score, 'time-to-detect').points).toBe(5.7);
    expect(score.measures.timeToDetect).toBe(2543_000);
    expect(dim(score, 'time-to-detect').findings.map((f) => [f.code, f.points])).toEqual([
      ['time-to-detect.slow', 10.2],
      ['expected.missed', -2.25],
      ['expected.missed', -2.25],
    ]);
  });

  it('gives full time-to-contain credit under the target and none when never contained', () => {
    // contained at 40m: 12m23s after the attack, under the minor target of 30m
    expect(dim(play(CONTAIN).score, 'time-to-contain').points).toBe(20);
    expect(dim(play([]).score, 'time-to-contain').points).toBe(0);
  });
});

describe('escalation choices', () => {
  it('credits the right contacts and penalises over-escalation (PR, management at minor)', () => {
    // Required at minor: soc-provider (phone, 30m), snow (chat, 1h), duck (chat, 1h): 1/3 each.
    // soc by phone on time: 1/3; snow by chat on time: 1/3; duck by e-mail: 1/3 x 0.5.
    // pr-dept (sensitive) -0.25; mouse (not required at minor) -0.1.
    // share = 1/3 + 1/3 + 1/6 - 0.25 - 0.1 = 0.48333; 15 x 0.48333 = 7.25
    const { score } = play([
      ...CONTAIN,
      { at: '30m', do: 'escalate', contact: 'soc-provider', channel: 'phone' },
      { at: '30m', do: 'escalate', contact: 'snow', channel: 'chat' },
      { at: '30m', do: 'escalate', contact: 'duck', channel: 'email' },
      { at: '31m', do: 'escalate', contact: 'pr-dept', channel: 'phone' },
      { at: '31m', do: 'escalate', contact: 'mouse', channel: 'phone' },
    ]);
    expect(dim(score, 'escalation').points).toBe(7.25);
    expect(codes(score, 'escalation')).toEqual([
      'escalation.on-time',
      'escalation.on-time',
      'escalation.wrong-channel',
      'escalation.over-sensitive',
      'escalation.over',
      'expected.met',
    ]);
    expect(score.measures.escalationAccuracy).toBe(2 / 5);
  });

  it('gives half credit for a late escalation and nothing for missing ones', () => {
    // soc at 1h, done 1h05m: due 57m37s, late -> 1/3 x 0.5; snow and duck missing;
    // tell-soc (within 30m of the attack) missed: -0.15. share = 1/6 - 0.15; 15 x 0.016667 = 0.25
    const { score } = play([
      ...CONTAIN,
      { at: '1h', do: 'escalate', contact: 'soc-provider', channel: 'phone' },
    ]);
    expect(dim(score, 'escalation').points).toBe(0.25);
    expect(codes(score, 'escalation')).toEqual([
      'escalation.late',
      'escalation.missing',
      'escalation.missing',
      'expected.missed',
    ]);
  });

  it('treats waking upper management before anything malicious happened as over-escalation', () => {
    const { score } = play([
      { at: '5m', do: 'escalate', contact: 'upper-mgmt', channel: 'phone' },
      ...CONTAIN,
    ]);
    const over = dim(score, 'escalation').findings.find(
      (f) => f.code === 'escalation.over-sensitive',
    )!;
    expect(over.points).toBe(-3.75); // 0.25 x 15
    expect(over.text).toContain('although the incident was low');
  });
});

describe('business impact', () => {
  it('penalises a lockdown that costs more than the incident', () => {
    // Lockdown at 30m, done 35m, held to the 4h limit: 3h25m of full revenue = 3416.67 USD.
    // Minor revenue target 1h .. 4h: credit = (4h - 3h25m) / (4h - 1h) = 0.194444.
    // impact = 0.3 x 0.194444 + 0.7 x 1 (no data) - 0.3 (lockdown above the minor threshold
    // "degraded") = 0.458333; 20 x 0.458333 = 9.17
    const lockdown = play([{ at: '30m', do: 'lockdown', target: 'FW1' }]);
    expect(lockdown.result.outcome.revenueLost).toBe(3416.67);
    expect(lockdown.result.outcome.severity).toBe('minor');
    expect(dim(lockdown.score, 'impact').points).toBe(9.17);
    expect(codes(lockdown.score, 'impact')).toEqual([
      'impact.revenue-over',
      'impact.no-data',
      'impact.over-reaction',
    ]);
    // Isolating one front end (34% of revenue) from 40m to 4h costs 1133.33 USD (1h08m of full
    // revenue): credit (4h - 1h08m) / 3h = 0.955556; 0.3 x 0.955556 + 0.7 = 0.986667 -> 19.73.
    const isolate = play(CONTAIN);
    expect(isolate.result.outcome.revenueLost).toBe(1133.33);
    expect(dim(isolate.score, 'impact').points).toBe(19.73);
  });

  it('loses the data share when the attacker reaches critical data', () => {
    // no response: no revenue lost (0.3 x 1) + personal-data is critical (0.7 x (1 - 1)) = 0.3 -> 6
    expect(dim(play([]).score, 'impact').points).toBe(6);
  });
});

describe('plan adherence', () => {
  it('counts expected steps by weight and penalises order violations', () => {
    // 9 steps expected at minor (contact-epp from major, coordinate-pr from critical), weights
    // 7 x 1 + monitor 2 + report 2 = 11. confirm and escalate done: 2/11; escalate started at 30m
    // before confirm was done at 41m: -0.1. share = 0.081818; 10 x 0.081818 = 0.82
    const { score } = play([
      ...CONTAIN,
      { at: '30m', do: 'plan.escalate' },
      { at: '31m', do: 'plan.confirm' },
    ]);
    expect(dim(score, 'plan').points).toBe(0.82);
    expect(codes(score, 'plan')).toContain('plan.out-of-order');
    expect(score.measures.missedSteps).toEqual([
      'contact-soc',
      'alert-infra',
      'coordinate-restoration',
      'assess-impact',
      'close',
      'monitor',
      'report',
    ]);
  });
});

describe('evidence', () => {
  it('costs everything when a compromised host is restored without a snapshot', () => {
    const { score, result } = play([
      ...CONTAIN,
      { at: '41m', do: 'restore-backup', target: 'FEServ1' },
    ]);
    expect(result.trace.some((e) => e.type === 'evidence.lost')).toBe(true);
    expect(codes(score, 'evidence')).toEqual([
      'evidence.no-snapshot',
      'evidence.lost',
      'expected.missed',
    ]);
    expect(dim(score, 'evidence').points).toBe(0);
  });

  it('gives full credit for a snapshot before the restore', () => {
    const { score } = play([
      ...CONTAIN,
      { at: '31m', do: 'forensic-snapshot', target: 'FEServ1' },
      { at: '1h', do: 'restore-backup', target: 'FEServ1' },
    ]);
    expect(codes(score, 'evidence')).toEqual(['evidence.snapshot', 'expected.met']);
    expect(dim(score, 'evidence').points).toBe(10);
  });
});
