import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { lintScenarioText } from '../../src/authoring/index.js';
import { formatDiagnostic, type Diagnostic } from '../../src/model/index.js';
import { architecture, defaultScenarioText } from '../helpers.js';
import { ttx } from '../reliability/inProcess.js';

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
  // CPU-bound and load-sensitive (22 s alone at load 17, 69 s inside the suite): a generous
  // bound, as the command fuzz below has; the soak's 10,000 rounds scale it.
  it(
    `never throw on ${ROUNDS} mutated copies of the shipped scenario, and locate every diagnostic`,
    () => {
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
    },
    Math.max(300_000, ROUNDS * 400),
  );
});

// Every loader and command, in process: mutated scenarios, action scripts, results files,
// journals and file names. 200 seeded inputs in npm test; TTX_FUZZ_ROUNDS=10000 in the soak.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('command fuzzing (seeded): validate, run, lint, test, export, replay, resume', () => {
  const rounds = Number(process.env.TTX_FUZZ_ROUNDS ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'ttx-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const NAME_JUNK = [
    '\u001b]0;x\u0007',
    '\u001b[2J',
    '\u202e',
    '\u009b',
    ' ',
    '-',
    '"',
    '💥',
    '\r',
  ];

  it(
    `answers ${rounds} mutated inputs with an exit code and clean output, never an internal error`,
    async () => {
      const next = seedrandom.alea('ttx-fuzz-commands-1');
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
      const mutate = (text: string) => {
        let out = text;
        for (let e = 1 + Math.floor(next() * 3); e > 0; e--) out = pick(MUTATIONS)(out, next);
        return out;
      };
      const resultsDir = join(dir, 'seed');
      const seeded = await ttx([
        'run',
        '--autopilot',
        'best',
        '--results-dir',
        resultsDir,
        '--journal',
        join(dir, 'seed.jsonl'),
      ]);
      expect(seeded.code).toBe(0);
      const resultsText = readFileSync(join(resultsDir, readdirSync(resultsDir)[0]!), 'utf8');
      const journalText = readFileSync(join(dir, 'seed.jsonl'), 'utf8')
        .split('\n')
        .slice(0, 4)
        .join('\n');
      const script =
        'seed: 3\nactions:\n  - { at: 1m, do: note, text: one }\n  - { at: 2m, do: plan.confirm }\n';
      const commands = ['validate', 'lint', 'test', 'run', 'export', 'replay', 'resume'] as const;
      for (let round = 0; round < rounds; round++) {
        const command = commands[round % commands.length]!;
        const name = `f${round}${next() < 0.5 ? pick(NAME_JUNK) : ''}`;
        const file = (ext: string, text: string) => {
          const path = join(dir, `${name}${ext}`);
          writeFileSync(path, text);
          return path;
        };
        let args: string[];
        if (command === 'export')
          args = [
            'export',
            file('.json', mutate(resultsText)),
            '--format',
            pick(['markdown', 'csv', 'html', 'json']),
          ];
        else if (command === 'replay') args = ['replay', file('.json', mutate(resultsText))];
        else if (command === 'resume')
          args = ['resume', file('.jsonl', mutate(journalText)), '--headless', '--no-results'];
        else if (command === 'run')
          args =
            next() < 0.5
              ? ['run', '--actions', file('.yaml', mutate(script)), '--no-results']
              : ['run', file('.yaml', mutate(original)), '--no-results'];
        else args = [command, file('.yaml', mutate(original))];
        const r = await ttx(args);
        const what = `round ${round}: ttx ${command}`;
        expect([0, 1, 2], `${what} exit ${r.code}: ${r.stderr.slice(0, 300)}`).toContain(r.code);
        expect(r.stderr, what).not.toMatch(/internal error/);
        expect(r.stdout + r.stderr, what).not.toMatch(TERMINAL_CONTROL);
      }
    },
    Math.max(600_000, rounds * 1000),
  );
});
