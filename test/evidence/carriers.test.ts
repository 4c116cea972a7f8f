/* eslint-disable @typescript-eslint/no-explicit-any -- the fixture's YAML edited as data */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compileScenarioData, Drill, runDrill, type DrillResult } from '../../src/engine/index.js';
import { drillFacts } from '../../src/evidence/index.js';
import { hostConsole, runShell } from '../../src/investigation/index.js';
import {
  checkScenarioFile,
  checkScenarioText,
  orThrow,
  parseDuration,
  type ActionLogEntry,
  type Scenario,
} from '../../src/model/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, ROOT } from '../helpers.js';

/*
 * What a killed process or a removed artefact carried stops with it (issue 14): the console's ps,
 * the host's auditd and the implant's own traffic read the same kill; the gateway's mirror stops
 * when its plugin is removed.
 */
const arch = architecture();
const ms = (d: string) => parseDuration(d)!;
const MIN = 60_000;
const IMPLANT = '/tmp/.x/.d';

// The leftovers fixture with a DNS implant on FEServ1 that carries the attacker's channel.
const fixture = parse(readFileSync(`${ROOT}test/fixtures/engine/leftovers.yaml`, 'utf8')) as Record<
  string,
  any
>;
fixture.actions.push({ id: 'kill-process', targets: ['FEServ1'], duration: '2m' });
const shell = fixture.attacker.states.find((s: { id: string }) => s.id === 'shell');
shell.evidence.push({
  id: 'tunnel',
  use: 'dns-tunnel-txt',
  on: 'FEServ1',
  with: { user: 'nginx', process: IMPLANT, every: '10s' },
});
shell.access = [{ via: 'dns', from: 'FEServ1', process: IMPLANT }];
const withImplant: Scenario = orThrow(
  checkScenarioText('implant.yaml', stringify(fixture), arch),
).model;
const kill = { do: 'kill-process', target: 'FEServ1', value: IMPLANT };

function drillWith(steps: Array<[minute: number, typeof kill]>, at: number): Drill {
  const drill = new Drill(arch, withImplant, 1);
  for (const [minute, request] of steps) {
    drill.advanceTo(minute * MIN);
    drill.act(request);
  }
  drill.advanceTo(at * MIN);
  return drill;
}

/** `ps aux` on FEServ1's console at the drill's time. */
function ps(drill: Drill): string {
  const ctx = hostConsole(drill.compiled, createTelemetry(drill.compiled, 1), drill, 'FEServ1')!;
  return runShell(ctx, 'ps aux').lines.join('\n');
}

describe('a killed process stops', { timeout: 60_000 }, () => {
  const killedAt = ms('3m'); // asked at 1m, done after its 2 minutes
  const killed = drillWith([[1, kill]], 30);
  const untouched = drillWith([], 30);
  const facts = (drill: Drill, minutes = 30) =>
    drillFacts(drill.compiled, drill.trace, drill.context.seed, { from: 0, to: minutes * MIN });

  it('the engine records the kill', () => {
    expect(killed.trace.filter((e) => e.type === 'process.killed')).toMatchObject([
      { t: killedAt, component: 'FEServ1', process: IMPLANT },
    ]);
  });

  it('its process ends at the kill and its DNS beacon stops; without a kill both go on', () => {
    const queries = (drill: Drill) =>
      facts(drill).filter((f) => f.item === 'tunnel.tunnel-queries');
    expect(queries(untouched).some((f) => f.t > killedAt)).toBe(true);
    expect(queries(killed).length).toBeGreaterThan(0);
    expect(queries(killed).every((f) => f.t < killedAt)).toBe(true);
    const implant = facts(killed).find((f) => f.item === 'tunnel.tunnel-implant')!;
    expect(implant).toMatchObject({ until: killedAt, endedBy: 'kill' });
    expect(facts(untouched).find((f) => f.item === 'tunnel.tunnel-implant')!.endedBy).toBe(
      undefined,
    );
  });

  it('ps lists it before the kill and not after', () => {
    expect(ps(drillWith([[1, kill]], 2))).toContain(IMPLANT);
    expect(ps(killed)).not.toContain(IMPLANT);
    expect(ps(untouched)).toContain(IMPLANT);
  });

  it('a new stay in the state (the attacker back in) starts the implant again', () => {
    // The killed drill's trace with the attacker entering the state again at 40m, as a re-entry
    // through a leftover does (attacker.entered: a new stay, the engine's attackerSince).
    const back = 40 * MIN;
    const trace = [
      ...killed.trace.filter((e) => e.t < 30 * MIN),
      {
        t: back,
        type: 'attacker.entered' as const,
        state: 'shell',
        compromises: ['FEServ1'],
        data: [],
      },
    ];
    const all = drillFacts(killed.compiled, trace, killed.context.seed, { from: 0, to: 60 * MIN });
    const implants = all.filter((f) => f.item === 'tunnel.tunnel-implant');
    expect(implants.map((f) => [f.t >= back, f.endedBy])).toEqual([
      [false, 'kill'],
      [true, undefined],
    ]);
    const queries = all.filter((f) => f.item === 'tunnel.tunnel-queries');
    expect(queries.some((f) => f.t > killedAt && f.t < back)).toBe(false);
    expect(queries.some((f) => f.t > back)).toBe(true);
  });

  it('auditd records the kill(2) of the implant’s pid, as its own exec record gave it', () => {
    const audit = createTelemetry(killed.compiled, 1)
      .window(0, 30 * MIN, { component: 'FEServ1', source: 'auditd' }, killed)
      .map((l) => l.text);
    const exec = audit.find((l) => l.includes('syscall=59') && l.includes('comm=".d"'))!;
    const pid = /\bpid=(\d+)/.exec(exec.replace(/ppid=\d+/, ''))![1]!;
    const sys = audit.find((l) => l.includes('syscall=62'))!;
    expect(sys).toMatch(
      new RegExp(
        `^type=SYSCALL msg=audit\\(\\d+\\.\\d{3}:\\d+\\): arch=c000003e syscall=62 success=yes exit=0 a0=${Number(pid).toString(16)} a1=9 `,
      ),
    );
    expect(sys).toContain('comm="kill" exe="/usr/bin/kill"');
    const stamp = /msg=(audit\([^)]+\))/.exec(sys)![1]!;
    const obj = audit.find((l) => l.startsWith('type=OBJ_PID') && l.includes(stamp))!;
    expect(obj).toBe(
      `type=OBJ_PID msg=${stamp}: opid=${pid} oauid=-1 ouid=998 oses=-1 obj=system_u:system_r:httpd_t:s0 ocomm=".d"`,
    );
    expect(audit.some((l) => l.startsWith('type=PROCTITLE') && l.includes(stamp))).toBe(true);
    // The pid the trainee saw in ps before killing it is the one the kill names.
    const row = ps(drillWith([[1, kill]], 2))
      .split('\n')
      .find((l) => l.includes(IMPLANT))!;
    expect(row.split(/\s+/)[1]).toBe(pid);
    // Nothing of the kind without a kill.
    const quiet = createTelemetry(untouched.compiled, 1)
      .window(0, 30 * MIN, { component: 'FEServ1', source: 'auditd' }, untouched)
      .map((l) => l.text);
    expect(quiet.some((l) => l.includes('syscall=62'))).toBe(false);
  });
});

describe('a killed reverse shell stops', { timeout: 60_000 }, () => {
  // The leftovers fixture with the reverse-shell template on FEServ1, its access carried by bash.
  const doc = parse(readFileSync(`${ROOT}test/fixtures/engine/leftovers.yaml`, 'utf8')) as Record<
    string,
    any
  >;
  doc.actions.push({ id: 'kill-process', targets: ['FEServ1'], duration: '2m' });
  const state = doc.attacker.states.find((s: { id: string }) => s.id === 'shell');
  state.evidence.push({ id: 'rs', use: 'reverse-shell', on: 'FEServ1', with: { port: 4444 } });
  state.access = [{ via: 'reverse-shell', from: 'FEServ1', port: 4444, process: 'bash' }];
  const shell = orThrow(checkScenarioText('rs.yaml', stringify(doc), arch)).model;
  const at = (minutes: number, killIt: boolean) => {
    const drill = new Drill(arch, shell, 1);
    if (killIt) {
      drill.advanceTo(MIN);
      drill.act({ do: 'kill-process', target: 'FEServ1', value: 'bash' });
    }
    drill.advanceTo(minutes * MIN);
    return drill;
  };
  const ss = (drill: Drill) => {
    const ctx = hostConsole(drill.compiled, createTelemetry(drill.compiled, 1), drill, 'FEServ1')!;
    return runShell(ctx, 'ss -tanp').lines.join('\n');
  };

  it('its connection to the attacker closes at the kill (ss, the facts), its process leaves ps', () => {
    const killed = at(20, true);
    expect(killed.trace.some((e) => e.type === 'process.killed')).toBe(true);
    const conn = drillFacts(killed.compiled, killed.trace, killed.context.seed, {
      from: 0,
      to: 20 * MIN,
    }).find((f) => f.item === 'rs.reverse-shell-connection')!;
    expect(conn).toMatchObject({ until: 3 * MIN, endedBy: 'kill' });
    expect(ss(at(2, true))).toContain(':4444');
    expect(ss(killed)).not.toContain(':4444');
    expect(ss(at(20, false))).toContain(':4444');
    expect(ps(killed)).not.toContain('/dev/tcp/');
    expect(ps(at(20, false))).toContain('/dev/tcp/');
  });
});

describe(
  'a removed gateway plugin stops mirroring (lateral-ldap-ebus)',
  { timeout: 60_000 },
  () => {
    const scenario = orThrow(
      checkScenarioFile(`${ROOT}scenarios/lateral-ldap-ebus.yaml`, arch),
    ).model;
    const playthrough = (id: string): DrillResult => {
      const t = scenario.tests.find((x) => x.id === id)!;
      return runDrill(arch, scenario, t.seed ?? 1, t.actions as ActionLogEntry[]);
    };
    const compiled = compileScenarioData(arch, scenario);
    const mirror = (drill: DrillResult) =>
      drillFacts(compiled, drill.trace, drill.context.seed, {
        from: 0,
        to: drill.context.ended?.at ?? 4 * 60 * MIN,
      }).filter((f) => f.on === 'EBUS1' && f.kind === 'connection' && f.to?.kind === 'attacker');

    it('the mirror goes on without the removal and stops at it with it', () => {
      const kept = playthrough('plugin-outlives-the-shell');
      expect(mirror(kept).length).toBeGreaterThan(10);
      const removed = playthrough('remove-the-plugin');
      const removal = removed.trace.find((e) => e.type === 'artefact.removed')!;
      expect(removal).toMatchObject({ artefact: 'http-log-plugin', component: 'EBUS1' });
      const after = mirror(removed);
      expect(after.length).toBeGreaterThan(0); // it mirrored before the removal
      expect(after.every((f) => f.t < removal.t)).toBe(true);
      // And the drill ran on well past the removal (the lines would be there otherwise).
      expect(removed.context.ended!.at - removal.t).toBeGreaterThan(10 * MIN);
    });
  },
);
