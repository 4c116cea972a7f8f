import { describe, expect, it } from 'vitest';
import { projectAlerts, projectAlertDetail } from '../../src/play/projections/alerts.js';
import {
  projectEscalation,
  projectPlan,
  projectTechnicalActions,
} from '../../src/play/projections/actions.js';
import {
  componentStatuses,
  isCompromiseVisible,
} from '../../src/play/projections/componentStatus.js';
import { projectDebrief } from '../../src/play/projections/debrief.js';
import { projectHeader, projectNotes, visibleSeverity } from '../../src/play/projections/header.js';
import { moveInMap, projectDetails, projectMap } from '../../src/play/projections/map.js';
import { DrillSession, INDEX_LINES_PER_FRAME } from '../../src/play/session.js';
import { architecture, defaultScenario } from '../helpers.js';
import { newSession, untilFired } from '../tui/helpers.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

const component = (session: ReturnType<typeof newSession>['session'], id: string) =>
  session.architecture.components.find((c) => c.id === id)!;

describe('DrillSession', () => {
  it('advances the drill only by wall time x speed while running, not while paused', () => {
    const { session, wall } = newSession({ speed: 60 });
    wall.advance(1000);
    session.tick();
    expect(session.drill.now).toBe(60_000);
    session.togglePause();
    wall.advance(3_600_000);
    session.tick();
    expect(session.drill.now).toBe(60_000);
    session.togglePause();
    wall.advance(500);
    session.tick();
    expect(session.drill.now).toBe(90_000);
  });

  it('notifies React once per tick that moved time, and not when nothing moved', () => {
    const { session, wall } = newSession({ speed: 60 });
    let calls = 0;
    session.subscribe(() => void (calls += 1));
    session.tick();
    expect(calls).toBe(0);
    wall.advance(30 * 60_000); // a burst: 30 simulated hours... capped by the time limit
    session.tick();
    expect(calls).toBe(1);
  });

  it('in turn-based mode, time moves only by actions and waits', () => {
    const { session, wall } = newSession({ mode: 'turn-based' });
    wall.advance(600_000);
    session.tick();
    expect(session.drill.now).toBe(0);
    session.act({ do: 'plan.confirm' });
    expect(session.drill.now).toBe(10 * 60_000);
    expect(session.drill.context.plan.confirm?.status).toBe('done');
    session.wait(5 * 60_000);
    expect(session.drill.now).toBe(15 * 60_000);
    const before = session.drill.now;
    expect(session.advanceToNext()).toBe(true);
    expect(session.drill.now).toBeGreaterThan(before);
  });

  it('in realtime mode an action runs on while the clock runs', () => {
    const { session, wall } = newSession({ speed: 60 });
    session.act({ do: 'escalate', contact: 'soc-provider', channel: 'phone' });
    expect(session.drill.context.inProgress).toHaveLength(1);
    wall.advance(5000); // 5 simulated minutes
    session.tick();
    expect(session.drill.context.escalations).toEqual([
      { contact: 'soc-provider', channel: 'phone', at: 5 * 60_000 },
    ]);
  });

  it('reports the engine’s rejection and records it in the trace', () => {
    const { session } = newSession();
    expect(session.act({ do: 'isolate-host', target: 'FW1' })).toEqual({
      ok: false,
      reason: expect.stringContaining('needs a target'),
    });
    expect(session.drill.trace.at(-1)?.type).toBe('action.rejected');
  });

  it('pulls fired injects’ log lines into the ring buffer, each line once', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-bash-exec');
    const texts = session.logs.toArray().map((l) => l.text);
    expect(texts.some((t) => t.includes('a0="sh" a1="-c"'))).toBe(true);
    // Each line once, though the source is asked every frame.
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('strips control characters from the lines it shows (a log line is data from outside)', () => {
    // OSC 0 (retitle) with BEL, CSI clear screen, a C1 CSI, a bare CR and a tab.
    const hostile = 'GET /\u001b]0;pwned\u0007\u001b[2J\u009b31m\rx\ty';
    const session = new DrillSession(architecture(), defaultScenario(), {
      seed: '7',
      wall: () => 0,
      mode: 'turn-based',
      logSource: ({ from, to }) =>
        from < 1 && to >= 1
          ? [
              {
                t: 1,
                component: 'FEServ1',
                source: 'nginx-access',
                text: hostile,
                malicious: false,
              },
            ]
          : [],
    });
    session.advanceToNext();
    const [line] = session.logs.toArray();
    expect(line!.text).not.toMatch(CONTROL);
    expect(line!.text).toContain('pwned');
    expect(line!.text).toMatch(/x y$/);
  });

  it('indexes frame by frame once the search is open, so a late first search parses little', () => {
    // 10,000 lines arrive at once (a turn-based wait over a busy hour).
    const lines = Array.from({ length: 10_000 }, (_, i) => ({
      t: 1 + i,
      component: 'FEServ1',
      source: 'nginx-access',
      text: `10.0.0.${i % 200} - - "GET /p${i} HTTP/1.1" 200 1`,
      malicious: false,
    }));
    const session = new DrillSession(architecture(), defaultScenario(), {
      seed: '7',
      wall: () => 0,
      mode: 'turn-based',
      logSource: ({ from, to }) => lines.filter((l) => l.t > from && l.t <= to),
    });
    session.wait(20_000);
    expect(session.archive).toHaveLength(10_000);
    session.tick();
    expect(session.indexedLines).toBe(0); // nobody searches: no index, no memory spent on one
    session.prepareSearch(); // the search tab opened
    session.tick(); // a frame with no time passing still indexes one slice
    expect(session.indexedLines).toBe(INDEX_LINES_PER_FRAME);
    for (let frame = 2; frame <= Math.ceil(10_000 / INDEX_LINES_PER_FRAME); frame++) session.tick();
    expect(session.indexedLines).toBe(10_000);
    const result = session.search('component:FEServ1');
    expect(result.ok && result.result.total).toBe(10_000);
  });

  it('a search indexes whatever the frames have not reached yet', () => {
    const { session } = newSession({ mode: 'turn-based' });
    session.wait(30 * 60_000);
    expect(session.indexedLines).toBeLessThan(session.archive.length);
    session.search('component:FEServ1');
    expect(session.indexedLines).toBe(session.archive.length);
  });

  it('keeps the log buffer bounded', () => {
    const { session } = newSession({ mode: 'turn-based', logCapacity: 2 });
    session.wait(4 * 3_600_000);
    expect(session.logs.length).toBe(2);
    expect(session.logs.total).toBeGreaterThan(2);
  });
});

describe('what the trainee sees of a component', () => {
  it('shows alerting, then suspected once acknowledged; compromised only after an investigation', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-bash-exec');
    const fe1 = component(session, 'FEServ1');
    expect(session.drill.context.components.FEServ1?.compromised).toBe(true);
    expect(componentStatuses(session.drill, fe1, session.acknowledged)).toEqual(['alerting']);
    for (const a of projectAlerts(session.drill, session.acknowledged)) session.acknowledge(a.id);
    expect(componentStatuses(session.drill, fe1, session.acknowledged)).toEqual(['suspected']);
    expect(isCompromiseVisible(session.drill, 'FEServ1')).toBe(false);
    session.act({ do: 'query-siem', target: 'FEServ1' });
    expect(componentStatuses(session.drill, fe1, session.acknowledged)[0]).toBe('compromised');
    session.act({ do: 'isolate-host', target: 'FEServ1' });
    for (const a of projectAlerts(session.drill, session.acknowledged)) session.acknowledge(a.id);
    expect(componentStatuses(session.drill, fe1, session.acknowledged)).toEqual([
      'compromised',
      'isolated',
      'suspected',
    ]);
  });

  it('never shows a red herring as compromised, and shows ground truth after the drill', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'lb-health-flap');
    session.act({ do: 'query-siem', target: 'FEServ2' });
    expect(isCompromiseVisible(session.drill, 'FEServ2')).toBe(false);
    untilFired(session, 'siem-bash-exec');
    expect(isCompromiseVisible(session.drill, 'FEServ1')).toBe(false);
    session.end();
    expect(session.drill.isEnded).toBe(true);
    expect(isCompromiseVisible(session.drill, 'FEServ1')).toBe(true);
  });

  it('shows lockdown on the internet-facing firewall and degradation on the load balancers', () => {
    const { session } = newSession({ mode: 'turn-based' });
    session.act({ do: 'degrade-traffic', target: 'LB1' });
    expect(
      componentStatuses(session.drill, component(session, 'LB2'), session.acknowledged),
    ).toContain('degraded');
    session.act({ do: 'lockdown', target: 'FW1' });
    expect(
      componentStatuses(session.drill, component(session, 'FW1'), session.acknowledged),
    ).toContain('locked down');
  });
});

describe('projections', () => {
  it('list the layers in order with their components, and walk them with arrows', () => {
    const { session } = newSession();
    const layers = projectMap(session.drill, session.acknowledged);
    expect(layers.map((l) => l.id)).toEqual([
      'perimeter',
      'edge',
      'frontend',
      'inner',
      'backend',
      'persistence',
      'integration',
      'monitoring',
    ]);
    expect(moveInMap(layers, 'FW1', 'down')).toBe('WAF1');
    expect(moveInMap(layers, 'LB2', 'down')).toBe('FEServ3');
    expect(moveInMap(layers, 'FW1', 'left')).toBe('FW1');
    expect(moveInMap(layers, 'IPS1', 'right')).toBe('WAF1');
    expect(moveInMap(layers, 'FW1', 'up')).toBe('FW1');
  });

  it('detail a component from the architecture and its latest lines', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-bash-exec');
    const d = projectDetails(session.drill, 'FEServ1', session.acknowledged, session.logs)!;
    expect(d.stack).toContain('PHP-FPM 7.2');
    expect(d.vulnerabilities.some((v) => v.startsWith('CVE-2019-11043'))).toBe(true);
    expect(d.baselines.some((b) => b.startsWith('Static assets folder'))).toBe(true);
    // The alert's evidence shows on the host it happened on, as in its audit log.
    expect(d.latestLines.some((l) => l.includes('a0="wget"'))).toBe(true);
  });

  it('put the newest alert first and fill placeholders in the detail', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-after-hours');
    const alerts = projectAlerts(session.drill, session.acknowledged);
    expect(alerts[0]!.id).toBe('siem-after-hours');
    expect(alerts.map((a) => a.t)).toEqual([...alerts.map((a) => a.t)].sort((a, b) => b - a));
    const detail = projectAlertDetail(session.drill, 'siem-bash-exec', session.acknowledged)!;
    expect(detail.lines.some((l) => l.includes(session.drill.context.attackerIp))).toBe(true);
  });

  it('show the plan with progress, the actions for a target and escalations', () => {
    const { session } = newSession({ speed: 60 });
    session.act({ do: 'plan.confirm' });
    session.act({ do: 'escalate', contact: 'soc-provider', channel: 'phone' });
    const plan = projectPlan(session.drill);
    expect(plan[0]).toMatchObject({
      id: 'confirm',
      status: 'in-progress',
      progress: { fraction: 0 },
    });
    expect(plan[1]).toMatchObject({ id: 'escalate', status: 'todo' });
    const actions = projectTechnicalActions(session.drill, 'FW1').map((a) => a.id);
    // rotate-secret takes no target: it is offered wherever the trainee stands.
    expect(actions).toEqual([
      'block-ip',
      'lockdown',
      'restore-traffic',
      'query-siem',
      'rotate-secret',
    ]);
    expect(projectTechnicalActions(session.drill, 'LOG1').map((a) => a.id)).toEqual([
      'rotate-secret',
    ]);
    const esc = projectEscalation(session.drill, visibleSeverity(session.drill));
    expect(esc.contacts.find((c) => c.id === 'soc-provider')?.progress?.channel).toBe('phone');
    expect(esc.matrix.severity).toBe('low');
  });

  it('do not leak the engine’s severity before the trainee could know it', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-static-file'); // the attacker is in `foothold`: engine says major
    expect(session.drill.context.severity).toBe('major');
    expect(visibleSeverity(session.drill)).toBe('low');
    session.act({ do: 'declare-severity', severity: 'minor' });
    expect(projectHeader(session.drill, session.clock).severity).toBe('minor');
  });

  it('show notes and a debrief with detect/contain times and a timeline', () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-bash-exec');
    session.act({ do: 'note', text: 'bash from php-fpm\u0007 on FEServ1' });
    session.act({ do: 'plan.confirm' });
    session.act({ do: 'escalate', contact: 'soc-provider', channel: 'phone' });
    session.act({ do: 'isolate-host', target: 'FEServ1' });
    session.act({ do: 'block-ip', target: 'FW1', value: '198.51.100.23' });
    expect(projectNotes(session.drill)).toEqual([
      { at: expect.stringMatching(/^T\+/), text: 'bash from php-fpm on FEServ1' },
    ]);
    session.end();
    const d = projectDebrief(session.drill);
    expect(d.isContained).toBe(true);
    expect(d.verdict).toMatch(/^Contained at T\+/);
    const fact = (label: string) => d.facts.find((f) => f.label === label)?.value;
    expect(fact('time to detect')).toMatch(/^\d+m/);
    expect(fact('time to contain')).toMatch(/^\d+m/);
    expect(d.escalations).toEqual([
      { at: expect.any(String), contact: 'SOC provider', channel: 'phone' },
    ]);
    expect(d.timeline.at(-1)?.text).toContain('drill ended');
  });
});
