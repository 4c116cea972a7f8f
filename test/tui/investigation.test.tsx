import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { App, type FrameTimer } from '../../src/tui/components/App.js';
import { telemetryLogSource } from '../../src/play/logSource.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import type { DrillSession } from '../../src/play/session.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { DEFAULT_SCENARIO_FILE, architecture } from '../helpers.js';
import { fakeWall, keyPresser } from './helpers.js';

const KEYS = { enter: '\r', escape: '\x1b', down: '\x1b[B', up: '\x1b[A', tab: '\t' };
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const ATTACKER = '198.51.100.23'; // fe-bash-rce, seed 7

/** fe-bash-rce at 120x40, turn-based, with the real telemetry behind the logs and the SIEM. */
async function drillAt(minutes: number) {
  const frames: FrameTimer = () => () => undefined;
  let session: DrillSession | undefined;
  const app = render(
    <App
      architecture={architecture()}
      catalog={loadCatalog([DEFAULT_SCENARIO_FILE], architecture())}
      start={{ screen: 'picker', pickerIndex: 0 }}
      seed="7"
      wall={fakeWall().now}
      frames={frames}
      size={{ columns: 120, rows: 40 }}
      logSourceFor={(drill) => telemetryLogSource(createTelemetry(drill.compiled, '7'))}
      onSession={(s) => void (session = s)}
    />,
  );
  const press = keyPresser(app);
  const screen = () => plain(app.lastFrame());
  await press(KEYS.enter); // picker -> briefing
  await press('m'); // turn-based
  await press(KEYS.enter); // start
  for (let t = 0; t < minutes; t += 5) await press('w'); // wait 5 simulated minutes
  return { app, press, screen, session: () => session! };
}

describe('investigating in the dashboard', { timeout: 120_000 }, () => {
  it('searches the SIEM, opens a result, marks the address and blocks it from the notebook', async () => {
    const t = await drillAt(35);
    expect(t.session().isIndexing).toBe(false); // no search yet: no index in memory
    await t.press('6'); // search tab
    expect(t.session().isIndexing).toBe(true); // frames index while the query is typed
    await t.press('/');
    expect(t.screen()).toContain('SIEM query>');
    await t.press('status:(502'); // a syntax error: told where, nothing journaled
    await t.press(KEYS.enter);
    expect(t.screen()).toMatch(/query: unexpected "\(" at column 8/);
    expect(t.session().actionLog.some((a) => a.do === 'search')).toBe(false);
    for (let i = 0; i < 11; i++) await t.press('\x7f'); // backspace
    await t.press('url.path:*PHP%0A* AND source:nginx-access');
    await t.press(KEYS.enter);
    expect(t.screen()).toMatch(
      /query: url\.path:\*PHP%0A\* AND source:nginx-access\s+\(\d+ matches/,
    );
    expect(t.screen()).toContain(`FEServ1 nginx-access src_ip=${ATTACKER}`);
    expect(t.session().actionLog.at(-1)).toMatchObject({ do: 'search' });

    await t.press(KEYS.enter); // open the newest result whole
    expect(t.screen()).toContain('fields (↑↓ choose):');
    expect(t.screen()).toContain(`src_ip = ${ATTACKER}`);
    await t.press('M'); // mark the selected field (src_ip)
    expect(t.screen()).toContain(`marked ${ATTACKER}`);
    await t.press(KEYS.escape);

    await t.press('8'); // notebook
    // Marked from a line of FEServ1's access log: seen on FEServ1.
    expect(t.screen()).toMatch(
      new RegExp(`address\\s+FEServ1\\s+${ATTACKER.replace(/\./g, '\\.')}`),
    );

    await t.press(KEYS.tab); // work -> map (FW1 is selected first)
    await t.press(KEYS.enter); // actions on FW1
    await t.press(KEYS.enter); // block-ip: proposes the notebook's address
    expect(t.screen()).toContain(`address> ${ATTACKER}`);
    await t.press(KEYS.enter);
    expect(t.session().drill.context.blockedIps).toEqual([ATTACKER]);
    expect(t.session().actionLog.at(-1)).toMatchObject({ do: 'block-ip', value: ATTACKER });
    t.app.unmount();
  });

  it('acts on what the notebook holds: a marked host is selected, an address opens its block', async () => {
    const t = await drillAt(10);
    await t.press('8'); // notebook
    await t.press('M');
    await t.press('feserv1'); // as the logs spell it
    await t.press(KEYS.enter);
    await t.press('M');
    await t.press(ATTACKER);
    await t.press(KEYS.enter);
    expect(t.screen()).toMatch(/account\s+feserv1/);
    await t.press(KEYS.enter); // the first entry: the host
    expect(t.screen()).toContain('FEServ1 selected: its actions are listed');
    expect(t.screen()).toMatch(/Isolate/i);
    await t.press('8');
    await t.press(KEYS.down); // the address
    await t.press(KEYS.enter);
    expect(t.screen()).toContain(`address> ${ATTACKER}`);
    await t.press(KEYS.enter);
    expect(t.session().actionLog.at(-1)).toMatchObject({ do: 'block-ip', value: ATTACKER });
    await t.press('8');
    await t.press('M');
    await t.press('EBUS9'); // looks like a host, is none of ours
    await t.press(KEYS.enter);
    await t.press('G'); // the last entry
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('EBUS9 is not a host of this architecture');
    t.app.unmount();
  });

  it('removes *this* file on the host it was found on, from the notebook', async () => {
    const SHELL = '/var/www/shop/public/media/static/thumb.php';
    const t = await drillAt(60);
    await t.press(KEYS.down);
    await t.press(KEYS.down); // FW1 -> WAF1 -> FEServ1
    await t.press('7'); // FEServ1's console
    await t.press(KEYS.enter);
    await t.press('ls -la /var/www/shop/public/media/static');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('thumb.php');
    await t.press('M'); // typed beside FEServ1's console: seen on FEServ1
    await t.press(SHELL);
    await t.press(KEYS.enter);
    await t.press(KEYS.tab);
    await t.press(KEYS.up);
    await t.press(KEYS.up); // the map back on FW1: not where the file is
    await t.press('8');
    expect(t.screen()).toContain(`path     FEServ1  ${SHELL}`); // seen on FEServ1
    await t.press(KEYS.enter); // two actions take a path on FEServ1: the trainee picks
    expect(t.screen()).toContain(`Act on ${SHELL}`);
    expect(t.screen()).toContain('Restore from a backup point on FEServ1');
    const options = t.screen().split('\n');
    const remove = options.findIndex((l) =>
      l.includes('Remove an artefact of the attacker on FEServ1'),
    );
    const first = options.findIndex((l) =>
      /(Remove an artefact|Restore from a backup) .*on FEServ1/.test(l),
    );
    for (let i = first; i < remove; i++) await t.press(KEYS.down);
    await t.press(KEYS.enter);
    // The prompt keeps the end of a long value in view.
    expect(t.screen()).toMatch(
      /Remove an artefact of the attacker on FEServ1: path> \S*\/thumb\.php/,
    );
    await t.press(KEYS.enter);
    expect(t.session().actionLog.at(-1)).toMatchObject({
      do: 'remove-artefact',
      target: 'FEServ1',
      value: SHELL,
    });
    t.app.unmount();
  });

  it('pivots on a field of a result (exclude, add)', async () => {
    const t = await drillAt(35);
    await t.press('6');
    await t.press('/');
    await t.press('url.path:*PHP%0A*');
    await t.press(KEYS.enter);
    await t.press(KEYS.enter);
    await t.press('-'); // exclude the first field's value
    expect(t.screen()).toMatch(/query: \(url\.path:\*PHP%0A\*\) AND NOT \w+:"[^"]+"/);
    t.app.unmount();
  });

  it("runs commands on the selected host's console", async () => {
    const t = await drillAt(10);
    await t.press(KEYS.down);
    await t.press(KEYS.down); // FW1 -> WAF1 -> FEServ1
    await t.press('7'); // console tab
    expect(t.screen()).toContain('console on FEServ1');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('[root@feserv1 ~]#');
    await t.press('uname -a');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('[root@feserv1 ~]# uname -a');
    expect(t.screen()).toMatch(/Linux feserv1 3\.10\.0/);
    await t.press(KEYS.enter);
    await t.press('nmap 10.0.0.0/8');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('bash: nmap: command not found');
    expect(t.session().actionLog.filter((a) => a.do === 'shell')).toMatchObject([
      { target: 'FEServ1', text: 'uname -a' },
      { target: 'FEServ1', text: 'nmap 10.0.0.0/8' },
    ]);
    t.app.unmount();
  });

  it('opens a log line whole and wraps long lines', async () => {
    const t = await drillAt(5);
    await t.press('1');
    await t.press('W');
    expect(t.screen()).toContain('wrap (W)');
    await t.press(KEYS.enter);
    expect(t.screen()).toContain('fields (↑↓ choose):');
    t.app.unmount();
  });
});
