import { describe, expect, it } from 'vitest';
import { runDrill, type DrillResult, type TraceEntry } from '../../src/engine/index.js';
import {
  checkRubricFile,
  checkScenarioFile,
  orThrow,
  parseDuration,
  type ActionLogEntry,
} from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { architecture, ROOT } from '../helpers.js';

/**
 * What the attacker leaves behind (decision 0960), on a fixture made for it: the web shell brings
 * it back to a reconnected host, the key to BEServ1, a backup point newer than the compromise
 * restores the shell with the host, and a close with an unexamined sibling is a finding.
 */
const arch = architecture();
const scenario = orThrow(
  checkScenarioFile(`${ROOT}test/fixtures/engine/leftovers.yaml`, arch),
).model;
const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;
const defaultRubric = () => rubric;
const SHELL = '/var/www/shop/public/media/static/thumb.php';
type Step = Omit<ActionLogEntry, 'at'> & { at: string };
const play = (steps: Step[]): DrillResult =>
  runDrill(
    arch,
    scenario,
    1,
    steps.map((s) => ({ ...s, at: parseDuration(s.at)! }) as ActionLogEntry),
  );
const ofType = <T extends TraceEntry['type']>(r: DrillResult, type: T) =>
  r.trace.filter((e): e is Extract<TraceEntry, { type: T }> => e.type === type);
const ms = (d: string) => parseDuration(d)!;

// Isolated at 0m, done at 10m: the reverse shell dies, the attacker is cut off.
const cutOff: Step[] = [{ at: '0m', do: 'isolate-host', target: 'FEServ1' }];
const reconnect = (at: string): Step => ({ at, do: 'reconnect-host', target: 'FEServ1' });

describe('re-entry through what the attacker left', () => {
  it('cutting the attacker off contains it, and it stays out while the host is isolated', () => {
    const r = play(cutOff);
    expect(ofType(r, 'contained').map((e) => e.t)).toEqual([ms('10m')]);
    expect(ofType(r, 'attacker.reentered')).toEqual([]);
    expect(r.outcome.contained).toBe(true);
  });

  it('a host reconnected with its web shell still there is re-entered', () => {
    // Reconnected at 20m (done 30m): the shell answers again, the attacker is back 30m later.
    const r = play([...cutOff, reconnect('20m')]);
    const back = ofType(r, 'attacker.reentered');
    expect(back[0]).toMatchObject({
      t: ms('1h'),
      via: 'web-shell',
      kind: 'artefact',
      state: 'shell',
    });
    expect(ofType(r, 'containment.lost')[0]?.t).toBe(ms('1h'));
    // It walks on to BEServ1 with the key it read.
    expect(r.outcome.attackerReached).toContain('backend');
    expect(r.outcome.contained).toBe(false);
  });

  it('removing the artefact and rotating the exposed secret keeps the attacker out', () => {
    const r = play([
      ...cutOff,
      { at: '10m', do: 'remove-artefact', target: 'FEServ1', value: SHELL },
      { at: '10m', do: 'rotate-secret', value: 'svc-shop' },
      reconnect('20m'),
    ]);
    expect(ofType(r, 'artefact.removed')).toMatchObject([{ artefact: 'web-shell', by: 'removal' }]);
    expect(ofType(r, 'secret.rotated')).toMatchObject([{ secret: 'shop-key' }]);
    expect(ofType(r, 'attacker.reentered')).toEqual([]);
    expect(r.outcome.contained).toBe(true);
    expect(r.outcome.attackerReached).not.toContain('backend');
  });

  it('the unrotated key alone lets the attacker back onto BEServ1 from the reconnected host', () => {
    const r = play([
      ...cutOff,
      { at: '10m', do: 'remove-artefact', target: 'FEServ1', value: SHELL },
      reconnect('20m'),
    ]);
    expect(ofType(r, 'attacker.reentered')).toMatchObject([
      { t: ms('1h15m'), via: 'shop-key', kind: 'secret', state: 'backend' },
    ]);
  });

  it('a blunt reset of the credentials on BEServ1 rotates the key that works there', () => {
    const r = play([
      ...cutOff,
      { at: '10m', do: 'remove-artefact', target: 'FEServ1', value: SHELL },
      { at: '10m', do: 'reset-credentials', target: 'BEServ1' },
      reconnect('20m'),
    ]);
    expect(ofType(r, 'secret.rotated')).toMatchObject([{ secret: 'shop-key' }]);
    expect(ofType(r, 'attacker.reentered')).toEqual([]);
  });

  it('removing a path the attacker did not leave is misdirected and changes nothing', () => {
    const r = play([
      ...cutOff,
      { at: '10m', do: 'remove-artefact', target: 'FEServ1', value: '/tmp/x.png' },
      { at: '10m', do: 'rotate-secret', value: 'svc-shop' },
      reconnect('20m'),
    ]);
    expect(ofType(r, 'action.misdirected')[0]?.reason).toMatch(/not an artefact/);
    expect(ofType(r, 'attacker.reentered')[0]).toMatchObject({ via: 'web-shell' });
  });
});

describe('containment at the start', () => {
  it('a drill that starts with a hop from a host the first state takes is not contained at T+0', () => {
    // The first state compromises FEServ1 on entry; before that entry FEServ1 looks unheld and
    // the hop would look cut, so the drill would be "contained" for an instant at T+0.
    const hop = {
      ...scenario,
      attacker: {
        ...scenario.attacker,
        initial: 'backend',
        states: scenario.attacker.states.map((s) =>
          s.id === 'backend' ? { ...s, compromises: ['FEServ1', 'BEServ1'] } : s,
        ),
      },
    };
    const r = runDrill(arch, hop, 1, []);
    expect(ofType(r, 'contained')).toEqual([]);
    expect(r.outcome.contained).toBe(false);
  });
});

describe('ending a process', () => {
  // The reverse shell is the attacker's process "bash -i" on FEServ1 in this copy.
  const withProcess = {
    ...scenario,
    actions: [
      ...scenario.actions,
      {
        ...scenario.actions[0]!,
        id: 'kill-process',
        kind: 'kill-process' as const,
        targets: ['FEServ1'],
        duration: ms('2m'),
      },
    ],
    attacker: {
      ...scenario.attacker,
      states: scenario.attacker.states.map((s) =>
        s.id === 'shell'
          ? {
              ...s,
              access: [{ via: 'reverse-shell' as const, from: 'FEServ1', process: 'bash -i' }],
            }
          : s,
      ),
    },
  };
  const kill = (value: string) =>
    runDrill(arch, withProcess, 1, [
      { at: ms('1m'), do: 'kill-process', target: 'FEServ1', value } as ActionLogEntry,
    ]);

  it('kill-process naming the attacker’s process cuts the channel it carries', () => {
    const r = kill('bash -i');
    expect(ofType(r, 'process.killed')).toMatchObject([
      { component: 'FEServ1', process: 'bash -i' },
    ]);
    expect(ofType(r, 'contained')[0]?.t).toBe(ms('3m'));
  });

  it('naming another process is misdirected and cuts nothing', () => {
    const r = kill('/usr/sbin/crond');
    expect(ofType(r, 'action.misdirected')[0]?.reason).toMatch(/not a process of the attacker/);
    expect(ofType(r, 'contained')).toEqual([]);
  });
});

describe('spreads to siblings', () => {
  const spreading = (attempts: number) => ({
    ...scenario,
    spreads: [
      {
        from: 'FEServ1',
        to: ['FEServ2'],
        vulnerability: 'VULN-FE-PHP-RCE',
        after: ms('15m'),
        attempts,
        every: ms('20m'),
      },
    ],
  });
  // FEServ2 is cut off for the first attempt at 15m (isolated 0m-10m, reconnected 15m-25m).
  const keepOutOnce: Step[] = [
    { at: '0m', do: 'isolate-host', target: 'FEServ2' },
    { at: '15m', do: 'reconnect-host', target: 'FEServ2' },
  ];
  const run = (attempts: number) =>
    runDrill(
      arch,
      spreading(attempts),
      1,
      keepOutOnce.map((s) => ({ ...s, at: parseDuration(s.at)! }) as ActionLogEntry),
    );

  it('one attempt: a sibling kept out at its time stays clean', () => {
    expect(ofType(run(1), 'attacker.spread')).toEqual([]);
  });

  it('with more attempts the attacker tries again later and takes the sibling back online', () => {
    expect(ofType(run(2), 'attacker.spread')).toMatchObject([{ t: ms('35m'), to: 'FEServ2' }]);
  });
});

describe('restoring from a backup point', () => {
  // The shell is three days old (2026-05-29 09:00): the nightly points of 05-26..05-29 02:00 are
  // older, those of 05-30..06-01 newer.
  const restore = (point: string): DrillResult =>
    play([
      ...cutOff,
      { at: '10m', do: 'rotate-secret', value: 'svc-shop' },
      { at: '10m', do: 'restore-backup', target: 'FEServ1', value: point },
      reconnect('1h10m'),
    ]);

  it('restoring from a backup older than the compromise cleans the host', () => {
    const r = restore('nightly@2026-05-29T02:00:00Z');
    expect(ofType(r, 'host.restored')).toMatchObject([{ component: 'FEServ1', clean: true }]);
    expect(ofType(r, 'artefact.removed')).toMatchObject([{ artefact: 'web-shell', by: 'wipe' }]);
    expect(r.context.components.FEServ1!.compromised).toBe(false);
    expect(ofType(r, 'attacker.reentered')).toEqual([]);
  });

  it('a newer one does not: the shell comes back with it and so does the attacker', () => {
    const r = restore('nightly@2026-05-30T02:00:00Z');
    expect(ofType(r, 'host.restored')).toMatchObject([{ component: 'FEServ1', clean: false }]);
    expect(ofType(r, 'artefact.removed')).toEqual([]);
    expect(ofType(r, 'attacker.reentered')[0]).toMatchObject({ via: 'web-shell' });
  });

  it('a point that is not one of the host’s is refused, naming one', () => {
    const r = play([
      { at: '0m', do: 'restore-backup', target: 'FEServ1', value: 'nightly@yesterday' },
    ]);
    expect(ofType(r, 'action.rejected')[0]?.reason).toMatch(/nightly@2026-06-01T02:00:00Z/);
  });
});

describe('closing the incident', () => {
  const close: Step = { at: '3h', do: 'plan.close' };
  const gapsOf = (r: DrillResult) => ofType(r, 'incident.closed')[0]?.gaps ?? [];

  it('closing with an unexamined vulnerable sibling produces the finding', () => {
    const r = play([
      ...cutOff,
      { at: '10m', do: 'query-vulnerabilities', target: 'FEServ2' },
      { at: '10m', do: 'rotate-secret', value: 'svc-shop' },
      { at: '10m', do: 'rebuild-host', target: 'FEServ1' },
      close,
    ]);
    const gaps = gapsOf(r);
    expect(gaps).toContainEqual({
      kind: 'unexamined-sibling',
      component: 'FEServ3',
      id: 'VULN-FE-PHP-RCE',
    });
    expect(gaps.some((g) => g.kind === 'unexamined-sibling' && g.component === 'FEServ2')).toBe(
      false,
    );
    const score = scoreDrill({ architecture: arch, scenario, rubric: defaultRubric(), result: r });
    const recovery = score.dimensions.find((d) => d.id === 'recovery')!;
    expect(recovery.findings.map((f) => f.code)).toContain('recovery.unexamined-sibling');
  });

  it('a clean close has no gaps and full marks for recovery', () => {
    const r = play([
      ...cutOff,
      { at: '10m', do: 'rotate-secret', value: 'svc-shop' },
      { at: '10m', do: 'rebuild-host', target: 'FEServ1' },
      { at: '10m', do: 'patch', target: 'FEServ2' },
      { at: '10m', do: 'patch', target: 'FEServ3' },
      { at: '30m', do: 'query-vulnerabilities', target: 'FEServ2' },
      { at: '30m', do: 'query-vulnerabilities', target: 'FEServ3' },
      { at: '1h10m', do: 'patch', target: 'FEServ1' },
      { at: '1h20m', do: 'reconnect-host', target: 'FEServ1' },
      { at: '1h30m', do: 'query-vulnerabilities', target: 'FEServ1' },
      close,
    ]);
    expect(gapsOf(r)).toEqual([]);
    const score = scoreDrill({ architecture: arch, scenario, rubric: defaultRubric(), result: r });
    expect(score.dimensions.find((d) => d.id === 'recovery')!.share).toBe(1);
  });

  it('a gap the drill offers no action for is reported and costs nothing', () => {
    const bare = { ...scenario, actions: scenario.actions.filter((a) => a.id !== 'rotate-secret') };
    const r = runDrill(arch, bare, 1, [{ at: ms('3h'), do: 'plan.close' } as ActionLogEntry]);
    const recovery = scoreDrill({
      architecture: arch,
      scenario: bare,
      rubric,
      result: r,
    }).dimensions.find((d) => d.id === 'recovery')!;
    const unrotated = recovery.findings.find((f) =>
      f.code.startsWith('recovery.secret-unrotated'),
    )!;
    expect(unrotated).toMatchObject({ code: 'recovery.secret-unrotated.no-action', points: 0 });
    expect(recovery.findings.some((f) => f.code === 'recovery.not-restored')).toBe(true);
  });

  it('a rebuilt host left isolated and unpatched, or reconnected unwatched, is a gap each', () => {
    const r = play([...cutOff, { at: '10m', do: 'rebuild-host', target: 'FEServ1' }, close]);
    const kinds = gapsOf(r)
      .filter((g) => g.component === 'FEServ1')
      .map((g) => g.kind);
    expect(kinds).toEqual(['isolated', 'root-cause-open']);
    const reconnected = play([
      ...cutOff,
      { at: '10m', do: 'rebuild-host', target: 'FEServ1' },
      reconnect('1h10m'),
      close,
    ]);
    expect(
      gapsOf(reconnected)
        .filter((g) => g.component === 'FEServ1')
        .map((g) => g.kind),
    ).toEqual(['not-monitored', 'root-cause-open']);
  });
});
