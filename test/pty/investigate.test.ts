import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../src/export/index.js';
import { expectTerminalRestored, KEY, ttxInPty } from './pty.js';

/**
 * Issue 13's terminal check: `ttx play fe-bash-rce` at 120x40 in a real pseudo-terminal, played
 * by keys as a trainee would: search the SIEM for the exploit, open a result, mark the attacker's
 * address from it, and block that address at FW1 from the notebook.
 */
const ATTACKER = '198.51.100.23'; // fe-bash-rce, seed 7

describe('investigating in a terminal', () => {
  it('searches for the exploit, marks the address it shows and blocks that address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-pty-investigate-'));
    const t = ttxInPty(
      [
        'play',
        'fe-bash-rce',
        '--seed',
        '7',
        '--sessions',
        join(dir, 'sessions'),
        '--results-dir',
        join(dir, 'results'),
      ],
      { cols: 120, rows: 40 },
    );
    await t.waitFor('Press Enter to start the drill.'); // a named scenario opens its briefing
    await t.press('m'); // turn-based
    await t.waitFor(/Clock: turn/);
    await t.pressUntil(KEY.enter, 'T+00:00:00');
    // Wait 5 simulated minutes at a time until the exploit has been running a while.
    // One key, then wait for its screen: a key typed while the UI is still drawing is not lost,
    // but the test must not type ahead of what it reads.
    for (let minutes = 5; minutes <= 35; minutes += 5) {
      await t.press('w');
      await t.waitFor(`T+00:${String(minutes).padStart(2, '0')}:00`, 30_000);
    }

    await t.press('6'); // the Search tab
    await t.waitFor('/ type a query (Lucene/KQL');
    await t.press('/');
    await t.waitFor('SIEM query>');
    await t.press('url.path:*PHP%0A* AND source:nginx-access'); // typed (pasted) at once
    await t.press(KEY.enter);
    await t.waitFor(/query: url\.path:\*PHP%0A\* AND source:nginx-access\s+\(\d+ matches/);
    await t.waitFor(`FEServ1 nginx-access src_ip=${ATTACKER}`);

    await t.press(KEY.enter); // the newest result, whole, with its fields
    await t.waitFor('fields (↑↓ choose):');
    await t.waitFor(`src_ip = ${ATTACKER}`);
    await t.press('M'); // mark the selected field: the source address
    await t.waitFor(`marked ${ATTACKER}`);
    await t.press(KEY.escape);
    await t.press('8'); // the notebook
    await t.waitFor(new RegExp(`address\\s+${ATTACKER.replace(/\./g, '\\.')}`));

    await t.press(KEY.tab); // work -> map, FW1 selected
    await t.press(KEY.enter); // FW1's actions
    await t.press(KEY.enter); // block the attacker's IP: proposes the notebook's address
    await t.waitFor(`address> ${ATTACKER}`);
    await t.press(KEY.enter);
    await t.waitFor(/block|Block/);

    await t.press('E');
    await t.waitFor('End the drill now');
    await t.press('y');
    await t.waitFor('Debrief');
    await t.waitFor('saved to');
    await t.press('q');
    expect((await t.exited).exitCode).toBe(0);
    expectTerminalRestored(t);

    const [file] = readdirSync(join(dir, 'results'));
    const saved = readResultsFile(join(dir, 'results', file!));
    const did = saved.actions.map((a) => [a.do, a.value].filter(Boolean).join(' '));
    expect(did).toEqual(['search', `mark ${ATTACKER}`, `block-ip ${ATTACKER}`, 'end']);
    expect(saved.actions.find((a) => a.do === 'search')?.text).toBe(
      'url.path:*PHP%0A* AND source:nginx-access',
    );
  }, 180_000);
});
