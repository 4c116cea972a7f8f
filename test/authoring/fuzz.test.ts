import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { lintScenarioText } from '../../src/authoring/index.js';
import { formatDiagnostic, type Diagnostic } from '../../src/model/index.js';
import { architecture, defaultScenarioText } from '../helpers.js';

const arch = architecture();
const original = defaultScenarioText();

/** Small, nasty edits an author (or a bad copy-paste) makes. */
const MUTATIONS: Array<(text: string, next: () => number) => string> = [
  (t, n) => {
    const i = Math.floor(n() * t.length);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(n() * 8));
  },
  (t, n) => {
    const i = Math.floor(n() * t.length);
    const junk = [
      '\u0000',
      '\u0007',
      '\u001b[2J',
      '\u009b',
      ':',
      '- ',
      '&a ',
      '*a',
      '{',
      ']',
      '"',
      "'",
      '\t',
      '\n  ',
      '__proto__: 1\n',
      'constructor: {}\n',
      '💥',
    ];
    return t.slice(0, i) + junk[Math.floor(n() * junk.length)] + t.slice(i);
  },
  (t, n) => {
    const lines = t.split('\n');
    const i = Math.floor(n() * lines.length);
    lines.splice(i, 0, lines[Math.floor(n() * lines.length)]!);
    return lines.join('\n');
  },
  (t, n) => {
    const lines = t.split('\n');
    const i = Math.floor(n() * lines.length);
    lines.splice(i, 1);
    return lines.join('\n');
  },
  (t, n) => {
    const lines = t.split('\n');
    const i = Math.floor(n() * lines.length);
    lines[i] = ` ${lines[i]}`;
    return lines.join('\n');
  },
  (t, n) => {
    const words = [
      'FEServ1',
      'recon',
      'foothold',
      '25m',
      'true',
      'alert',
      'isolate-host',
      'plan.confirm',
    ];
    const from = words[Math.floor(n() * words.length)]!;
    const to = words[Math.floor(n() * words.length)]!;
    return t.replace(from, to);
  },
  (t, n) => {
    const i = Math.floor(n() * t.length);
    return t.slice(0, i) + 'x'.repeat(5000 + Math.floor(n() * 5000)) + t.slice(i);
  },
];

function located(d: Diagnostic, lineCount: number): boolean {
  return (
    d.file === 'fuzz.yaml' &&
    Number.isInteger(d.line) &&
    d.line >= 1 &&
    d.line <= lineCount + 1 &&
    Number.isInteger(d.column) &&
    d.column >= 1 &&
    typeof d.code === 'string' &&
    d.code.length > 0
  );
}

/** 250 in npm test; the soak run sets 10,000 (vitest.soak.config.ts). */
const ROUNDS = Number(process.env.TTX_FUZZ_ROUNDS ?? 250);

describe('loader and lint fuzzing (seeded)', () => {
  it(`never throw on ${ROUNDS} mutated copies of the shipped scenario, and locate every diagnostic`, () => {
    const next = seedrandom.alea('ttx-fuzz-1');
    let invalid = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let text = original;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++)
        text = MUTATIONS[Math.floor(next() * MUTATIONS.length)]!(text, next);
      let result: ReturnType<typeof lintScenarioText> | undefined;
      expect(() => {
        result = lintScenarioText('fuzz.yaml', text, arch);
      }, `round ${round}`).not.toThrow();
      const lineCount = text.split(/\r?\n/).length;
      for (const d of result!.diagnostics) {
        expect(located(d, lineCount), `round ${round}: ${JSON.stringify(d)}`).toBe(true);
        // What reaches a terminal carries no control characters (tab and newline aside).
        // eslint-disable-next-line no-control-regex
        expect(formatDiagnostic(d)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      if (!result!.scenario) invalid++;
    }
    // The mutations are real: most copies are broken, some survive.
    expect(invalid).toBeGreaterThan(ROUNDS * 0.24);
    expect(invalid).toBeLessThan(ROUNDS);
  });
});
