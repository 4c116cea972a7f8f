import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { replayDrill } from '../../src/engine/index.js';
import { readJournal } from '../../src/session/index.js';
import { openRoom, roomPaths, RoomMonitor, teamJournal } from '../../src/room/index.js';
import { architecture, defaultScenario, ROOT } from '../helpers.js';

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

  it('two teams join, the room pauses both, one drops and resumes into the same drill', async () => {
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
    await vi.waitFor(() => expect(journalOf('Blue').roomControlsApplied).toBe(1));
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
    back.client.kill('SIGKILL');
    blue.client.kill('SIGKILL');
  }, 120_000);
});
