import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsDigest } from '../../src/export/canonicalJson.js';
import type { Results } from '../../src/export/index.js';
import { ttx } from './inProcess.js';

let dir: string;
let original: Results;
const edited = (name: string, edit: (doc: Results) => void, reseal = false) => {
  const doc = structuredClone(original);
  edit(doc);
  if (reseal) doc.digest = resultsDigest(doc);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ttx-replay-'));
  const actions = join(dir, 'actions.yaml');
  writeFileSync(
    actions,
    'seed: 7\nactions:\n  - { at: 60s, do: note, text: "saw the alert" }\n  - { at: 2m, do: plan.confirm }\n',
  );
  const r = await ttx(['run', '--actions', actions, '--trainee', 'Ada', '--results-dir', dir]);
  expect(r.code).toBe(0);
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  original = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  expect(original.notes).toHaveLength(1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ttx replay checks the whole results file', () => {
  it('accepts the file as saved', async () => {
    const r = await ttx(['replay', edited('same', () => {})]);
    expect(r.stdout).toMatch(/same trace/);
    expect(r.code).toBe(0);
  });

  // Each edit is resealed (a careful editor recomputes the digest): the replay itself must see it.
  it.each([
    ['outcome.contained', (d: Results) => (d.outcome.contained = !d.outcome.contained)],
    ['outcome.revenueLost', (d: Results) => (d.outcome.revenueLost = 12345.5)],
    ['outcome.dataReached', (d: Results) => (d.outcome.dataReached = ['customer-db'])],
    ['outcome.severity', (d: Results) => (d.outcome.severity = 'low')],
    ['notes[0].text', (d: Results) => (d.notes[0]!.text = 'I contained it at once')],
    ['score.total', (d: Results) => (d.score.total = 100)],
    ['score.grade', (d: Results) => (d.score.grade = 'A+')],
    ['summary.injectsFired', (d: Results) => (d.summary.injectsFired += 1)],
    ['trace entry 1', (d: Results) => (d.trace[1]!.t += 1000)],
  ])('an edited %s: exit 1 with a diff', async (path, edit) => {
    const r = await ttx(['replay', edited(path.replace(/\W/g, '_'), edit, true)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DIFFERS/);
    expect(r.stdout).toContain(path);
    expect(r.stdout).toMatch(/saved .*replay|- saved/);
  });

  it('an edited trainee name (not derived from the drill) is caught by the digest', async () => {
    const r = await ttx(['replay', edited('trainee', (d) => (d.participants.trainee = 'Eve'))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/digest: the file was edited after it was saved/);
  });

  it('a trainee name saving would never write (a control character), resealed: a diff', async () => {
    // names pass the same normalisation as at saving: a control character cannot hide in one.
    const r = await ttx([
      'replay',
      edited('members', (d) => (d.participants.trainee = 'Ev\u0007e'), true),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('participants.trainee');
  });

  it('an old file without a digest replays with a note', async () => {
    const r = await ttx(['replay', edited('old', (d) => void delete d.digest)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no digest/);
  });
});
