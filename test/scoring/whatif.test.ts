import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import { explainDrill } from '../../src/scoring/explain.js';
import { parseActionSpec, parseDrillTime } from '../../src/scoring/whatif.js';
import { bestPolicy } from '../../src/authoring/bestPolicy.js';
import type { ActionLogEntry } from '../../src/model/index.js';
import { GOLDEN_DIR, architecture, cli, goldenScenario } from '../helpers.js';

const arch = architecture();
const scenario = goldenScenario();
const GOLDEN = `${GOLDEN_DIR}fe-bash-rce.yaml`;

async function savedDrill(...extra: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-whatif-'));
  const run = await cli([
    'run',
    `${GOLDEN_DIR}fe-bash-rce.yaml`,
    '--seed',
    '7',
    '--results-dir',
    dir,
    ...extra,
  ]);
  expect(run.code).toBe(0);
  return join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.json'))!,
  );
}

describe('ttx whatif', () => {
  it('reproduces the saved score with no change, and a different one with an isolation added', async () => {
    const file = await savedDrill();
    const same = await cli(['whatif', file, '--scenario', GOLDEN, '--json']);
    expect(same.code).toBe(0);
    const a = JSON.parse(same.stdout);
    expect(a.after.total).toBe(a.before.total);
    expect(a.before.outcome.contained).toBe(false);

    const moved = await cli([
      'whatif',
      file,
      '--scenario',
      GOLDEN,
      '--at',
      '26m',
      '--do',
      'isolate-host FEServ1',
      '--json',
    ]);
    const b = JSON.parse(moved.stdout);
    expect(b.before.total).toBe(a.before.total);
    expect(b.after.total).toBeGreaterThan(b.before.total);
    expect(b.after.outcome.dataReached).toEqual([]);
    expect(b.added).toEqual([{ at: 26 * 60_000, do: 'isolate-host', target: 'FEServ1' }]);

    const text = await cli([
      'whatif',
      file,
      '--scenario',
      GOLDEN,
      '--at',
      'T+00:26:00',
      '--do',
      'isolate-host FEServ1',
    ]);
    expect(text.stdout).toMatch(/\+ at T\+00:26:00: isolate-host FEServ1/);
    expect(text.stdout).toMatch(/Data reached: +personal-data {2}-> {2}none/);
    expect(text.stdout).toMatch(/The score rises by/);
  });

  it('removes an action of the log (--drop) and says what it was', async () => {
    const file = await savedDrill('--autopilot', 'best');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { actions: Array<{ do: string }> };
    const isolation = saved.actions.findIndex((a) => a.do === 'isolate-host') + 1;
    expect(isolation).toBeGreaterThan(0);
    const dropped = await cli([
      'whatif',
      file,
      '--scenario',
      GOLDEN,
      '--drop',
      String(isolation),
      '--json',
    ]);
    const doc = JSON.parse(dropped.stdout);
    expect(doc.dropped).toHaveLength(1);
    expect(doc.after.total).toBeLessThan(doc.before.total);
  });

  it('rejects unknown actions, missing times and bad indices with usage errors', async () => {
    const file = await savedDrill();
    expect(
      (await cli(['whatif', file, '--scenario', GOLDEN, '--at', '5m', '--do', 'teleport'])).code,
    ).toBe(2);
    expect(
      (await cli(['whatif', file, '--scenario', GOLDEN, '--do', 'isolate-host FEServ1'])).code,
    ).toBe(2);
    expect((await cli(['whatif', file, '--scenario', GOLDEN, '--drop', '9'])).code).toBe(2);
  });

  it('reads drill times and action specs', () => {
    expect(parseDrillTime('T+00:52:58')).toBe((52 * 60 + 58) * 1000);
    expect(parseDrillTime('52:58')).toBe((52 * 60 + 58) * 1000);
    expect(parseDrillTime('1h')).toBe(3_600_000);
    expect(parseDrillTime('00:61:00')).toBeUndefined();
    expect(parseActionSpec('escalate soc-provider phone', scenario, arch)).toEqual({
      do: 'escalate',
      contact: 'soc-provider',
      channel: 'phone',
    });
    expect(parseActionSpec('block-ip FW1 203.0.113.9', scenario, arch)).toEqual({
      do: 'block-ip',
      target: 'FW1',
      value: '203.0.113.9',
    });
    expect(parseActionSpec('declare-severity major', scenario, arch)).toEqual({
      do: 'declare-severity',
      severity: 'major',
    });
    expect(parseActionSpec('notify dpa', scenario, arch)).toEqual({ do: 'notify', contact: 'dpa' });
    expect(parseActionSpec('notify nobody', scenario, arch)).toContain('notify needs a contact');
    expect(parseActionSpec('isolate-host target=FEServ2', scenario, arch)).toEqual({
      do: 'isolate-host',
      target: 'FEServ2',
    });
  });
});

describe('the debrief explains why (explainDrill)', () => {
  it('names, for each move, the latest start of an action that prevents it, to the minute', () => {
    const result = runDrill(arch, scenario, 7, []);
    const reasons = explainDrill(arch, scenario, result);
    const first = reasons[0]!;
    expect(first.kind).toBe('prevented-by');
    expect(first.latest!).toBeLessThan(first.t);
    // The boundary: at `latest` the move does not happen, one minute later it does.
    const toLimit = {
      ...scenario,
      end: { ...scenario.end, when: { after: scenario.end.time_limit } },
    };
    const reachedWith = (at: number) =>
      runDrill(arch, toLimit, 7, [{ at, ...first.action! } as ActionLogEntry]).outcome
        .attackerReached;
    expect(reachedWith(first.latest!)).not.toContain(first.state);
    expect(reachedWith(first.latest! + 60_000)).toContain(first.state);
    expect(first.text).toMatch(
      /^had .+ been started by T\+\d\d:\d\d:00, ".+" \(T\+.+\) would not have happened$/,
    );
    // Deterministic.
    expect(explainDrill(arch, scenario, result)).toEqual(reasons);
  });

  it('names the action that blocked a move the attacker never made', () => {
    const result = runDrill(arch, scenario, 7, bestPolicy(arch, scenario, 7));
    const blocked = explainDrill(arch, scenario, result).filter((e) => e.kind === 'blocked-by');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked[0]!.text).toMatch(/kept the attacker from/);
    expect(result.outcome.attackerReached).not.toContain(blocked[0]!.state);
  });

  it('shows the reasons in the Markdown report (and leaves them out with --no-explain)', async () => {
    const file = await savedDrill();
    const md = await cli(['export', file, '--scenario', GOLDEN]);
    expect(md.stdout).toMatch(/## Why it happened \(computed by replaying the drill\)\n\n- had /);
    const bare = await cli(['export', file, '--scenario', GOLDEN, '--no-explain']);
    expect(bare.stdout).not.toMatch(/Why it happened/);
  });

  it('replays a drill of a scenario file outside scenarios/ when --scenario names it', async () => {
    // Same id as a shipped scenario, other bytes: by id alone the report cannot trust the replay.
    const dir = mkdtempSync(join(tmpdir(), 'ttx-own-scenario-'));
    const own = join(dir, 'our-fe-bash-rce.yaml');
    writeFileSync(own, `${readFileSync(GOLDEN, 'utf8')}\n# our copy\n`);
    const run = await cli(['run', own, '--seed', '7', '--results-dir', dir]);
    const file = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.json'))!,
    );
    expect(run.code).toBe(0);
    const byId = await cli(['export', file]);
    expect(byId.stderr).toMatch(/the scenario changed since the drill/);
    expect(byId.stdout).not.toMatch(/Why it happened/);
    const named = await cli(['export', file, '--scenario', own]);
    expect(named.stderr).toBe('');
    expect(named.stdout).toMatch(/## Why it happened/);
    const layer = JSON.parse(
      (await cli(['export', file, '-f', 'navigator', '--scenario', own])).stdout,
    );
    expect(layer.techniques.length).toBeGreaterThan(0);
  });
});
