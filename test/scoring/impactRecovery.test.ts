import { describe, expect, it } from 'vitest';
import {
  checkScenarioFile,
  orThrow,
  type ActionLogEntry,
  type Scenario,
} from '../../src/model/index.js';
import { runDrill } from '../../src/engine/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { ROOT } from '../helpers.js';
import { DIMENSION_IDS, type DimensionId } from '../../src/model/index.js';
import { improvementOf } from '../../src/scoring/improvement.js';
import { actionLogOf, projectToTimeLimit, runToTheLimit } from '../../src/scoring/projection.js';
import type { DimensionScore, ObjectiveRating } from '../../src/scoring/index.js';
import { arch, dim, isolateAt, ms, play, rubric, scenario, type Step } from './golden.js';

// The golden drill (test/scoring/golden.ts): FEServ1 breached at 20m, its alert at 25m, personal
// data (critical) reached at 1h20m unless FEServ1 is isolated or restored first. Revenue is
// 1,000 USD an hour; the lockdown thresholds are low: normal, minor: degraded, major: lockdown.
const impactRubric = rubric.dimensions.impact!;
const recoveryRubric = rubric.dimensions.recovery!;
const finding = (steps: Step[], id: DimensionId, code: string) =>
  dim(play(steps).score, id).findings.find((f) => f.code === code);

describe('business impact: revenue, data, and the traffic decision', () => {
  it('no revenue lost and no data reached: the whole dimension, no advice', () => {
    const impact = dim(play(isolateAt(ms('30m'))).score, 'impact');
    expect(impact.share).toBe(1);
    expect(impact.findings.map((f) => f.code)).toEqual([
      'impact.revenue-on-target',
      'impact.no-data',
    ]);
    expect(impact.findings.every((f) => f.recommendation === undefined)).toBe(true);
    expect(impact.findings[1]).toMatchObject({ text: 'the attacker reached no data', events: [] });
    // Weighted (points are rounded to hundredths): revenue 0.3 of the dimension, the data the rest.
    const [revenue, data] = impact.findings;
    expect(revenue!.points / impact.max).toBeCloseTo(impactRubric.revenue.weight, 3);
    expect(data!.points / impact.max).toBeCloseTo(1 - impactRubric.revenue.weight, 3);
    expect(revenue!.text).toContain('at severity major');
  });

  it('revenue lost past the target: part of the credit, with the advice and the money in words', () => {
    // Lockdown done at 35m (allowed at major), the drill runs to 3h: 2h25m of full revenue lost,
    // target 2h, no credit from 6h at major: credit 1 - 25m / 4h.
    const steps: Step[] = [...isolateAt(ms('30m')), { at: '30m', do: 'lockdown', target: 'FW1' }];
    const impact = dim(play(steps).score, 'impact');
    const revenue = impact.findings.find((f) => f.code === 'impact.revenue-over')!;
    expect(revenue.text).toBe(
      'revenue lost 2416.67 USD (2h25m of full revenue; target 2000.00 USD, no credit from 6000.00 USD at severity major)',
    );
    expect(revenue.points / impact.max).toBeCloseTo(
      impactRubric.revenue.weight * (1 - 25 / 240),
      4,
    );
    expect(revenue.recommendation).toMatch(/Weigh the cost of isolation/);
    // The traffic decision it came from.
    expect(revenue.events).toEqual([expect.objectContaining({ type: 'traffic.changed' })]);
    // Lockdown at major is within the threshold: no over-reaction.
    expect(impact.findings.some((f) => f.code === 'impact.over-reaction')).toBe(false);
  });

  it('data reached: the worst class costs its penalty, named with its time', () => {
    const data = finding([], 'impact', 'impact.data-reached')!;
    expect(data.text).toBe('the attacker reached personal-data (critical) at T+01:20:00');
    expect(data.t).toBe(ms('1h20m'));
    // The penalty for critical data is the whole data share.
    expect(data.points).toBe(0);
    expect(data.recommendation).toMatch(/Contain on the front end/);
    expect(data.events).toEqual([expect.objectContaining({ t: ms('1h20m') })]);
  });

  it('a lockdown above the threshold of the severity in hand is an over-reaction', () => {
    const impact = dim(play([{ at: 0, do: 'lockdown', target: 'FW1' }]).score, 'impact');
    const over = impact.findings.find((f) => f.code === 'impact.over-reaction')!;
    expect(over.text).toBe(
      'traffic set to lockdown at T+00:05:00 while the incident was low; the threshold for low is normal',
    );
    expect(over.t).toBe(ms('5m'));
    expect(over.points / impact.max).toBeCloseTo(-impactRubric.over_reaction_penalty, 5);
    expect(over.recommendation).toBe(
      'Match the traffic decision to the lockdown thresholds: at low, normal at most.',
    );
    expect(over.events).toEqual([
      expect.objectContaining({ type: 'traffic.changed', t: ms('5m') }),
    ]);
  });

  it('a lockdown exactly at the threshold of the declared severity is no over-reaction', () => {
    const steps: Step[] = [
      { at: 0, do: 'declare-severity', severity: 'major' },
      { at: 0, do: 'lockdown', target: 'FW1' },
    ];
    const impact = dim(play(steps).score, 'impact');
    expect(impact.findings.some((f) => f.code === 'impact.over-reaction')).toBe(false);
  });
  it('several classes reached: the worst one costs, all are named', () => {
    const [quiet, breach, loot] = scenario.attacker.states;
    const both = {
      ...scenario,
      attacker: {
        ...scenario.attacker,
        states: [quiet!, breach!, { ...loot!, reaches_data: ['personal-data', 'order-history'] }],
      },
    };
    const data = dim(play([], both).score, 'impact').findings.find(
      (f) => f.code === 'impact.data-reached',
    )!;
    expect(data.text).toBe(
      'the attacker reached personal-data (critical), order-history (high) at T+01:20:00',
    );
    // personal-data (critical) is the whole data share, whatever comes after it.
    expect(data.points).toBe(0);
    expect(data.events).toHaveLength(2);
  });

  it('a severity without a lockdown threshold allows any traffic decision', () => {
    const { low: _low, ...thresholds } = arch.lockdown_thresholds;
    const open = { ...arch, lockdown_thresholds: thresholds };
    const impact = dim(
      play([{ at: 0, do: 'lockdown', target: 'FW1' }], scenario, open).score,
      'impact',
    );
    expect(impact.findings.map((f) => f.code)).not.toContain('impact.over-reaction');
  });
});

describe('eradicate and recover: the gaps at the close', () => {
  it('nothing compromised: not evaluated, in words', () => {
    const recovery = dim(play([{ at: 0, do: 'lockdown', target: 'FW1' }]).score, 'recovery');
    expect(recovery.evaluated).toBe(false);
    expect(recovery.findings).toEqual([
      {
        code: 'recovery.not-evaluated',
        points: 0,
        text: 'no host was compromised: nothing to eradicate or recover (not evaluated)',
        events: [],
      },
    ]);
  });

  it('never closed: the gaps at the end of the drill each cost the gap penalty', () => {
    const recovery = dim(play(isolateAt(ms('30m'))).score, 'recovery');
    expect(recovery.findings.map((f) => f.code)).toEqual([
      'recovery.not-closed',
      'recovery.not-restored',
      'recovery.isolated',
    ]);
    expect(recovery.share).toBeCloseTo(1 - 2 * recoveryRubric.gap_penalty, 5);
    const isolated = recovery.findings[2]!;
    expect(isolated.text).toBe('FEServ1 was still isolated');
    expect(isolated.recommendation).toBe(
      'Reconnect FEServ1 once it is clean, patched and watched.',
    );
    // No close: the gaps are about no moment and point at no event.
    expect(isolated.t).toBeUndefined();
    expect(isolated.events).toEqual([]);
    expect(recovery.findings[0]).toMatchObject({
      text: 'the incident was never closed: the gaps at the end of the drill count',
      events: [],
    });
  });

  it('closed with gaps: counted at the close, pointing at it', () => {
    const steps: Step[] = [...isolateAt(ms('30m')), { at: '45m', do: 'plan.close' }];
    const { score, result } = play(steps);
    const recovery = dim(score, 'recovery');
    const closed = recovery.findings[0]!;
    expect(closed.code).toBe('recovery.closed-with-gaps');
    expect(closed.text).toMatch(/^incident closed at T\+00:\d\d:00 with 2 gap\(s\)$/);
    const closedAt = result.trace.find((e) => e.type === 'incident.closed')!.t;
    expect(closed.t).toBe(closedAt);
    expect(closed.events).toEqual([expect.objectContaining({ type: 'incident.closed' })]);
    for (const gap of recovery.findings.slice(1)) expect(gap.t).toBe(closedAt);
    expect(recovery.share).toBeCloseTo(1 - 2 * recoveryRubric.gap_penalty, 5);
  });

  it('closed clean: restored, reconnected and looked at before the close', () => {
    const steps: Step[] = [
      ...isolateAt(ms('30m')),
      { at: '45m', do: 'restore-backup', target: 'FEServ1' },
      { at: '1h10m', do: 'reconnect-host', target: 'FEServ1' },
      { at: '1h20m', do: 'query-siem', target: 'FEServ1' },
      { at: '1h30m', do: 'plan.close' },
    ];
    const recovery = dim(play(steps).score, 'recovery');
    expect(recovery.findings.map((f) => f.code)).toEqual(['recovery.closed-clean']);
    expect(recovery.findings[0]!.text).toMatch(/: restored, reconnected, watched/);
    expect(recovery.share).toBe(1);
  });

  it('a gap the drill offers no action for is said, and costs nothing', () => {
    const noRestore = {
      ...scenario,
      actions: scenario.actions.filter((a) => a.id !== 'restore-backup'),
    };
    const recovery = dim(play(isolateAt(ms('30m')), noRestore).score, 'recovery');
    const gap = recovery.findings.find((f) => f.code === 'recovery.not-restored.no-action')!;
    expect(gap.text).toBe(
      'FEServ1 was never restored or rebuilt clean (the drill offers no action for it)',
    );
    expect(gap.points).toBe(0);
    expect(gap.recommendation).toBeUndefined();
    // The isolation is still the team's to undo.
    expect(recovery.share).toBeCloseTo(1 - recoveryRubric.gap_penalty, 5);
  });

  it('an action aimed at other hosts does not close a gap on this one', () => {
    const elsewhere = {
      ...scenario,
      actions: scenario.actions.map((a) =>
        a.id === 'restore-backup' ? { ...a, targets: ['DB1'] } : a,
      ),
    };
    const recovery = dim(play(isolateAt(ms('30m')), elsewhere).score, 'recovery');
    expect(recovery.findings.map((f) => f.code)).toContain('recovery.not-restored.no-action');
  });
});

describe('strengths, areas for improvement and the improvement plan', () => {
  const dimension = (
    id: DimensionId,
    share: number,
    findings: DimensionScore['findings'],
    evaluated = true,
  ): DimensionScore => ({
    id,
    title: `Title of ${id}`,
    max: 10,
    points: share * 10,
    share,
    evaluated,
    findings,
  });
  const costly = (text: string) => ({
    code: 'x.cost',
    points: -1,
    text,
    events: [],
    recommendation: `fix ${text}`,
  });
  const earned = (text: string) => ({ code: 'x.earned', points: 2, text, events: [] });
  const objectives: ObjectiveRating[] = [
    { id: 'detect', description: '', rating: 'S', share: 0.5, dimensions: ['time-to-detect'] },
    {
      id: 'both',
      description: '',
      rating: 'S',
      share: 0.5,
      dimensions: ['time-to-detect', 'impact'],
    },
    { id: 'other', description: '', rating: 'S', share: 0.5, dimensions: ['plan'] },
  ];

  it('a dimension at the strength mark gives its earning findings as strengths', () => {
    const { strengths, areasForImprovement } = improvementOf(
      rubric,
      [
        dimension('impact', rubric.strength_at, [
          earned('no data'),
          { code: 'expected.met', points: 0, text: 'done in time', events: [] },
          { code: 'x.plain', points: 0, text: 'an observation', events: [] },
        ]),
      ],
      objectives,
    );
    expect(strengths).toEqual(['Title of impact: no data', 'Title of impact: done in time']);
    expect(areasForImprovement).toEqual([]);
  });

  it('a dimension below the improvement mark gives its advised findings as areas and plan rows', () => {
    const { strengths, areasForImprovement, improvementPlan } = improvementOf(
      rubric,
      [dimension('time-to-detect', 0.5, [costly('slow'), earned('not this'), costly('late')])],
      objectives,
    );
    expect(strengths).toEqual([]);
    expect(areasForImprovement).toEqual([
      'Title of time-to-detect: slow',
      'Title of time-to-detect: late',
    ]);
    expect(improvementPlan[0]).toEqual({
      objective: 'detect, both',
      capability: 'Title of time-to-detect',
      issue: 'slow',
      correctiveAction: 'fix slow',
      capabilityElement: 'Training',
      responsibleOrg: '',
      poc: '',
      start: '',
      completion: '',
    });
    expect(improvementPlan).toHaveLength(2);
  });

  it('between the marks, not evaluated, or worth nothing: neither', () => {
    const middle = (rubric.strength_at + rubric.improve_below) / 2;
    const { strengths, areasForImprovement } = improvementOf(
      rubric,
      [
        dimension('impact', middle, [earned('a'), costly('b')]),
        dimension('plan', 0, [costly('c')], false),
        { ...dimension('escalation', 1, [earned('d')]), max: 0 },
      ],
      objectives,
    );
    expect(strengths).toEqual([]);
    expect(areasForImprovement).toEqual([]);
  });

  it('at the improvement mark exactly, a dimension is not an area for improvement', () => {
    const { areasForImprovement } = improvementOf(
      rubric,
      [dimension('impact', rubric.improve_below, [costly('b')])],
      objectives,
    );
    expect(areasForImprovement).toEqual([]);
  });

  it('each dimension maps to its HSEEP capability element', () => {
    const plan = (id: DimensionId) =>
      improvementOf(rubric, [dimension(id, 0, [costly('x')])], objectives).improvementPlan[0]!
        .capabilityElement;
    // HSEEP's capability elements (POETE): every dimension's shortfalls land in one of them.
    const POETE = ['Planning', 'Organization', 'Equipment', 'Training', 'Exercises'];
    for (const id of DIMENSION_IDS) expect(POETE).toContain(plan(id));
    expect(plan('evidence')).toBe('Equipment');
    expect(plan('escalation')).toBe('Planning');
    expect(plan('severity')).toBe('Training');
    expect(plan('plan')).toBe('Planning');
  });
});

describe('what would have happened: the projection to the time limit', () => {
  it('a drill that ran to its limit is its own projection', () => {
    const { result } = play([]);
    expect(projectToTimeLimit(arch, scenario, result)).toBe(result);
  });

  it('an ended drill runs on to the limit with its actions and nothing more', () => {
    const { result } = play([...isolateAt(ms('30m')), { at: '40m', do: 'end' }]);
    expect(result.outcome.endReason).toBe('ended-by-trainee');
    const projected = projectToTimeLimit(arch, scenario, result);
    expect(projected.outcome.endReason).toBe('time-limit');
    expect(projected.outcome.contained).toBe(true);
    expect(projected.trace.at(-1)!.t).toBe(scenario.end.time_limit);
  });

  it('the action log: started and instant actions in order, not the end, not the rejected', () => {
    const { result } = play([
      { at: '1m', do: 'declare-severity', severity: 'minor' },
      { at: '2m', do: 'isolate-host', target: 'DB1' },
      { at: '3m', do: 'query-siem', target: 'FEServ1' },
      { at: '30m', do: 'end' },
    ]);
    expect(result.trace.some((e) => e.type === 'action.rejected')).toBe(true);
    expect(actionLogOf(result)).toEqual([
      { at: ms('1m'), do: 'declare-severity', severity: 'minor' },
      { at: ms('3m'), do: 'query-siem', target: 'FEServ1' },
    ]);
  });

  it('the scenario to the limit is built once per scenario and ends only at the limit', () => {
    const once = runToTheLimit(scenario);
    expect(runToTheLimit(scenario)).toBe(once);
    expect(once.end.when).toEqual({ after: scenario.end.time_limit });
    expect(once.end.time_limit).toBe(scenario.end.time_limit);
    expect(scenario.end.when).not.toEqual(once.end.when);
  });
});

describe('eradicate and recover: what the attacker left, and the actions that close each gap', () => {
  // test/fixtures/engine/leftovers.yaml: a web shell and a reverse shell on FEServ1, svc-shop's
  // key read and used to reach BEServ1, the PHP hole FEServ1 shares with FEServ2 and FEServ3.
  const leftovers = orThrow(
    checkScenarioFile(`${ROOT}test/fixtures/engine/leftovers.yaml`, arch),
  ).model;
  const restoreThenClose = [
    { at: ms('1h'), do: 'restore-backup', target: 'FEServ1' },
    { at: ms('2h10m'), do: 'plan.close' },
  ] as ActionLogEntry[];
  const recoveryOf = (drill: Scenario, log: ActionLogEntry[] = restoreThenClose) =>
    dim(
      scoreDrill({
        architecture: arch,
        scenario: drill,
        rubric,
        result: runDrill(arch, drill, 1, log),
      }),
      'recovery',
    );

  it('each gap in words, with what to do about it', () => {
    const said = recoveryOf(leftovers).findings.map((f) => [f.code, f.text, f.recommendation]);
    expect(said).toEqual(
      expect.arrayContaining([
        [
          'recovery.not-monitored',
          'nobody looked at FEServ1 after it was restored',
          'Check FEServ1 (console, SIEM) after the restore before closing.',
        ],
        [
          'recovery.root-cause-open',
          'VULN-FE-PHP-RCE was still open on FEServ2',
          'Patch FEServ2: it shares the hole the attacker used.',
        ],
        [
          'recovery.unexamined-sibling',
          'FEServ3 shares VULN-FE-PHP-RCE and was never examined',
          'Look at every host that shares the vulnerability (FEServ3): scope before you close.',
        ],
        [
          'recovery.artefact-left',
          "the attacker's web-shell was still on FEServ1",
          "Remove the web-shell (or wipe FEServ1): it is the attacker's way back.",
        ],
        [
          'recovery.secret-unrotated',
          'the exposed secret shop-key was never rotated',
          'Rotate shop-key: the attacker read it and it still works.',
        ],
        [
          'recovery.not-restored',
          'FEServ1 was never restored or rebuilt clean',
          'Rebuild FEServ1 or restore it from a backup point older than the compromise.',
        ],
      ]),
    );
  });

  // Which action kinds close which gap: each alone makes the gap the team's (it costs), and with
  // none of them the drill offers no way to close it (it is said, and costs nothing).
  const closers: Array<[gap: string, kinds: string[]]> = [
    ['not-restored', ['restore-backup', 'rebuild-host']],
    ['artefact-left', ['remove-artefact', 'restore-backup', 'rebuild-host']],
    ['root-cause-open', ['patch']],
    ['secret-unrotated', ['rotate-secret']],
  ];
  const allClosers = new Set(closers.flatMap(([, kinds]) => kinds));
  const withOnly = (kind: string | undefined) => ({
    ...leftovers,
    actions: leftovers.actions.filter((a) => !allClosers.has(a.kind ?? a.id) || a.id === kind),
  });
  const codesOf = (drill: Scenario) =>
    recoveryOf(drill, [{ at: ms('2h'), do: 'plan.close' } as ActionLogEntry]).findings.map(
      (f) => f.code,
    );
  for (const [gap, kinds] of closers) {
    it(`${gap}: closed by ${kinds.join(', ')}, and by nothing else`, () => {
      for (const kind of kinds) expect(codesOf(withOnly(kind))).toContain(`recovery.${gap}`);
      const none = codesOf(withOnly(undefined));
      expect(none).toContain(`recovery.${gap}.no-action`);
      expect(none).not.toContain(`recovery.${gap}`);
    });
  }

  it('a look closes the gaps that need no action: they are never "no action"', () => {
    const codes = codesOf(withOnly(undefined));
    expect(codes).toContain('recovery.unexamined-sibling');
    expect(codes).not.toContain('recovery.unexamined-sibling.no-action');
  });

  it('an action without targets works on any host; a secret is on no host', () => {
    const anyHost = {
      ...withOnly('restore-backup'),
      actions: withOnly('restore-backup').actions.map((a) =>
        a.id === 'restore-backup' ? { ...a, targets: [] } : a,
      ),
    };
    // BEServ1 has no restore of its own in the fixture: an untargeted one covers it.
    const codes = codesOf(anyHost);
    expect(codes).not.toContain('recovery.not-restored.no-action');
    const aimed = {
      ...withOnly('rotate-secret'),
      actions: withOnly('rotate-secret').actions.map((a) =>
        a.id === 'rotate-secret' ? { ...a, targets: ['BEServ1'] } : a,
      ),
    };
    expect(codesOf(aimed)).toContain('recovery.secret-unrotated');
  });

  it('the gaps are those at the close, not those at the end of the drill', () => {
    const golden = dim(
      play([
        ...isolateAt(ms('30m')),
        { at: '45m', do: 'plan.close' },
        { at: '1h', do: 'reconnect-host', target: 'FEServ1' },
      ]).score,
      'recovery',
    );
    expect(golden.findings.map((f) => f.code)).toContain('recovery.isolated');
  });
});
