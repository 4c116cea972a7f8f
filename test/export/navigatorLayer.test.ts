import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { navigatorLayer } from '../../src/export/index.js';
import { cli } from '../helpers.js';

// The layer format 4.5 as a JSON Schema (its source is in the file's $comment).
const schema = JSON.parse(
  readFileSync(new URL('../fixtures/navigator/layer-4.5.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Every rule of layer format 4.5 our layers must keep; the messages say which one broke. */
function layerProblems(layer: unknown): string[] {
  const problems = validate(layer)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  const l = layer as {
    versions?: { navigator?: string };
    gradient?: { minValue: number; maxValue: number };
    techniques?: Array<{ techniqueID: string; score?: number }>;
  };
  // What the schema cannot say: the spec's "must be at least 4.9.0" and "maxValue must be > minValue".
  const [major = 0, minor = 0] = (l.versions?.navigator ?? '0.0.0').split('.').map(Number);
  if (major < 4 || (major === 4 && minor < 9)) problems.push('versions.navigator is below 4.9.0');
  if (l.gradient && !(l.gradient.maxValue > l.gradient.minValue))
    problems.push('gradient.maxValue is not above minValue');
  // Ours: each technique once, scored inside the gradient, so every cell gets a colour.
  const ids = (l.techniques ?? []).map((t) => t.techniqueID);
  if (new Set(ids).size !== ids.length) problems.push('a technique is listed twice');
  for (const t of l.techniques ?? [])
    if (
      l.gradient &&
      (t.score === undefined || t.score < l.gradient.minValue || t.score > l.gradient.maxValue)
    )
      problems.push(`${t.techniqueID}: score ${t.score} is outside the gradient`);
  return problems;
}

describe('ATT&CK Navigator layers are valid layer format 4.5', () => {
  it('the check itself rejects what the format forbids', () => {
    const good = JSON.parse(navigatorLayer([], 'empty'));
    expect(layerProblems(good)).toEqual([]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const broken = (change: (l: Record<string, any>) => void) => {
      const l = JSON.parse(navigatorLayer([], 'x'));
      change(l);
      return layerProblems(l);
    };
    expect(broken((l) => delete l.name)).not.toEqual([]);
    expect(broken((l) => (l.domain = 'enterprise'))).not.toEqual([]);
    expect(broken((l) => (l.versions.layer = '4.4'))).not.toEqual([]);
    expect(broken((l) => (l.versions.navigator = '4.8.2'))).not.toEqual([]);
    expect(broken((l) => (l.techniques = [{ techniqueID: 'T1190', score: '50' }]))).not.toEqual([]);
    expect(broken((l) => (l.techniques = [{ techniqueID: 'T190', score: 50 }]))).not.toEqual([]);
    expect(
      broken((l) => (l.techniques = [{ techniqueID: 'T1190', score: 50, comment: 3 }])),
    ).not.toEqual([]);
    expect(broken((l) => (l.gradient.colors = ['#ff6666']))).not.toEqual([]);
    expect(broken((l) => (l.gradient.maxValue = 0))).not.toEqual([]);
    expect(broken((l) => (l.legendItems = [{ label: 'x' }]))).not.toEqual([]);
    expect(broken((l) => (l.legendItems = [{ label: 'x', color: 'red-ish' }]))).not.toEqual([]);
  });

  it('per drill (ttx export) and across a folder (ttx report), as the CLI writes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-navigator-'));
    for (const [scenario, autopilot] of [
      ['fe-bash-rce', 'none'],
      ['fe-bash-rce', 'best'],
      ['drupageddon-advisory', 'best'],
    ] as const) {
      const run = await cli([
        'run',
        scenario,
        '--seed',
        '7',
        '--results-dir',
        dir,
        '--autopilot',
        autopilot,
      ]);
      expect(run.code).toBe(0);
    }
    const folder = JSON.parse((await cli(['report', dir, '--format', 'navigator'])).stdout);
    expect(layerProblems(folder)).toEqual([]);
    expect(folder.techniques.length).toBeGreaterThan(5);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const one = await cli(['export', join(dir, file), '--format', 'navigator']);
      expect(one.code).toBe(0);
      const layer = JSON.parse(one.stdout);
      expect(layerProblems(layer)).toEqual([]);
      expect(layer.techniques.length).toBeGreaterThan(0);
    }
  });
});
