import { instance } from '@viz-js/viz';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { scenarioGraph, toDot, toMermaid } from '../../src/authoring/index.js';
import { defaultScenario } from '../helpers.js';

const scenario = defaultScenario();

// Mermaid's parser needs a DOM for DOMPurify; jsdom provides one, so no browser is involved.
// Only `window` and `document` are set: vitest's jsdom environment would also replace URL.
const { window } = new JSDOM('');
Object.assign(globalThis, { window, document: window.document });
const { default: mermaid } = await import('mermaid');

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

  it('is Mermaid that the real Mermaid parser accepts', async () => {
    const text = toMermaid(scenario);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    // The check can fail: a broken edge is refused.
    await expect(mermaid.parse(`${text}  n_start -->|"x| \n`)).rejects.toThrow();
  });

  it('stays valid Mermaid with quotes, brackets and control characters in titles', async () => {
    const nasty = structuredClone(scenario);
    nasty.attacker.states[0]!.title = 'He said "end" <b>now</b> | [x] {y} #1; \u001b[31m';
    nasty.injects[0]!.title = 'graph TD; A-->B %% "quoted"';
    await expect(mermaid.parse(toMermaid(nasty))).resolves.toBeTruthy();
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
