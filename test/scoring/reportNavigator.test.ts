import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.js';

async function folderOfDrills(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-report12-'));
  for (const args of [
    ['--autopilot', 'none'],
    ['--autopilot', 'best'],
  ]) {
    const run = await cli(['run', 'fe-bash-rce', '--seed', '7', '--results-dir', dir, ...args]);
    expect(run.code).toBe(0);
  }
  return dir;
}

describe('ttx report: dimensions, trend, plan steps by name; ATT&CK Navigator layers', () => {
  it('breaks the score down by dimension, shows the trend by day and names the missed steps', async () => {
    const dir = await folderOfDrills();
    const table = await cli(['report', dir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/By dimension \(mean share earned/);
    expect(table.stdout).toMatch(/Time to contain/);
    expect(table.stdout).toMatch(/all: all drills +\d+% of 2/);
    expect(table.stdout).toMatch(
      /Trend \(mean score by day saved\):\n {2}all: all drills: \d{4}-\d\d-\d\d [\d.]+ \(2\)/,
    );
    // Plan steps by their titles, not their ids.
    expect(table.stdout).toMatch(/Understand the extent of the impact \(1\)/);
    expect(table.stdout).not.toMatch(/assess-impact \(1\)/);
    const md = await cli(['report', dir, '--format', 'markdown']);
    expect(md.stdout).toMatch(/## By dimension/);
    expect(md.stdout).toMatch(/## Trend/);
    const html = await cli(['report', dir, '--format', 'html']);
    expect(html.stdout).toMatch(/<h2>By dimension<\/h2>/);
  });

  it('exports a Navigator layer per drill and across a folder', async () => {
    const dir = await folderOfDrills();
    const layer = JSON.parse((await cli(['report', dir, '--format', 'navigator'])).stdout);
    expect(layer).toMatchObject({
      domain: 'enterprise-attack',
      versions: { layer: '4.5' },
      gradient: { minValue: 0, maxValue: 100 },
    });
    const byId = new Map(
      layer.techniques.map((t: { techniqueID: string; score: number }) => [t.techniqueID, t.score]),
    );
    // Exploitation (T1190) happened in both drills: contained in one (50), not in the other (0).
    expect(byId.get('T1190')).toBe(25);
    // Exfiltration (T1041) only without a response: 0 there, 100 for the model answer.
    expect(byId.get('T1041')).toBe(50);
    for (const t of layer.techniques) expect(t.techniqueID).toMatch(/^T\d{4}(\.\d{3})?$/);
  });
});

describe('ttx report figures', () => {
  it('gives the median score to one decimal, as every score is shown', async () => {
    const dir = await folderOfDrills();
    const { readdirSync, readFileSync } = await import('node:fs');
    const { aggregateResults } = await import('../../src/export/aggregate.js');
    const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    const base = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    // (17.3 + 81.1) / 2 is 49.199999999999996 in floating point.
    const drills = [17.3, 81.1].map((total) => ({ ...base, score: { ...base.score, total } }));
    const [all] = aggregateResults(drills);
    expect(all!.medianScore).toBe(49.2);
    expect(all!.meanScore).toBe(49.2);
  });
});
