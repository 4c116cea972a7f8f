import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, defaultScenarioText, ROOT } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ttx-authoring-'));
/** Runs where results files may land: a scratch folder, never the checkout. */
const scratch = tmp();
const ttx = (args: string[], cwd = scratch) => cli(args, { cwd });

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*:\d+:\d+/);

describe('ttx new', () => {
  it('writes a scaffold that validates, lints clean, passes its tests and plays', async () => {
    const dir = tmp();
    const made = await ttx(['new', 'my-drill'], dir);
    expect(made.code).toBe(0);
    const file = join(dir, 'my-drill.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*schemas\/scenario\.schema\.json\n/);
    expect(await ttx(['validate', file])).toMatchObject({ code: 0 });
    const lint = await ttx(['lint', '--strict', file]);
    expect(lint.stdout).toContain('0 error(s), 0 warning(s)');
    expect(lint.code).toBe(0);
    const test = await ttx(['test', file]);
    // 2 tests of its own and the 5 scoring gates every scenario passes.
    expect(test.stdout.trim().split('\n').at(-1)).toBe('7 passed, 0 failed');
    expect(test.code).toBe(0);
    const run = await ttx(['run', file, '--autopilot', 'best']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Outcome: contained at/);
    expect(await ttx(['new', 'my-drill'], dir)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--force'),
    });
    expect((await ttx(['new', '9bad id'], dir)).code).toBe(2);
  });
});

describe('a scenario written from docs/authoring.md alone', () => {
  it('validates, lints clean, plays and passes the tests kept beside it', async () => {
    const file = join(ROOT, 'test/fixtures/authored/ldap-after-hours.yaml');
    const validate = await ttx(['validate', file]);
    expect(validate.stdout).toContain('ldap-after-hours.tests.yaml (tests)');
    expect(validate.code).toBe(0);
    expect(await ttx(['lint', '--strict', file])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('0 error(s), 0 warning(s)'),
    });
    expect((await ttx(['test', file])).stdout.trim().split('\n').at(-1)).toBe('7 passed, 0 failed');
    expect((await ttx(['run', file, '--autopilot', 'none', '--seed', '3'])).stdout).toContain(
      '(objective reached)',
    );
    expect((await ttx(['run', file, '--autopilot', 'best', '--seed', '3'])).stdout).toMatch(
      /Outcome: contained at/,
    );
  });
});

describe('ttx lint', () => {
  it('passes the shipped scenarios without errors and fails a broken variant with located errors', async () => {
    const shipped = await ttx(['lint']);
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toMatch(/0 error\(s\)/);
    const broken = await ttx(['lint', join(ROOT, 'test/fixtures/invalid/unreachable-state.yaml')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/unreachable-state\.yaml:\d+:\d+: error \[unreachable-state\]/);
    const json = JSON.parse(
      (await ttx(['lint', '--json', join(ROOT, 'test/fixtures/invalid/jitter-exceeds-after.yaml')]))
        .stdout,
    );
    expect(json.warnings).toBeGreaterThanOrEqual(1);
  });
});

describe('ttx test', () => {
  it('runs the shipped scenario tests and ends with the summary line', async () => {
    const { code, stdout } = await ttx(['test']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('runs tests kept beside a scenario and fails (exit 1) when one does not hold', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'fe.yaml'),
      defaultScenarioText().replace('../schemas/', `${ROOT}schemas/`),
    );
    writeFileSync(
      join(dir, 'fe.tests.yaml'),
      [
        'scenario: fe-bash-rce',
        'tests:',
        '  - id: lockdown-early',
        '    description: Locking down at once keeps the attacker out (prevented, not contained).',
        '    actions: [{ at: 1m, do: lockdown, target: FW1 }]',
        '    expect: { contained: false, attacker_not_reached: [initial-access] }',
        '  - id: wrong-on-purpose',
        '    description: Claims the idle drill is contained.',
        '    expect: { contained: true, score: { min: 0, max: 10 } }',
        '  - id: score-too-high',
        '    description: Claims the idle drill scores an A.',
        '    expect: { score: { min: 90, max: 100 } }',
      ].join('\n'),
    );
    const { code, stdout } = await ttx(['test', join(dir, 'fe.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toContain('ok   fe-bash-rce/lockdown-early');
    expect(stdout).toContain('FAIL fe-bash-rce/wrong-on-purpose');
    expect(stdout).toContain('expected contained: true, got false');
    // Score ranges are checked: the idle drill (6) fits [0, 10] and fails [90, 100].
    expect(stdout).not.toContain('not checked');
    expect(stdout).toMatch(
      /FAIL fe-bash-rce\/score-too-high\n\s+- expected a score in \[90, 100\], got \d/,
    );
    // fe-bash-rce's own playthroughs (4 since kill-the-shell) and gates, plus the three above.
    expect(stdout.trim().split('\n').at(-1)).toBe('10 passed, 2 failed');
  });

  it('reports a broken tests file with its location', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'fe.yaml'), defaultScenarioText());
    writeFileSync(
      join(dir, 'fe.tests.yaml'),
      'tests:\n  - id: t\n    description: x\n    actions: [{ at: 1m, do: isolate-hots }]\n    expect: {}\n',
    );
    const { code, stdout } = await ttx(['test', join(dir, 'fe.tests.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /fe\.tests\.yaml:4:\d+: error \[unknown-reference\].*did you mean "isolate-host"/,
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});

describe('ttx timeline, msel and graph', () => {
  it('prints the MSEL as a table, Markdown and CSV', async () => {
    expect((await ttx(['timeline'])).stdout).toMatch(
      /on_enter initial-access \+4m\s+T\+00:29:00\s+alert\s+SIEM1/,
    );
    expect((await ttx(['timeline', '--format', 'markdown'])).stdout).toMatch(
      /^\| # \| time \/ trigger/m,
    );
    expect((await ttx(['timeline', '--format', 'csv'])).stdout).toMatch(
      /^"Serial","Inject ID","Time"/,
    );
    expect((await ttx(['timeline', '--format', 'xml'])).code).toBe(2);
  });

  it('exports and re-imports an MSEL through files', async () => {
    const dir = tmp();
    const csv = join(dir, 'msel.csv');
    expect((await ttx(['msel', 'export', 'fe-bash-rce', '-o', csv])).code).toBe(0);
    const out = join(dir, 'again.yaml');
    const imported = await ttx(['msel', 'import', csv, '--id', 'again', '-o', out]);
    expect(imported.code).toBe(0);
    expect((await ttx(['validate', out])).code).toBe(0);
    const back = (await ttx(['msel', 'export', out])).stdout;
    expect(back).toBe(readFileSync(csv, 'utf8'));
  });

  it('draws the graph as Mermaid and DOT', async () => {
    expect((await ttx(['graph'])).stdout).toMatch(/^flowchart LR\n/);
    expect((await ttx(['graph', '--format', 'dot'])).stdout).toMatch(/^digraph "fe-bash-rce" \{/);
  });
});

describe('ttx run dry runs', () => {
  it('plays the autopilots deterministically', async () => {
    const best = await ttx(['run', '--autopilot', 'best', '--seed', '7', '--json']);
    expect(best.code).toBe(0);
    const doc = JSON.parse(best.stdout);
    expect(doc.autopilot).toBe('best');
    expect(doc.actions.map((a: { do: string }) => a.do)).toEqual(
      expect.arrayContaining(['plan.confirm', 'isolate-host', 'block-ip']),
    );
    expect(doc.outcome.contained).toBe(true);
    const r1 = (await ttx(['run', '--autopilot', 'random', '--seed', '5', '--json'])).stdout;
    const r2 = (await ttx(['run', '--autopilot', 'random', '--seed', '5', '--json'])).stdout;
    const r3 = (await ttx(['run', '--autopilot', 'random', '--seed', '6', '--json'])).stdout;
    expect(r1).toBe(r2);
    expect(JSON.parse(r1).actions).not.toEqual(JSON.parse(r3).actions);
    expect(
      JSON.parse((await ttx(['run', '--autopilot', 'none', '--json'])).stdout).actions,
    ).toEqual([]);
    expect((await ttx(['run', '--autopilot', 'perfect'])).code).toBe(2);
  });

  it('fires one inject alone and prints its alert and log lines', async () => {
    const { code, stdout } = await ttx(['run', '--inject', 'siem-bash-exec', '--seed', '7']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'alert [high] SIEM1: Bash command executed by the web server user on FEServ1',
    );
    // Alone at T+0 the attacker has not done what the alert names: its evidence is not there yet.
    expect(stdout).toMatch(
      /Log lines: none yet \(the evidence it names, first-commands, dropper-command/,
    );
    expect(await ttx(['run', '--inject', 'siem-bash-exc'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('did you mean "siem-bash-exec"'),
    });
  });
});

describe('bad input never crashes the tools', () => {
  const cases: Array<[string, string | Buffer, string]> = [
    ['huge.yaml', `id: x\ntitle: ${'a'.repeat(1024 * 1024 + 10)}\n`, 'file-too-large'],
    [
      'garbage.yaml',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
      'binary-file',
    ],
    [
      'bomb.yaml',
      [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...Array.from(
          { length: 8 },
          (_, i) =>
            `b${i}: &b${i} [${Array(10)
              .fill(i ? `*b${i - 1}` : '*a')
              .join(', ')}]`,
        ),
      ].join('\n'),
      'alias-limit',
    ],
    ['deep.yaml', `id: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'too-deep'],
    [
      'proto.yaml',
      defaultScenarioText().replace(
        '\nid: fe-bash-rce',
        '\n__proto__: { polluted: true }\nconstructor: x\nid: fe-bash-rce',
      ),
      'unknown-key',
    ],
    [
      'long.yaml',
      defaultScenarioText().replace('summary: >-', `summary: ${'z'.repeat(5000)}\nx_summary: >-`),
      'out-of-range',
    ],
  ];
  for (const [name, content, code] of cases) {
    it(`${name}: [${code}], exit 1, no stack trace (validate, lint, run, test)`, async () => {
      const dir = tmp();
      const file = join(dir, name);
      writeFileSync(file, content);
      for (const args of [
        ['validate', file],
        ['lint', file],
        ['run', file],
        ['test', file],
      ]) {
        const result = await ttx(args);
        expect(result.code, args.join(' ')).toBe(1);
        expect(`${result.stdout}${result.stderr}`).toMatch(
          new RegExp(`${name}:\\d+:\\d+: error \\[${code}\\]`),
        );
        noStack(result.stderr);
      }
    });
  }

  it('keeps control characters out of the terminal', async () => {
    const dir = tmp();
    const file = join(dir, 'ctl.yaml');
    writeFileSync(
      file,
      defaultScenarioText().replace('difficulty: medium', 'difficulty: "\\e]0;pwned\\a\\e[2J"'),
    );
    const { code, stdout } = await ttx(['validate', file]);
    expect(code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
