import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadDrillInputs } from '../../src/cli/load.js';
import { runDrill } from '../../src/engine/index.js';
import { buildResults, leaderboards, loadRubricFor, type Results } from '../../src/export/index.js';
import { cli, ROOT } from '../helpers.js';
const GOOD = join(ROOT, 'scenarios/scripts/fe-bash-rce-good.yaml');
const LATE = join(ROOT, 'scenarios/scripts/fe-bash-rce-late.yaml');
const CODE = 'fe-bash-rce-0007';

const ttx = (...args: string[]) => cli(args);

const readAll = (dir: string): Results[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Results);

const withoutSavedAt = ({ savedAt: _s, ...rest }: Results) => rest;

describe('drill codes', () => {
  it('two runs from the same code with the same actions give identical results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-code-'));
    for (const team of ['A', 'A']) {
      const r = await ttx(
        'run',
        '--code',
        CODE,
        '--actions',
        GOOD,
        '--team',
        team,
        '--results-dir',
        dir,
      );
      expect(r.code).toBe(0);
    }
    const [a, b] = readAll(dir);
    expect(a!.code).toBe(CODE);
    expect(a!.seed).toBe('7');
    expect(a!.scenario.id).toBe('fe-bash-rce');
    expect(withoutSavedAt(a!)).toEqual(withoutSavedAt(b!));
    // The code means exactly scenario + seed: the same drill as --seed 7.
    const bySeed = await ttx(
      'run',
      'fe-bash-rce',
      '--seed',
      '7',
      '--actions',
      GOOD,
      '--json',
      '--no-results',
    );
    const byCode = await ttx(
      'run',
      '--code',
      CODE.toLowerCase(),
      '--actions',
      GOOD,
      '--json',
      '--no-results',
    );
    expect(byCode.stdout).toBe(bySeed.stdout);
  });

  it('rejects a malformed code and a code that contradicts the scenario', async () => {
    expect((await ttx('run', '--code', 'nonsense', '--no-results')).stderr).toMatch(
      /not a drill code/,
    );
    const clash = await ttx('run', 'intro-static-webshell', '--code', CODE, '--no-results');
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/the code is for scenario fe-bash-rce/);
  });
});

describe('ttx report --leaderboard', () => {
  it('ranks three teams of one code by score, then time to contain, with their divergence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-board-'));
    // Team Green: the good script minus its last escalation (same start, one difference).
    const good = parse(readFileSync(GOOD, 'utf8')) as { actions: Array<Record<string, unknown>> };
    const green = join(dir, 'green.yaml');
    const lastEscalation = good.actions.map((a) => a.do).lastIndexOf('escalate');
    writeFileSync(
      green,
      stringify({ ...good, actions: good.actions.filter((_, i) => i !== lastEscalation) }),
    );
    const results = join(dir, 'results');
    const play = async (team: string, script: string, ...who: string[]) =>
      expect(
        (
          await ttx(
            'run',
            '--code',
            CODE,
            '--actions',
            script,
            '--team',
            team,
            ...who,
            '--results-dir',
            results,
          )
        ).code,
      ).toBe(0);
    await play('Red', LATE, '--participant', 'Ana:incident lead');
    await play('Blue', GOOD, '--participant', 'Bo:network', '--participant', 'Cy:communications');
    await play('Green', green);

    const drills = readAll(results);
    expect(drills.find((d) => d.participants.team === 'Blue')?.participants.members).toEqual([
      { name: 'Bo', role: 'network' },
      { name: 'Cy', role: 'communications' },
    ]);
    const [board] = leaderboards(drills);
    expect(board!.code).toBe(CODE);
    // The expected order, computed independently from the scores and containment times.
    const expected = [...drills]
      .sort(
        (a, b) =>
          b.score.total - a.score.total ||
          (a.score.measures.timeToContain ?? Infinity) -
            (b.score.measures.timeToContain ?? Infinity),
      )
      .map((d) => d.participants.team);
    expect(board!.rows.map((r) => r.team)).toEqual(expected);
    expect(board!.rows[0]!.team).toBe('Blue');
    expect(board!.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    const greenRow = board!.rows.find((r) => r.team === 'Green')!;
    expect(greenRow.divergence?.index).toBe(lastEscalation);
    const redRow = board!.rows.find((r) => r.team === 'Red')!;
    expect(redRow.divergence?.index).toBe(0);

    const table = await ttx('report', '--leaderboard', results);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe(`Leaderboard ${CODE} (3 teams)`);
    expect(lines.slice(2, 5).map((l) => l.trim().split(/\s+/)[1])).toEqual(expected);
    expect(table.stdout).toMatch(new RegExp(`action ${lastEscalation + 1}: forensic-snapshot`));
  });

  it('breaks a tie in score by the shorter time to contain', async () => {
    const inputs = loadDrillInputs({ scenario: 'fe-bash-rce', actions: GOOD });
    const actions = inputs.script!.model.actions;
    const base = buildResults({
      ...inputs,
      rubric: loadRubricFor(
        inputs.scenario.model,
        inputs.architecture.model,
        join(ROOT, 'scoring'),
      ),
      seed: '7',
      actions,
      result: runDrill(inputs.architecture.model, inputs.scenario.model, '7', actions),
    });
    const variant = (team: string, ttc: number | undefined): Results => ({
      ...base,
      participants: { team },
      score: { ...base.score, measures: { ...base.score.measures, timeToContain: ttc } },
    });
    const [board] = leaderboards([
      variant('Slow', 40 * 60_000),
      variant('Never', undefined),
      variant('Fast', 10 * 60_000),
    ]);
    expect(board!.rows.map((r) => r.team)).toEqual(['Fast', 'Slow', 'Never']);
    expect(board!.rows[1]!.divergence).toBeUndefined(); // same actions as the leader
  });
});
