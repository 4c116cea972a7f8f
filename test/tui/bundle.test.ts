import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const DIST = join(ROOT, 'dist');

// dist/ is built once by the global setup (test/setup/buildOnce.ts).

/** Chunks a file imports statically (what loads before any dynamic import runs). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(DIST, file), 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"/gm))
    staticClosure(m[1]!, seen);
  return seen;
}

describe('the bundle', () => {
  it('keeps React and Ink out of what `ttx --help` loads, and has them in the lazy UI chunk', () => {
    // The entry is one CommonJS file (decision 1060): the command tree and commander, nothing
    // else; each command's module is imported when its action runs.
    const entry = readFileSync(join(DIST, 'cli.cjs'), 'utf8');
    expect(entry).toMatch(/node_modules\/commander\//);
    expect(entry).not.toMatch(/node_modules\/(react|ink|yoga-layout|zod|yaml|xstate)\//);
    expect(entry).not.toMatch(/^\s*(import|export)\s/m);
    expect(entry).not.toMatch(/require\("\.\//);
    const play = entry.match(/import\("\.\/(command-play\.js)"\)/)?.[1];
    expect(play).toBeDefined();
    for (const file of staticClosure(play!)) {
      const text = readFileSync(join(DIST, file), 'utf8');
      expect(text, file).not.toMatch(/node_modules\/(react|ink|yoga-layout)\//);
    }
    const lazy = [...staticClosure(play!)].map((f) => readFileSync(join(DIST, f), 'utf8')).join('');
    const uiChunk = lazy.match(/import\("\.\/(tui-[^"]+)"\)/)?.[1];
    expect(uiChunk).toBeDefined();
    const ui = [...staticClosure(uiChunk!)]
      .map((f) => readFileSync(join(DIST, f), 'utf8'))
      .join('');
    expect(ui).toMatch(/node_modules\/ink\//);
    expect(ui).toMatch(/node_modules\/react\//);
    // Ink's unbounded text-size cache is replaced by the bounded one (scripts/ink-measure-text.mjs).
    expect(ui).toContain('cache.size >= LIMIT');
  });
});
