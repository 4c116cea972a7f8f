import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCoachEntries } from '../../src/play/coachEntry.js';
import {
  completeEntries,
  listCatalog,
  loadCatalog,
  scenarioHeader,
} from '../../src/play/scenarioCatalog.js';
import { ROOT, architecture, defaultScenarioText } from '../helpers.js';

const arch = architecture();
const shipped = readdirSync(`${ROOT}scenarios`)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `${ROOT}scenarios/${f}`);
const listed = (e: {
  id: string;
  title: string;
  difficulty: string;
  duration: string;
  summary: string;
}) => ({
  id: e.id,
  title: e.title,
  difficulty: e.difficulty,
  duration: e.duration,
  summary: e.summary,
});

describe('the picker list', () => {
  it('lists every shipped scenario from its header exactly as validation shows it', () => {
    const quick = listCatalog(shipped, arch);
    const full = loadCatalog(shipped, arch);
    expect(quick.every((e) => e.pending && !e.scenario && !e.error)).toBe(true);
    expect(quick.map(listed)).toEqual(full.map(listed));
    // Validated one file at a time, the list ends as loadCatalog's.
    let entries = quick;
    for (const file of shipped) entries = completeEntries(entries, file, arch);
    expect(entries).toEqual(full);
  });

  it('validates a file whose header it cannot read at once, and keeps a broken body for later', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-catalog-'));
    const noHeader = join(dir, 'no-title.yaml');
    writeFileSync(noHeader, defaultScenarioText().replace(/^title:.*$/m, ''));
    const brokenBody = join(dir, 'broken-body.yaml');
    writeFileSync(brokenBody, `${defaultScenarioText()}\nattacker: [unclosed\n`);
    const [a, b] = listCatalog([noHeader, brokenBody], arch);
    expect(a).toMatchObject({ id: 'no-title', error: expect.stringMatching(/title/) });
    expect(a!.pending).toBeUndefined();
    expect(b).toMatchObject({ id: 'fe-bash-rce', pending: true });
    const [, checked] = completeEntries([a!, b!], brokenBody, arch);
    expect(checked!.pending).toBeUndefined();
    expect(checked!.error).toMatch(/broken-body\.yaml:\d+:\d+/);
  });

  it('keeps the coached entry coached, under its own title, once its file is validated', () => {
    const intro = shipped.find((f) => f.endsWith('intro-static-webshell.yaml'))!;
    const { catalog } = withCoachEntries(listCatalog([intro], arch), intro, { isCoach: false });
    expect(catalog.map((e) => [e.coached ?? false, e.pending])).toEqual([
      [true, true],
      [false, true],
    ]);
    const done = completeEntries(catalog, intro, arch);
    expect(done[0]).toMatchObject({ coached: true, title: catalog[0]!.title });
    expect(done[0]!.summary).toMatch(/^Coached, turn-based\. /);
    expect(done[0]!.scenario).toBe(done[1]!.scenario); // one validation for both rows
    expect(done[1]!.coached).toBeUndefined();
  });

  it('reads the header keys from the top-level blocks only', () => {
    const text = [
      '# a comment',
      'id: x',
      'title: "A: title"',
      'difficulty: easy',
      'estimated_duration: 45m',
      'summary: >-',
      '  two',
      '  lines',
      'injects:',
      '  - id: y',
      '    title: not this one',
    ].join('\n');
    expect(scenarioHeader(text)).toEqual({
      id: 'x',
      title: 'A: title',
      difficulty: 'easy',
      estimated_duration: '45m',
      summary: 'two lines',
    });
    expect(scenarioHeader(text.replace('id: x', 'id: [x]'))).toBeUndefined();
  });
});
