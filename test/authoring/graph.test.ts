import { instance } from '@viz-js/viz';
import { describe, expect, it } from 'vitest';
import { scenarioGraph, toDot, toMermaid } from '../../src/authoring/index.js';
import { defaultScenario } from '../helpers.js';

const scenario = defaultScenario();

// The real Mermaid parser's check (mermaid + jsdom, 135 MB) is optional: npm run check:mermaid.

describe('ttx graph output', () => {
  it('covers every attacker state, move and inject trigger', () => {
    const graph = scenarioGraph(scenario);
    const moves = graph.edges.filter((e) => e.kind === 'move');
    const triggers = graph.edges.filter((e) => e.kind === 'trigger');
    expect(moves).toHaveLength(1 + scenario.attacker.states.reduce((n, s) => n + s.next.length, 0));
    expect(triggers).toHaveLength(scenario.injects.length);
    expect(moves).toContainEqual(
      expect.objectContaining({
        from: 'state:recon',
        to: 'state:initial-access',
        label: expect.stringMatching(/^after 25m \+\/-5m; unless any\(ip_blocked/),
      }),
    );
  });

  it('stays valid DOT with quotes, brackets and control characters in titles', async () => {
    const nasty = structuredClone(scenario);
    nasty.attacker.states[0]!.title = 'He said "end" <b>now</b> | [x] {y} #1; \u001b[31m';
    nasty.injects[0]!.title = 'graph TD; A-->B %% "quoted"';
    expect(toMermaid(nasty)).not.toContain('\u001b');
    const viz = await instance();
    expect(viz.render(toDot(nasty), { format: 'svg' }).status).toBe('success');
  });

  it('is DOT that Graphviz (viz.js, the WebAssembly build) renders without errors', async () => {
    const viz = await instance();
    const result = viz.render(toDot(scenario), { format: 'svg' });
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('success');
    expect(result.output).toContain('initial&#45;access');
    expect(viz.render('digraph { a -> [ }', { format: 'svg' }).status).toBe('failure');
  });
});
