import { describe, expect, it } from 'vitest';
import { Drill, replayDrill, runDrill } from '../../src/engine/index.js';
import { DrillSession } from '../../src/play/session.js';
import {
  observe,
  skipInject,
  startOrPause,
  triggerNow,
} from '../../src/play/facilitator/facilitatorActions.js';
import { architecture, defaultScenario } from '../helpers.js';

const arch = architecture();
const scenario = defaultScenario();
const HOUR = 3_600_000;

/** A session on a hand-driven wall clock, ticking every 50 wall ms like the UI. */
function workshop() {
  let wall = 0;
  const session = new DrillSession(arch, scenario, {
    seed: '7',
    wall: () => wall,
    speed: 60,
    paused: true,
  });
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 50) {
      wall += 50;
      session.tick();
    }
  };
  const idle = (ms: number) => {
    wall += ms; // no frames: a laptop asleep, or a long discussion in the room
    session.tick();
  };
  return { session, run, idle };
}

const firedAt = (drill: Drill) =>
  drill.trace.flatMap((e) => (e.type === 'inject.fired' ? [[e.inject, e.t] as const] : []));

describe('facilitator pause and resume', () => {
  it('a long real pause changes no simulated time: injects fire when they would have', () => {
    const plain = workshop();
    startOrPause(plain.session, false);
    plain.run(20_000); // 20 s of wall time at ×60 = 20 simulated minutes

    const paused = workshop();
    startOrPause(paused.session, false);
    paused.run(4_000);
    const pausedAt = paused.session.drill.now;
    expect(startOrPause(paused.session, true)).toMatch(/Paused/);
    paused.idle(10 * HOUR);
    paused.run(5_000);
    expect(paused.session.drill.now).toBe(pausedAt); // frozen exactly
    startOrPause(paused.session, true);
    paused.run(16_000);

    expect(paused.session.drill.now).toBe(plain.session.drill.now);
    expect(firedAt(paused.session.drill).length).toBeGreaterThan(0);
    expect(firedAt(paused.session.drill)).toEqual(firedAt(plain.session.drill));
    // The pause is in the journal's log at the simulated time it happened.
    const log = paused.session.actionLog;
    expect(log.map((a) => a.do)).toEqual([
      'facilitator.resume',
      'facilitator.pause',
      'facilitator.resume',
    ]);
    expect(log[1]).toMatchObject({ at: pausedAt, by: 'facilitator' });
    expect(log[2]!.at).toBe(pausedAt);
  });
});

describe('trigger now and skip', () => {
  it('change the timeline as expected and replay identically', () => {
    const { session, run } = workshop();
    startOrPause(session, false);
    run(1_000); // T+1m
    const before = session.drill.upcomingInjects().map((u) => u.inject);
    expect(before).toContain('ips-scan');
    expect(before).toContain('lb-health-flap');
    const now = session.drill.now;
    expect(triggerNow(session, 'ips-scan')).toMatch(/Fired/);
    expect(skipInject(session, 'lb-health-flap')).toMatch(/Skipped/);
    expect(triggerNow(session, 'press-inquiry')).toMatch(/Fired/); // a manual inject
    expect(triggerNow(session, 'ips-scan')).toMatch(/already fired/);
    observe(session, 'The team argued about who calls the CEO.');
    const after = session.drill.upcomingInjects().map((u) => u.inject);
    expect(after).not.toContain('ips-scan');
    expect(after).not.toContain('lb-health-flap');
    expect(firedAt(session.drill)).toEqual([
      ['ips-scan', now],
      ['press-inquiry', now],
    ]);
    run(30_000); // on to T+31m: the skipped inject (due T+14m) never fires
    const fired = firedAt(session.drill).map(([id]) => id);
    expect(fired.filter((id) => id === 'ips-scan')).toHaveLength(1);
    expect(fired).not.toContain('lb-health-flap');

    // The drill is its seed plus its log: a replay gives the same trace, entry for entry.
    const replayed = replayDrill(arch, scenario, '7', session.actionLog, session.drill.now);
    expect(replayed.trace).toEqual(session.drill.trace);
    // And without the facilitator the timeline is the scheduled one.
    const untouched = new Drill(arch, scenario, '7');
    untouched.advanceTo(session.drill.now);
    expect(firedAt(untouched).find(([id]) => id === 'ips-scan')?.[1]).toBe(6 * 60_000);
    expect(firedAt(untouched).map(([id]) => id)).toContain('lb-health-flap');
  });

  it('a whole workshop drill replays to the same result with runDrill', () => {
    const { session, run } = workshop();
    startOrPause(session, false);
    run(2_000);
    triggerNow(session, 'vendor-advisory');
    session.actor = 'Blue';
    session.act({ do: 'escalate', contact: 'snow', channel: 'chat' });
    session.actor = undefined;
    run(3_000);
    session.end();
    expect(session.actionLog.find((a) => a.do === 'escalate')?.by).toBe('Blue');
    const again = runDrill(arch, scenario, '7', session.actionLog);
    expect(again.trace).toEqual(session.drill.trace);
    expect(again.outcome).toEqual(session.drill.outcome);
  });
});
