import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_FILE } from '../helpers.js';
import { ttx } from './inProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'ttx-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const folder = (name: string) => {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
};

/** Any byte sequence a terminal would obey: ESC, BEL, CR, C1 controls, bidi controls. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const RETITLE_AND_CLEAR = '\u001b]0;pwned\u0007\u001b[2J';

describe('nothing a terminal obeys gets through', () => {
  it('a scenario file named with escape sequences does not retitle or clear on validate <dir>', async () => {
    const d = folder('named');
    copyFileSync(DEFAULT_SCENARIO_FILE, join(d, `evil${RETITLE_AND_CLEAR}\u202e.yaml`));
    const r = await ttx(['validate', d]);
    expect(r.stdout + r.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(r.stdout).toContain('evil]0;pwned[2J');
  });

  it.each([
    ['--seed', ['run', '--seed', `x${RETITLE_AND_CLEAR}`.repeat(10), '--no-results']],
    ['--autopilot', ['run', '--autopilot', `best${RETITLE_AND_CLEAR}`, '--no-results']],
    ['an unknown scenario id', ['run', `nope${RETITLE_AND_CLEAR}\u009b2J`, '--no-results']],
    ['ttx new <id>', ['new', `bad${RETITLE_AND_CLEAR}`]],
    ['logs --out', ['logs', '--out', `/dev/null/x${RETITLE_AND_CLEAR}`, '--to', '1m']],
    ['an unknown option', ['run', `--x${RETITLE_AND_CLEAR}`]],
  ])('%s is never echoed raw', async (_what, args) => {
    const r = await ttx(args);
    expect(r.stdout + r.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it("a journal's seed is never echoed raw by resume", async () => {
    const d = folder('journal');
    const header = {
      type: 'session',
      format: 'ttx-journal/1',
      session: `s${RETITLE_AND_CLEAR}`,
      scenario: { id: 'fe-bash-rce', file: DEFAULT_SCENARIO_FILE, sha256: 'a'.repeat(64) },
      architecture: { id: 'x', file: join(d, 'none.yaml'), sha256: 'b'.repeat(64) },
      seed: `7${RETITLE_AND_CLEAR}`,
    };
    writeFileSync(join(d, 'j.jsonl'), `${JSON.stringify(header)}\n`);
    const list = await ttx(['resume', '--sessions', d]);
    const one = await ttx(['resume', join(d, 'j.jsonl'), '--headless', '--no-results']);
    for (const r of [list, one]) expect(r.stdout + r.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('bidi and C1 controls in a trainee name are \\u escapes in the results file and --json', async () => {
    const d = folder('results');
    const name = 'Ada\u202eeve\u009b2J';
    const r = await ttx(['run', '--json', '--trainee', name, '--results-dir', d]);
    expect(r.code).toBe(0);
    const file = join(d, readdirSync(d)[0]!);
    const bytes = readFileSync(file, 'utf8');
    expect(bytes).not.toMatch(TERMINAL_CONTROL);
    const exported = await ttx(['export', file, '--format', 'json']);
    expect(exported.stdout).not.toMatch(TERMINAL_CONTROL);
    for (const format of ['markdown', 'html', 'csv']) {
      const out = await ttx(['export', file, '--format', format]);
      expect(out.code).toBe(0);
      expect(out.stdout).not.toMatch(TERMINAL_CONTROL);
    }
  });
});

describe('the smaller holes', () => {
  it('a folder without scenarios is an error, not "0 files checked"', async () => {
    const r = await ttx(['validate', folder('empty')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no scenario files \(\*\.yaml\) in this folder/);
  });

  it('a symbolic link loop says so', async () => {
    const loop = join(dir, 'loop.yaml');
    symlinkSync(loop, loop);
    const run = await ttx(['run', loop, '--no-results']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/symbolic link loop/);
    const validate = await ttx(['validate', loop]);
    expect(validate.stdout).toMatch(/symbolic link loop/);
  });

  it('one damaged results file is reported and the others still make the report', async () => {
    const d = folder('report');
    const made = await ttx(['run', '--autopilot', 'best', '--results-dir', d]);
    expect(made.code).toBe(0);
    writeFileSync(join(d, 'broken.json'), '{"format":');
    const r = await ttx(['report', d]);
    expect(r.stderr).toMatch(/skipped: .*broken\.json/);
    expect(r.stderr).toMatch(/1 of 2 results file\(s\) left out/);
    expect(r.stdout).toMatch(/fe-bash-rce/);
    expect(r.code).toBe(1);
  });

  const scenarioWith = (name: string, text: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const base = () => readFileSync(DEFAULT_SCENARIO_FILE);

  it('invalid UTF-8 is a located error', async () => {
    const text = base();
    const at = text.indexOf('title:');
    const broken = Buffer.concat([
      text.subarray(0, at),
      Buffer.from([0xff, 0xfe]),
      text.subarray(at),
    ]);
    const line = text.subarray(0, at).toString('utf8').split('\n').length;
    const r = await ttx(['validate', scenarioWith('utf8.yaml', broken)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`utf8\\.yaml:${line}:1: error \\[invalid-utf8\\]`));
  });

  it('two YAML documents get our own message', async () => {
    const r = await ttx(['validate', scenarioWith('two.yaml', `${base()}\n---\nid: again\n`)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[multiple-documents\] a second YAML document starts here/);
    expect(r.stdout).not.toMatch(/parseAllDocuments/);
  });

  it('a custom tag is a located error and prints no Node warning', async () => {
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on('warning', listener);
    const text = base()
      .toString('utf8')
      .replace(/^title: /m, 'title: !evil ');
    const r = await ttx(['validate', scenarioWith('tag.yaml', text)]);
    process.off('warning', listener);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/tag\.yaml:\d+:\d+: error \[unknown-tag\] unknown tag !evil/);
    expect(warnings).toEqual([]);
  });
});
