import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import { median, percentile } from '../../src/export/index.js';
import { cli, defaultScenarioText, ROOT } from '../helpers.js';
import { makeResults } from '../export/fixtures.js';

const GOOD = join(ROOT, 'scenarios/scripts/fe-bash-rce-good.yaml');

const ttx = (...args: string[]) => cli(args);

describe('ttx run with results', () => {
  it('prints the score, saves the results file and keeps --json byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-run-'));
    const text = await ttx(
      'run',
      '--seed',
      '7',
      '--actions',
      GOOD,
      '--results-dir',
      dir,
      '--trainee',
      'Ann',
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Score: 88.5 \/ 100 \(grade B, rubric default\)/);
    expect(text.stdout).toMatch(/objectives: detect P, escalate M, contain P, evidence P/);
    const saved = /Results saved to (.*\.json)/.exec(text.stdout)![1]!;
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({
      format: 'ttx-results/1',
      participants: { trainee: 'Ann' },
      score: { total: 88.5 },
    });
    const a = await ttx('run', '--seed', '7', '--actions', GOOD, '--json', '--results-dir', dir);
    const b = await ttx('run', '--seed', '7', '--actions', GOOD, '--json', '--results-dir', dir);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).score.total).toBe(88.5);
    expect(a.stderr).toMatch(/results saved to/);
    expect(readdirSync(dir)).toHaveLength(3);
    expect(
      (await ttx('run', '--seed', '7', '--no-results', '--results-dir', join(dir, 'none'))).code,
    ).toBe(0);
    expect(readdirSync(dir)).toHaveLength(3);
  });
});

describe('ttx export and replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-export-'));
  let file = '';
  beforeAll(async () => {
    const run = await ttx('run', '--seed', '7', '--actions', GOOD, '--results-dir', dir);
    file = /Results saved to (.*\.json)/.exec(run.stdout)![1]!;
  });

  it('exports every format, to stdout or atomically to --out', async () => {
    expect((await ttx('export', file)).stdout).toMatch(
      /^# After-Action Report \/ Improvement Plan/,
    );
    expect((await ttx('export', file, '--format', 'csv')).stdout).toMatch(/^"index","t_ms"/);
    expect((await ttx('export', file, '-f', 'csv-summary')).stdout).toMatch(/^"file","saved_at"/);
    expect(JSON.parse((await ttx('export', file, '-f', 'json')).stdout).format).toBe(
      'ttx-results/1',
    );
    const out = join(dir, 'aar.html');
    const html = await ttx('export', file, '-f', 'html', '--out', out);
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect((await ttx('export', file, '-f', 'pdf')).code).toBe(2);
  });

  it('names the file and the problem for a damaged results file (exit 1, no stack)', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"ttx-results/1","seed":');
    const { code, stderr } = await ttx('export', bad);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ttx: .*bad\.json: not valid JSON/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('replay reproduces the trace and the score', async () => {
    const { code, stdout } = await ttx('replay', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/same trace \(\d+ entries\) and same score \(88.5\)/);
  });

  it('replay exits 1 with a clear diff when the scenario changed', async () => {
    const changed = join(dir, 'fe-bash-rce.yaml');
    // The attacker is faster: initial access after 15m instead of 25m.
    writeFileSync(changed, defaultScenarioText().replace('after: 25m', 'after: 15m'));
    const { code, stdout, stderr } = await ttx('replay', file, '--scenario', changed);
    expect(code).toBe(1);
    expect(stderr).toMatch(/note: scenario fe-bash-rce changed: saved sha256 [0-9a-f]{12}, now/);
    expect(stdout).toMatch(/DIFFERS from the saved drill/);
    expect(stdout).toMatch(/- saved: {2}T\+00:27:37 attacker -> initial-access/);
    expect(stdout).toMatch(/\+ replay: T\+00:1\d:\d\d attacker -> initial-access/);
    expect(stdout).toMatch(/score: saved 88.5, replay /);
  });
});

describe('ttx report', () => {
  // 50 drills: isolate FEServ1 and block the address at 28m + i x 30s; the block (5m) cuts the
  // exploit first, so each is contained at 33m + i x 30s (seed 7, decision 0960).
  const dir = mkdtempSync(join(tmpdir(), 'ttx-report-'));
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 50; i++) {
      const at = `${28 * 60 + i * 30}s`;
      const results = makeResults({
        actions: [
          { at, do: 'isolate-host', target: 'FEServ1' },
          { at, do: 'block-ip', target: 'FW1', value: '198.51.100.23' },
        ],
        team: i % 2 ? 'blue' : 'red',
        trainee: `t${i % 5}`,
        savedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      });
      writeFileSync(join(dir, `r${String(i).padStart(2, '0')}.json`), JSON.stringify(results));
    }
  });

  it('gives the right median and p90 time to contain over 50 results', async () => {
    const { code, stdout } = await ttx('report', dir, '--format', 'csv');
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    const all = rows.find((r) => r.by === 'all')!;
    expect(all.drills).toBe('50');
    // The clock starts at the first evidence (the WAF log, 1m after the attack): 263 + 30i s.
    // median of 263 + 30i s (i = 0..49) = mean of i = 24, 25 = 263 + 735 = 998 s (16m38s)
    expect(all.ttc_median_s).toBe('998');
    // nearest-rank p90: the 45th value, i = 44: blocked at 50m, after the implant is in (47m32s),
    // where only the isolation (10m) contains: 60m - 28m37s = 1883 s
    expect(all.ttc_p90_s).toBe('1883');
    // red: even i = 0..48, median of 25 values at i = 24 -> 983 s; blue: odd i, i = 25 -> 1013 s
    expect(rows.find((r) => r.by === 'team' && r.key === 'red')!.ttc_median_s).toBe('983');
    expect(rows.find((r) => r.by === 'team' && r.key === 'blue')!.ttc_median_s).toBe('1013');
    expect(rows.filter((r) => r.by === 'trainee').map((r) => r.drills)).toEqual([
      '10',
      '10',
      '10',
      '10',
      '10',
    ]);
  });

  it('renders a table, Markdown and HTML', async () => {
    expect((await ttx('report', dir)).stdout).toMatch(/^group\s+drills/);
    expect((await ttx('report', dir, '-f', 'markdown')).stdout).toMatch(/^# Preparedness review/);
    expect((await ttx('report', dir, '-f', 'html')).stdout).toMatch(/<svg/);
  });

  it('shows a progress bar on stderr only when stderr is a terminal', async () => {
    const capture = () => {
      const io = { out: '', err: '' };
      return {
        io,
        sink: { out: (s: string) => void (io.out += s), err: (s: string) => void (io.err += s) },
      };
    };
    const tty = capture();
    reportCommand([dir], { format: 'csv' }, tty.sink, true);
    expect(tty.io.err).toContain('50/50 results');
    const pipe = capture();
    reportCommand([dir], { format: 'csv' }, pipe.sink, false);
    expect(pipe.io.err).toBe('');
    expect(pipe.io.out).toBe(tty.io.out);
  });

  it('computes medians and nearest-rank percentiles', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
  });
});
