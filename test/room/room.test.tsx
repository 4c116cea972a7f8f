import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { replayDrill } from '../../src/engine/index.js';
import {
  appendControl,
  applyControl,
  openRoom,
  pendingControls,
  readControls,
  RoomMonitor,
  roomPaths,
  teamHeartbeat,
  teamJournal,
  teamRow,
  type ControlLine,
} from '../../src/room/index.js';
import { JournalWriter, readJournal, type JournalHeader } from '../../src/session/index.js';
import { roomFollower } from '../../src/cli/commands/play.js';
import { RoomApp } from '../../src/tui/room/RoomApp.js';
import { architecture, DEFAULT_SCENARIO_FILE, defaultScenario, runCli } from '../helpers.js';
import { decisionScenario, keyPresser, manualFrames, newSession } from '../tui/helpers.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const CODE = 'fe-bash-rce-0007';

function newRoom() {
  const paths = roomPaths(mkdtempSync(join(tmpdir(), 'ttx-room-')));
  openRoom(paths, CODE, new Date('2026-12-01T10:00:00Z'));
  return paths;
}

function header(team: string): JournalHeader {
  return {
    type: 'session',
    format: 'ttx-journal/1',
    session: team,
    scenario: { id: 'fe-bash-rce', file: DEFAULT_SCENARIO_FILE, sha256: 'x' },
    architecture: { id: 'acme-ecommerce', file: 'architecture.yaml', sha256: 'y' },
    seed: '7',
    code: CODE,
    team: { name: team, participants: [{ name: 'Ana', role: 'lead' }] },
    view: 'play',
  };
}

const control = (seq: number, to: string, rest: Record<string, unknown>): ControlLine =>
  ({ type: 'control', seq, to, wall: '', ...rest }) as ControlLine;

describe('room controls reach a team through its own journal', () => {
  it('pendingControls: only this team or everyone, only after what it applied', () => {
    const controls = [
      control(1, '*', { do: 'pause' }),
      control(2, 'Red', { do: 'resume' }),
      control(3, 'Blue', { do: 'speed', speed: 60 }),
      control(4, '*', { do: 'message', text: 'hi' }),
    ];
    expect(pendingControls(controls, 'Blue', 0).map((c) => c.seq)).toEqual([1, 3, 4]);
    expect(pendingControls(controls, 'Blue', 3).map((c) => c.seq)).toEqual([4]);
  });

  it('applyControl pauses exactly, resumes, fires and skips injects, hints, tells', () => {
    const { session, wall } = newSession({ speed: 10 });
    wall.advance(30_000);
    session.tick(); // T+5m
    const told = [
      applyControl(session, control(1, '*', { do: 'pause' })),
      applyControl(session, control(2, '*', { do: 'pause' })), // already paused: nothing
    ];
    const pausedAt = session.drill.now;
    wall.advance(600_000);
    session.tick();
    expect(session.drill.now).toBe(pausedAt);
    told.push(applyControl(session, control(3, '*', { do: 'inject', inject: 'ips-scan' })));
    told.push(applyControl(session, control(4, '*', { do: 'skip', inject: 'lb-health-flap' })));
    told.push(applyControl(session, control(5, '*', { do: 'hint', text: 'check the WAF' })));
    told.push(applyControl(session, control(6, '*', { do: 'speed', speed: 60 })));
    told.push(applyControl(session, control(7, '*', { do: 'resume' })));
    told.push(applyControl(session, control(8, '*', { do: 'message', text: 'ten minutes' })));
    told.push(
      applyControl(session, control(9, 'Blue', { do: 'rate', objective: 'detect', rating: 'M' })),
    );
    expect(told).toEqual([
      'The facilitator paused the drill',
      '',
      'A new event arrived',
      '',
      'HINT: check the WAF',
      'The facilitator set the speed to ×60',
      'The facilitator resumed the drill',
      'FACILITATOR: ten minutes',
      '',
    ]);
    expect(session.clock.speed).toBe(60);
    expect(session.drill.context.fired.map((f) => f.id)).toContain('ips-scan');
    expect(session.drill.context.skipped).toEqual(['lb-health-flap']);
    expect(session.actionLog.map((a) => [a.do, a.by])).toEqual([
      ['facilitator.pause', 'facilitator'],
      ['facilitator.inject', 'facilitator'],
      ['facilitator.skip', 'facilitator'],
      ['facilitator.hint', 'facilitator'],
      ['facilitator.resume', 'facilitator'],
      ['facilitator.rate', 'evaluator'],
    ]);
    // The team's drill is exactly its log: replaying it gives the same trace.
    const replayed = replayDrill(
      architecture(),
      defaultScenario(),
      '7',
      session.actionLog,
      session.drill.now,
    );
    expect(replayed.trace).toEqual(session.drill.trace);
  });

  it('the follower applies a room pause in the team process and journals what it applied', async () => {
    const paths = newRoom();
    const file = teamJournal(paths, 'Blue');
    const writer = JournalWriter.create(file, header('Blue'));
    const { session, wall } = newSession({ speed: 10 });
    wall.advance(12_000);
    session.tick();
    const follow = roomFollower(paths, 'Blue', teamHeartbeat(paths, 'Blue'));
    try {
      follow.start(undefined);
      follow.attach(writer, session);
      await vi.waitFor(() => expect(readFileSync(teamHeartbeat(paths, 'Blue'))).toBeDefined());
      appendControl(paths, '*', { do: 'pause' }, new Date());
      appendControl(paths, 'Red', { do: 'message', text: 'not for Blue' }, new Date());
      await vi.waitFor(() => expect(session.clock.isPaused).toBe(true), { timeout: 3_000 });
      await vi.waitFor(() => expect(readJournal(file).roomControlsApplied).toBe(1));
      expect(session.notification).toBe('The facilitator paused the drill');
    } finally {
      follow.stop();
      writer.close();
    }
  });
});

describe('the room view of one team (pure)', () => {
  const inputs = { architecture: architecture(), scenario: defaultScenario() };
  const journal = (actions: Array<Record<string, unknown>>, lastAt: number, ended = false) => ({
    header: header('Blue'),
    actions: actions as never,
    acknowledged: [],
    roomControlsApplied: 0,
    lastAt,
    ended,
    warnings: [],
  });

  it('shows clock, declared severity, latest actions; disconnected when the heartbeat stops', () => {
    const j = journal(
      [
        { at: 60_000, do: 'plan.confirm' },
        { at: 120_000, do: 'declare-severity', severity: 'major' },
        { at: 130_000, do: 'facilitator.pause', by: 'facilitator' },
      ],
      140_000,
    );
    const paused = teamRow({ team: 'Blue', journal: j, sinceHeartbeat: 100 }, inputs, 5_000);
    expect(paused).toMatchObject({
      clock: 'T+00:02:20',
      status: 'paused',
      severity: 'major',
      contained: false,
      members: 'Ana (lead)',
    });
    expect(paused.recent).toEqual(['T+00:01:00 plan.confirm', 'T+00:02:00 declare-severity major']);
    expect(teamRow({ team: 'Blue', journal: j, sinceHeartbeat: 9_000 }, inputs, 5_000).status).toBe(
      'disconnected',
    );
  });

  it('reveals the score only when the drill has ended', () => {
    const running = teamRow(
      {
        team: 'Blue',
        journal: journal([], 60_000),
        sinceHeartbeat: 0,
        score: { total: 80, grade: 'B' },
      },
      inputs,
      5_000,
    );
    expect(running.score).toBeUndefined();
    const ended = teamRow(
      {
        team: 'Blue',
        journal: journal([{ at: 60_000, do: 'end' }], 60_000, true),
        sinceHeartbeat: 60_000,
        score: { total: 80, grade: 'B' },
      },
      inputs,
      5_000,
    );
    expect(ended).toMatchObject({ status: 'ended', score: '80 (B)' });
  });
});

describe('RoomMonitor', () => {
  // Its journal cache (size and mtime) must never hide an append: the bench measures the saving.
  it('sees what a team appends between two looks', () => {
    const paths = newRoom();
    const w = JournalWriter.create(teamJournal(paths, 'Blue'), header('Blue'));
    w.append({ type: 'action', at: 60_000, do: 'plan.confirm', by: 'Blue' });
    const monitor = new RoomMonitor(paths, {
      architecture: architecture(),
      scenario: defaultScenario(),
    });
    expect(monitor.look(Date.now()).teams[0]!.recent).toEqual(['T+00:01:00 plan.confirm']);
    expect(monitor.look(Date.now()).teams[0]!.severity).not.toBe('major');
    w.append({
      type: 'action',
      at: 120_000,
      do: 'declare-severity',
      severity: 'major',
      by: 'Blue',
    });
    const row = monitor.look(Date.now()).teams[0]!;
    expect(row.severity).toBe('major');
    expect(row.recent.at(-1)).toBe('T+00:02:00 declare-severity major');
    w.close();
  });
});

describe('ttx room (view)', () => {
  it("shows the selected team's decisions and its open decision points", () => {
    const paths = newRoom();
    const scenario = decisionScenario(); // the IPS scan (6m) asks what to do about the scanner
    for (const [team, decided] of [
      ['Blue', true],
      ['Red', false],
    ] as const) {
      const w = JournalWriter.create(teamJournal(paths, team), header(team));
      if (decided)
        w.append({
          type: 'action',
          at: 7 * 60_000,
          do: 'decide',
          decision: 'scan-response',
          option: 'watch',
          owner: 'Ana',
          by: team,
        });
      w.append({ type: 'clock', at: 8 * 60_000 });
      w.close();
      writeFileSync(teamHeartbeat(paths, team), '');
    }
    const app = render(
      <RoomApp
        paths={paths}
        code={CODE}
        architecture={architecture()}
        scenario={scenario}
        now={() => Date.now()}
        frames={() => () => {}}
        size={{ columns: 130, rows: 30 }}
        isColour={false}
      />,
    );
    const screen = plain(app.lastFrame());
    expect(screen).toContain('DECISIONS OF TEAM Blue');
    expect(screen).toContain(
      'T+00:07:00  What do we do about the scanner?: Note it and watch (Ana)',
    );
    const red = new RoomMonitor(paths, { architecture: architecture(), scenario }).look(Date.now())
      .teams[1]!;
    expect(red.team).toBe('Red');
    expect(red.decisions).toEqual([]);
    expect(red.openDecisions).toEqual(['What do we do about the scanner?']);
    app.unmount();
  });

  it('follows the teams and sends controls to all, or to the selected team', async () => {
    const paths = newRoom();
    const now = Date.now();
    for (const team of ['Blue', 'Red']) {
      const w = JournalWriter.create(teamJournal(paths, team), header(team));
      w.append({ type: 'action', at: 60_000, do: 'plan.confirm', by: team });
      w.append({ type: 'clock', at: 90_000 });
      w.close();
      writeFileSync(teamHeartbeat(paths, team), '');
    }
    // Red's terminal went away ten seconds ago.
    utimesSync(teamHeartbeat(paths, 'Red'), new Date(now - 10_000), new Date(now - 10_000));
    const { frames, tick: frameTick } = manualFrames();
    const app = render(
      <RoomApp
        paths={paths}
        code={CODE}
        architecture={architecture()}
        scenario={defaultScenario()}
        now={() => Date.now()}
        frames={frames}
        size={{ columns: 130, rows: 30 }}
        isColour={false}
      />,
    );
    const press = keyPresser(app);
    const screen = () => plain(app.lastFrame());
    expect(screen()).toContain('2 teams');
    expect(screen()).toMatch(/Blue\s+T\+00:01:30\s+running/);
    expect(screen()).toMatch(/Red\s+T\+00:01:30\s+DISCONNECTED/);
    await press(' ');
    expect(screen()).toContain('Paused (ALL TEAMS)');
    await press('\u001b[B'); // select Red
    await press('\t'); // controls go to the selected team only
    await press('b');
    for (const ch of 'hurry') await press(ch);
    await press('\r');
    expect(screen()).toContain('Message sent (team Red)');
    await press('x');
    await press('\r'); // the first inject
    await press('n'); // asks first: no
    expect(screen()).toContain('Nothing skipped');
    await press('r'); // the evaluator rates the selected team
    expect(screen()).toContain('RATE AN OBJECTIVE OF TEAM Red');
    await press('\r'); // detect
    await press('s');
    for (const ch of 'ok') await press(ch);
    await press('\r');
    expect(screen()).toContain('Rated detect: S (team Red)');
    expect(readControls(paths).map(({ wall: _w, ...c }) => c)).toEqual([
      { type: 'control', seq: 1, to: '*', do: 'pause' },
      { type: 'control', seq: 2, to: 'Red', do: 'message', text: 'hurry' },
      {
        type: 'control',
        seq: 3,
        to: 'Red',
        do: 'rate',
        objective: 'detect',
        rating: 'S',
        text: 'ok',
      },
    ]);
    frameTick();
    app.unmount();
  });
});

describe('ttx play --room: refusals before any terminal is needed', () => {
  it('names what is wrong and exits 2', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ttx-noroom-'));
    const noRoom = runCli(['play', '--room', empty, '--team', 'Blue']);
    expect(noRoom.code).toBe(2);
    expect(noRoom.stderr).toContain('no room in');
    const paths = newRoom();
    const noTeam = runCli(['play', '--room', paths.dir]);
    expect(noTeam.code).toBe(2);
    expect(noTeam.stderr).toContain('--team');
    writeFileSync(teamHeartbeat(paths, 'Blue'), ''); // Blue's terminal is there now
    const twice = runCli(['play', '--room', paths.dir, '--team', 'Blue']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('a team named Blue is already playing in this room');
    const w = JournalWriter.create(teamJournal(paths, 'Gold'), header('Gold'));
    w.append({ type: 'end', at: 60_000 });
    w.close();
    const done = runCli(['play', '--room', paths.dir, '--team', 'Gold']);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('has already finished');
  });
});
