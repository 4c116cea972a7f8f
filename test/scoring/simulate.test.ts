import { describe, expect, it } from 'vitest';
import { summarise, type SimulatedRun } from '../../src/authoring/simulate.js';
import { GOLDEN_DIR, cli, runCli } from '../helpers.js';

/** `ttx simulate` on the golden fe-bash-rce, in process. */
const simulate = (...args: string[]) => cli(['simulate', `${GOLDEN_DIR}fe-bash-rce.yaml`, ...args]);

const run = (seed: number, total: number, contained = true): SimulatedRun => ({
  seed,
  total,
  grade: total >= 90 ? 'A' : 'F',
  evaluated: true,
  contained,
  objectiveReached: !contained,
});

describe('ttx simulate', () => {
  it('bins scores by tens (100 in the last bin) and shares the outcomes', () => {
    const s = summarise([run(1, 0), run(2, 9.9), run(3, 10), run(4, 99.9), run(5, 100, false)]);
    expect(s.histogram.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(s.score).toMatchObject({ min: 0, max: 100, median: 10 });
    expect(s.outcomes).toEqual({
      contained: 0.8,
      notContained: 0.2,
      objectiveReached: 0.2,
      notEvaluated: 0,
    });
    expect(s.grades).toEqual({ A: 2, F: 3 });
  });

  it('plays the seeds headless and prints the distribution, outcomes and gates as JSON', async () => {
    const a = await simulate('--runs', '4', '--policy', 'none', '--json');
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(doc).toMatchObject({
      format: 'ttx-simulate/1',
      policy: 'none',
      seeds: { from: 1, to: 4 },
    });
    expect(doc.runs.map((r: SimulatedRun) => r.seed)).toEqual([1, 2, 3, 4]);
    expect(doc.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(4);
    expect(doc.outcomes.contained).toBe(0);
    expect(doc.gates.map((g: { id: string; passed: boolean }) => [g.id, g.passed])).toEqual([
      ['gate:model-answer', true],
      ['gate:no-response', true],
      ['gate:end-at-1m', true],
      ['gate:tick-every-step', true],
      ['gate:lock-everything-down', true],
    ]);
    // Deterministic: the same seeds give the same document.
    const b = await simulate('--runs', '4', '--policy', 'none', '--json');
    expect(b.stdout).toBe(a.stdout);
  });

  it('takes an action script as the policy and rejects an unknown one', async () => {
    const text = await simulate('--runs', '2', '--policy', `${GOLDEN_DIR}fe-bash-rce-good.yaml`);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Score distribution:/);
    expect(text.stdout).toMatch(/Outcomes: contained 100\.0%/);
    const bad = await simulate('--policy', 'nobody');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--policy takes best, none, random or an action script/);
  });

  it('splits the seeds over worker threads in the built binary, with the same result', () => {
    const args = [
      'simulate',
      `${GOLDEN_DIR}fe-bash-rce.yaml`,
      '--runs',
      '6',
      '--policy',
      'random',
      '--json',
    ];
    const one = runCli([...args, '--workers', '1']);
    const two = runCli([...args, '--workers', '2']);
    expect(one.code).toBe(0);
    expect(two.stderr).toMatch(/on 2 thread\(s\)/);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });
});
