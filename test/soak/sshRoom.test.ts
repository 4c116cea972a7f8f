import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Drill, replayDrill } from '../../src/engine/index.js';
import { projectTechnicalActions } from '../../src/play/projections/actions.js';
import { projectMap } from '../../src/play/projections/map.js';
import { readJournal } from '../../src/session/index.js';
import { openRoom, roomPaths, RoomMonitor, teamJournal } from '../../src/room/index.js';
import { architecture, cli, defaultScenario, ROOT } from '../helpers.js';

/*
 * The natural deployment, for real: an OpenSSH server (Debian's openssh-server, unprivileged
 * config in a temporary folder, 127.0.0.1 on a free high port) and two teams logging in with
 * `ssh -tt`, each straight into `ttx play --room`. The facilitator's controls travel through the
 * room folder; a team whose SSH session is killed comes back into the same drill.
 */
const SSHD = '/usr/sbin/sshd';
const hasSsh = existsSync(SSHD) && spawnSync('ssh', ['-V']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

describe.skipIf(!hasSsh)('a room over real SSH logins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-sshd-'));
  const room = roomPaths(join(dir, 'room'));
  let sshd: ChildProcess | undefined;
  let port = 0;
  const clients: ChildProcess[] = [];

  beforeAll(async () => {
    port = await freePort();
    for (const key of ['host', 'client'])
      spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')));
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin yes',
        'PermitTTY yes',
        'AllowTcpForwarding no',
        'X11Forwarding no',
        '',
      ].join('\n'),
    );
    sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
    openRoom(room, 'fe-bash-rce-0007', new Date());
    // sshd is up when a login succeeds.
    await vi.waitFor(() => expect(ssh('true').status).toBe(0), { timeout: 15_000, interval: 300 });
  }, 30_000);

  afterAll(() => {
    for (const c of clients) c.kill('SIGKILL');
    sshd?.kill('SIGTERM');
  });

  const sshArgs = (command: string, tty: boolean) => [
    ...(tty ? ['-tt'] : []),
    '-p',
    String(port),
    '-i',
    join(dir, 'client'),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'BatchMode=yes',
    '-o',
    'LogLevel=ERROR',
    'root@127.0.0.1',
    command,
  ];
  const ssh = (command: string) => spawnSync('ssh', sshArgs(command, false), { encoding: 'utf8' });
  const ttx = `cd ${ROOT} && TERM=xterm-256color COLUMNS=120 LINES=40 NO_COLOR=1 node bin/ttx.js`;
  /** A team's terminal: an SSH login with a pseudo-terminal, running `ttx play --room`. */
  const login = (team: string) => {
    const client = spawn('ssh', sshArgs(`${ttx} play --room ${room.dir} --team ${team}`, true), {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    client.stdout!.on('data', (d: Buffer) => (screen += d.toString('utf8')));
    clients.push(client);
    return { client, screen: () => screen, keys: (k: string) => client.stdin!.write(k) };
  };
  const journalOf = (team: string) => readJournal(teamJournal(room, team));
  const monitor = () =>
    new RoomMonitor(room, { architecture: architecture(), scenario: defaultScenario() }).look(
      Date.now(),
    );

  it('two teams join, the room pauses both, one drops and resumes; one contains, the other not', async () => {
    const blue = login('Blue');
    const red = login('Red');
    for (const t of [blue, red]) {
      await vi.waitFor(() => expect(t.screen()).toContain('Press Enter to start'), {
        timeout: 20_000,
      });
      t.keys('\r');
    }
    await vi.waitFor(
      () =>
        expect(
          monitor()
            .teams.map((t) => t.team)
            .sort(),
        ).toEqual(['Blue', 'Red']),
      {
        timeout: 20_000,
      },
    );
    // The facilitator pauses everyone from the room (what the room view's space key appends).
    const { appendControl } = await import('../../src/room/index.js');
    appendControl(room, '*', { do: 'pause' }, new Date());
    for (const team of ['Blue', 'Red'])
      await vi.waitFor(
        () => expect(journalOf(team).actions.map((a) => a.do)).toContain('facilitator.pause'),
        { timeout: 10_000 },
      );
    await vi.waitFor(() => expect(journalOf('Blue').roomControlsApplied).toBe(1), {
      timeout: 10_000,
    });
    // A second terminal with a name that is playing is refused.
    const twice = ssh(`${ttx} play --room ${room.dir} --team Blue`);
    expect(twice.stderr + twice.stdout).toContain('a team named Blue is already playing');
    // Red's SSH session dies: the room shows it disconnected; nothing it journaled is lost.
    const before = journalOf('Red');
    red.client.kill('SIGKILL');
    await vi.waitFor(
      () => expect(monitor().teams.find((t) => t.team === 'Red')?.status).toBe('disconnected'),
      { timeout: 20_000, interval: 500 },
    );
    appendControl(room, 'Red', { do: 'message', text: 'come back' }, new Date());
    const back = login('Red');
    await vi.waitFor(() => expect(journalOf('Red').roomControlsApplied).toBe(2), {
      timeout: 20_000,
    });
    const after = journalOf('Red');
    expect(after.actions.slice(0, before.actions.length)).toEqual(before.actions);
    expect(after.header.session).toBe(before.header.session);
    // Every team's drill is still exactly its journal.
    for (const team of ['Blue', 'Red']) {
      const j = journalOf(team);
      const drill = replayDrill(
        architecture(),
        defaultScenario(),
        j.header.seed,
        j.actions,
        j.lastAt,
      );
      expect(drill.now).toBe(j.lastAt);
    }

    // The room resumes everyone at ×60. Blue locks the portal down once the attacker is in
    // (seed 7: initial access at 27m); Red does nothing. Both end their drill.
    appendControl(room, '*', { do: 'resume' }, new Date());
    appendControl(room, '*', { do: 'speed', speed: 60 }, new Date());
    await vi.waitFor(() => expect(journalOf('Blue').lastAt).toBeGreaterThan(29 * 60_000), {
      timeout: 90_000,
      interval: 500,
    });
    // The keys a trainee presses: Enter on the map's selection opens its actions; ↓ to lockdown.
    const probe = new Drill(architecture(), defaultScenario(), 7);
    const selected = projectMap(probe, new Map())[0]!.components[0]!.id;
    const index = projectTechnicalActions(probe, selected).findIndex((r) => r.id === 'lockdown');
    expect(index).toBeGreaterThanOrEqual(0);
    blue.keys('\r');
    for (let i = 0; i < index; i++) blue.keys('\x1b[B');
    blue.keys('\r');
    await vi.waitFor(
      () => expect(journalOf('Blue').actions.map((a) => a.do)).toContain('lockdown'),
      { timeout: 10_000 },
    );
    const lockedAt = journalOf('Blue').actions.find((a) => a.do === 'lockdown')!.at;
    await vi.waitFor(
      () => expect(journalOf('Blue').lastAt).toBeGreaterThan(lockedAt + 6 * 60_000),
      { timeout: 30_000, interval: 500 },
    );
    // Each answers the question once it is on the screen (a loaded machine draws it late).
    for (const t of [blue, back]) {
      t.keys('E');
      await vi.waitFor(() => expect(t.screen()).toContain('y = end'), { timeout: 20_000 });
      t.keys('y');
    }
    for (const team of ['Blue', 'Red'])
      await vi.waitFor(() => expect(journalOf(team).ended).toBe(true), { timeout: 30_000 });

    // The room: Blue contained, Red not; the leaderboard ranks them; each result replays.
    const seen = monitor();
    const row = (team: string) => seen.teams.find((t) => t.team === team)!;
    expect(row('Blue').contained).toBe(true);
    expect(row('Red').contained).toBe(false);
    expect(row('Blue').score).toBeDefined();
    const board = seen.leaderboard!;
    expect(board.code.toLowerCase()).toBe('fe-bash-rce-0007');
    expect(board.rows.map((r) => [r.team, r.contained])).toEqual([
      ['Blue', true],
      ['Red', false],
    ]);
    const results = readdirSync(room.results).filter((f) => f.endsWith('.json'));
    expect(results).toHaveLength(2);
    for (const file of results) {
      const replay = await cli(['replay', join(room.results, file)]);
      expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    }
    back.client.kill('SIGKILL');
    blue.client.kill('SIGKILL');
  }, 300_000);
});
