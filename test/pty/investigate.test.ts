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
    await t.whenRaw();
    await t.press('m', /Clock: turn/); // turn-based
    await t.press(KEY.enter, 'T+00:00:00');
    // Wait 5 simulated minutes at a time until the exploit has been running a while.
    for (let minutes = 5; minutes <= 35; minutes += 5)
      await t.press('w', `T+00:${String(minutes).padStart(2, '0')}:00`);

    await t.press('6', '/ type a query (Lucene/KQL'); // the Search tab
    await t.press('/', 'SIEM query>');
    await t.type('url.path:*PHP%0A* AND source:nginx-access');
    await t.press(KEY.enter, /query: url\.path:\*PHP%0A\* AND source:nginx-access\s+\(\d+ matches/);
    await t.waitFor(`FEServ1 nginx-access src_ip=${ATTACKER}`);

    // The newest result, whole, with its fields; M marks the selected one (the source address).
    await t.press(KEY.enter, `src_ip = ${ATTACKER}`);
    await t.press('M', `marked ${ATTACKER}`);
    await t.press(KEY.escape, (screen) => !screen.includes('fields (↑↓ choose):'));
    // The notebook: the mark, and the host whose log showed it.
    await t.press('8', new RegExp(`address\\s+FEServ1\\s+${ATTACKER.replace(/\./g, '\\.')}`));

    await t.press(KEY.tab, '> Architecture'); // work -> map, FW1 selected
    await t.press(KEY.enter, "Block the attacker's IP"); // FW1's actions
    // Block the attacker's IP: it proposes the notebook's address.
    await t.press(KEY.enter, `address> ${ATTACKER}`);
    await t.press(KEY.enter, (screen) => !screen.includes('address>'));

    await t.press('E', 'End the drill now');
    await t.press('y', 'Debrief');
    await t.waitFor(/\d+ \/ 100/);
    await t.press(KEY.pageDown, 'saved to'); // below the score's dimensions
    await t.press('q', (screen) => !screen.includes('Debrief'));
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
