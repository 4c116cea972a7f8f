import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoUtc, utcParts } from '../../src/model/index.js';
import { ROOT } from '../helpers.js';

describe('the pure core lint', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const probes = [
    'export const t = performance.now();',
    'export const t = process.hrtime();',
    'export const t = process.hrtime.bigint();',
    'export const id = crypto.randomUUID();',
    "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID();",
    "import { randomBytes } from 'crypto';\nexport const id = randomBytes(4);",
    "import { performance } from 'node:perf_hooks';\nexport const t = performance.now();",
    'export const t = new Date();',
    'export const t = new Date(0).toISOString();',
    'export const t = Date.now();',
    'export const r = Math.random();',
  ];
  it.each(probes)('bans %s in src/engine', async (code) => {
    const [result] = await eslint.lintText(code, { filePath: `${ROOT}src/engine/probe.ts` });
    expect(result!.errorCount).toBeGreaterThan(0);
  });

  it('lets a content hash through (deterministic)', async () => {
    const code =
      "import { createHash } from 'node:crypto';\nexport const h = createHash('sha256');";
    const [result] = await eslint.lintText(code, { filePath: `${ROOT}src/model/probe.ts` });
    expect(result!.messages).toEqual([]);
  });
});

describe('calendar arithmetic without Date', () => {
  it('agrees with Date for instants across four centuries', () => {
    for (let i = 0; i < 5000; i++) {
      // A spread of instants from 1900 to 2300, including leap days and negative epochs.
      const ms = -2_208_988_800_000 + Math.floor(((i * 2654435761) % 1_000_000) * 12_623_040.3);
      const d = new Date(ms);
      expect(isoUtc(ms)).toBe(d.toISOString());
      expect(utcParts(ms).weekday).toBe(d.getUTCDay());
    }
    expect(isoUtc(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59.999Z');
  });
});

describe('xstate', () => {
  it('is pinned to one exact version (the engine relies on decision 0900)', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
    const range = pkg.dependencies?.xstate ?? pkg.devDependencies?.xstate;
    expect(range).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
