// The optional Mermaid check (npm run check:mermaid installs mermaid and jsdom, 135 MB, for it
// alone): `ttx graph` output is accepted by the real Mermaid parser.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../src/authoring/index.js';
import { defaultScenario } from '../helpers.js';

const scenario = defaultScenario();

// Mermaid's parser needs a DOM for DOMPurify; jsdom provides one, so no browser is involved.
// Only `window` and `document` are set: vitest's jsdom environment would also replace URL.
const { window } = new JSDOM('');
Object.assign(globalThis, { window, document: window.document });
const { default: mermaid } = await import('mermaid');

describe('ttx graph --format mermaid', () => {
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
  });
});
