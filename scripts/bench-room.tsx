// Room benchmarks (npm run bench): a room following 20 teams. Latency from a team's action to the
// room's screen = the room's polling period (250 ms) + one look at every team + one frame.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { render } from 'ink-testing-library';
import React from 'react';
import { checkArchitectureFile, checkScenarioFile, orThrow } from '../src/model/index.js';
import {
  beat,
  openRoom,
  RoomMonitor,
  roomPaths,
  teamHeartbeat,
  teamJournal,
} from '../src/room/index.js';
import { JournalWriter } from '../src/session/index.js';
import { RoomApp } from '../src/tui/room/RoomApp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arch = orThrow(checkArchitectureFile(join(root, 'architecture.yaml')));
const scenario = orThrow(checkScenarioFile(join(root, 'scenarios/fe-bash-rce.yaml'), arch.model));
const report = (name: string, value: string, target?: string) =>
  console.log(`${name.padEnd(52)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const POLL_MS = 250;
const TEAMS = 20;

const dir = mkdtempSync(join(tmpdir(), 'ttx-bench-room-'));
try {
  const paths = roomPaths(dir);
  openRoom(paths, 'fe-bash-rce-0007', new Date());
  const writers: JournalWriter[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = `team-${t}`;
    const writer = JournalWriter.create(teamJournal(paths, team), {
      type: 'session',
      format: 'ttx-journal/1',
      session: team,
      scenario: { id: scenario.model.id, file: scenario.file, sha256: scenario.sha256 },
      architecture: { id: arch.model.id, file: arch.file, sha256: arch.sha256 },
      seed: '7',
      team: { name: team, participants: [] },
      view: 'play',
    });
    // Two simulated hours into the drill: a clock line a second of wall time at ×10, a few actions.
    for (let s = 0; s < 720; s++) writer.append({ type: 'clock', at: s * 10_000 });
    writer.append({ type: 'action', at: 2_100_000, do: 'plan.confirm', by: team });
    writer.append({
      type: 'action',
      at: 2_200_000,
      do: 'isolate-host',
      target: 'FEServ1',
      by: team,
    });
    beat(teamHeartbeat(paths, team), new Date());
    writers.push(writer);
  }
  const monitor = new RoomMonitor(paths, { architecture: arch.model, scenario: scenario.model });
  let t0 = performance.now();
  monitor.look(Date.now());
  report(
    `room: first look at ${TEAMS} teams (read + replay)`,
    `${(performance.now() - t0).toFixed(1)} ms`,
  );
  const looks: number[] = [];
  for (let i = 0; i < 20; i++) {
    // One team acts between two looks: only its drill is replayed again.
    writers[i % TEAMS]!.append({ type: 'clock', at: 7_200_000 + i * 1_000 });
    t0 = performance.now();
    monitor.look(Date.now());
    looks.push(performance.now() - t0);
  }
  const look = median(looks);
  report(`room: look after one team moved (${TEAMS} teams)`, `${look.toFixed(1)} ms`);
  report(
    'room: worst latency, team action -> room screen',
    `${(POLL_MS + Math.max(...looks) + 16).toFixed(0)} ms`,
    '<= 1000 ms',
  );

  // Frame time of the room view at 120x40 with 20 teams: React and Ink drawing a fresh snapshot
  // (every team's clock moved). The look that produced it is measured above, on its own.
  const base = monitor.look(Date.now());
  let tick = 0;
  const moving = {
    look: () => {
      tick += 1;
      return {
        ...base,
        teams: base.teams.map((team, i) => ({
          ...team,
          clock: `T+02:${String((tick + i) % 60).padStart(2, '0')}:00`,
          pace: (tick + i) % 3 === 0 ? 60 : 10,
        })),
      };
    },
  };
  let frame: (() => void) | undefined;
  const app = render(
    React.createElement(RoomApp, {
      paths,
      code: 'fe-bash-rce-0007',
      architecture: arch.model,
      scenario: scenario.model,
      now: () => Date.now(),
      monitor: moving,
      frames: (_ms: number, f: () => void) => {
        frame = f;
        return () => void (frame = undefined);
      },
      size: { columns: 120, rows: 40 },
      isColour: false,
    }),
  );
  const frames: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 60; i++) {
    const before = app.frames.length;
    t0 = performance.now();
    frame?.();
    while (app.frames.length === before && performance.now() - t0 < 200)
      await new Promise((r) => setImmediate(r));
    frames.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  app.unmount();
  report('room: frame at 120x40, 20 teams (render)', `${median(frames).toFixed(1)} ms`, '<= 16 ms');
  // On a loaded machine the wall figure includes waiting for a core; the CPU time does not.
  report(
    'room: CPU per frame (user + system)',
    `${((cpu.user + cpu.system) / 1000 / frames.length).toFixed(1)} ms`,
  );
  report('room: frame + look, the whole refresh', `${(median(frames) + look).toFixed(1)} ms`);
  for (const w of writers) w.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
