import { describe, expect, it } from 'vitest';
import { resultsDigest } from '../../src/export/canonicalJson.js';
import { replayResults, type Results } from '../../src/export/index.js';
import {
  architectureLoaded,
  GOOD_ACTIONS,
  makeResults,
  rubricLoaded,
  scenarioLoaded,
} from './fixtures.js';

const inputs = {
  architecture: architectureLoaded(),
  scenario: scenarioLoaded(),
  rubric: rubricLoaded(),
};
const saved = makeResults({
  actions: GOOD_ACTIONS,
  trainee: 'Ann',
  team: 'blue',
  savedAt: '2026-03-13T08:00:00.000Z',
});
/** The file edited by hand and sealed again, as a careful forger would. */
const resealed = (doc: Results): Results => {
  const { digest: _digest, ...rest } = doc;
  return { ...rest, digest: resultsDigest(rest) };
};

describe('replayResults', () => {
  it('finds a saved drill the same, with its score, no changed input and no note', () => {
    expect(replayResults(saved, inputs)).toEqual({
      same: true,
      changedInputs: [],
      notes: [],
      differences: [],
      total: saved.score.total,
    });
  });

  it('replays the participants, code and save time as saved (none of them is a difference)', () => {
    const members = resealed({
      ...saved,
      participants: { ...saved.participants, members: [{ name: 'Cy', role: 'lead' }] },
      code: 'a-given-code',
    });
    expect(replayResults(members, inputs).differences).toEqual([]);
    const { savedAt: _s, ...unsaved } = saved;
    expect(replayResults(resealed(unsaved as Results), inputs).differences).toEqual([]);
  });

  it('names each input whose content or id changed since the save', () => {
    const other = { ...inputs.rubric, sha256: 'f'.repeat(64), file: 'other/\u009brubric.yaml' };
    const report = replayResults(saved, { ...inputs, rubric: other });
    expect(report.changedInputs).toEqual([
      `rubric default changed: saved sha256 ${saved.rubric.sha256.slice(0, 12)}, now default ffffffffffff (other/rubric.yaml)`,
    ]);
    const renamed = {
      ...inputs.scenario,
      model: { ...inputs.scenario.model, id: 'renamed' },
    };
    const byId = replayResults(saved, { ...inputs, scenario: renamed }).changedInputs;
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatch(/^scenario fe-bash-rce changed: .* now renamed /);
    expect(
      replayResults(saved, { ...inputs, architecture: { ...inputs.architecture } }).changedInputs,
    ).toEqual([]);
  });

  it('notes a file without a digest, which is then no difference', () => {
    const { digest: _d, ...old } = saved;
    const report = replayResults(old as Results, inputs);
    expect(report.notes).toEqual([
      'the file has no digest (saved by an older ttx): edits of its participants cannot be seen',
    ]);
    expect(report.same).toBe(true);
  });

  it('catches an edit after saving by the digest', () => {
    const edited = { ...saved, participants: { ...saved.participants, trainee: 'Eve' } };
    const report = replayResults(edited, inputs);
    expect(report.same).toBe(false);
    expect(report.differences).toEqual([
      'digest: the file was edited after it was saved (its sha256 no longer matches its content)',
    ]);
  });

  it('describes a changed trace entry, saved and replayed, and a changed score', () => {
    const trace = [...saved.trace];
    const i = trace.findIndex((e) => e.type === 'action.done');
    trace[i] = { ...trace[i]!, t: trace[i]!.t + 1000 };
    const score = { ...saved.score, total: saved.score.total - 1 };
    const report = replayResults(resealed({ ...saved, trace, score }), inputs);
    expect(report.same).toBe(false);
    expect(report.total).toBe(saved.score.total);
    expect(report.differences[0]).toMatch(
      new RegExp(`^trace entry ${i}:\\n  - saved:  T\\+\\S+ .+\\n  \\+ replay: T\\+\\S+ .+$`),
    );
    expect(report.differences).toContain(
      `score: saved ${saved.score.total - 1}, replay ${saved.score.total}`,
    );
    expect(report.differences).toContain(
      `score.total: saved ${saved.score.total - 1}, replay ${saved.score.total}`,
    );
    expect(report.differences.some((d) => d.startsWith('trace length'))).toBe(false);
  });

  it('describes a shorter saved trace: the missing entries, then the lengths', () => {
    const trace = saved.trace.slice(0, -8);
    const report = replayResults(resealed({ ...saved, trace }), inputs);
    const entries = report.differences.filter((d) => d.startsWith('trace entry'));
    // At most six trace differences are described.
    expect(entries).toHaveLength(6);
    expect(entries[0]).toMatch(
      new RegExp(`^trace entry ${trace.length}:\\n  - saved:  \\(nothing\\)\\n  \\+ replay: T\\+`),
    );
    expect(report.differences).toContain(
      `trace length: saved ${trace.length}, replay ${saved.trace.length}`,
    );
  });

  it('describes a field the drill determines that differs, by its path, without a C1 control', () => {
    const notes = [{ ...saved.notes[0]!, text: 'forged\u009b31m' }];
    const report = replayResults(resealed({ ...saved, notes }), inputs);
    expect(report.same).toBe(false);
    expect(report.differences).toEqual([
      `notes[0].text: saved "forged31m", replay ${JSON.stringify(saved.notes[0]!.text)}`,
    ]);
  });
});
