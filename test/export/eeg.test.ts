import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRubricFile, checkScenarioFile, orThrow } from '../../src/model/index.js';
import { eegHtml, eegMarkdown, evaluationGuide } from '../../src/export/index.js';
import { architecture, cli, ROOT } from '../helpers.js';

const rubric = () => orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, architecture())).model;
const shipped = readdirSync(`${ROOT}scenarios`)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => orThrow(checkScenarioFile(`${ROOT}scenarios/${f}`, architecture())).model);

/** Cells of a Markdown table row, splitting on pipes that are not escaped. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('ttx eeg: the Exercise Evaluation Guide', () => {
  it('lists every objective with its critical tasks, cues and rating fields', async () => {
    const scenario = shipped.find((s) => s.id === 'fe-bash-rce')!;
    const guide = evaluationGuide(scenario, architecture(), rubric());
    expect(guide.objectives.map((o) => o.id)).toEqual(scenario.objectives.map((o) => o.id));
    const contain = guide.objectives.find((o) => o.id === 'contain')!;
    expect(contain.tasks.map((t) => t.id)).toContain('isolate-feserv1');
    const isolate = contain.tasks.find((t) => t.id === 'isolate-feserv1')!;
    expect(isolate).toMatchObject({ task: 'Isolate host on FEServ1', within: '45m' });
    expect(isolate.cue).toContain('(SIEM1)');
    // Every expected response is somewhere: under an objective or among the other tasks.
    const listed = [...guide.objectives.flatMap((o) => o.tasks), ...guide.otherTasks].map(
      (t) => t.id,
    );
    expect(new Set(listed)).toEqual(new Set(scenario.expected.map((e) => e.id)));
    const text = eegMarkdown(guide);
    expect(
      text.match(/Evaluator rating: \[ \] P {2}\[ \] S {2}\[ \] M {2}\[ \] U {2}\[ \] NE/g),
    ).toHaveLength(scenario.objectives.length);
  });

  it.each(shipped.map((s) => [s.id, s] as const))(
    '%s: Markdown tables are well formed, the HTML is self-contained and inert',
    (_id, scenario) => {
      const guide = evaluationGuide(scenario, architecture(), rubric());
      const markdown = eegMarkdown(guide);
      const lines = markdown.split('\n');
      lines.forEach((line, i) => {
        if (!line.startsWith('|')) return;
        // A row has as many cells as the header row of its table.
        let header = i;
        while (header > 0 && lines[header - 1]!.startsWith('|')) header--;
        expect(cells(line).length, `line ${i + 1}: ${line}`).toBe(cells(lines[header]!).length);
      });
      expect(markdown).not.toMatch(/(?<!\\)<[a-z]/i); // no raw HTML in the Markdown
      const page = eegHtml(guide);
      expect(page).toMatch(/^<!DOCTYPE html>/);
      expect(page).toContain("default-src 'none'");
      expect(page).not.toMatch(/<script|\bsrc=|\bhref=|@import|url\(/i);
      for (const tag of ['table', 'section', 'tr', 'td', 'p', 'h2']) {
        const open = page.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
        const close = page.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
        expect(close, tag).toBe(open);
      }
    },
  );

  it('escapes hostile scenario text in both formats', async () => {
    const scenario = shipped.find((s) => s.id === 'fe-bash-rce')!;
    const hostile = {
      ...scenario,
      title: '<img src=x onerror=alert(1)> | **bold** \u001b]0;owned\u0007',
      objectives: [{ id: 'detect', description: 'a | b <script>' }],
    };
    const guide = evaluationGuide(hostile, architecture(), rubric());
    const markdown = eegMarkdown(guide);
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\> \\| \\*\\*bold\\*\\*');
    expect(markdown).not.toContain('\u001b');
    const page = eegHtml(guide);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('ttx eeg (command)', () => {
  it('writes the HTML guide to --out and the Markdown to standard output', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ttx-eeg-')), 'guide.html');
    const html = await cli(['eeg', 'lb-ddos', '--format', 'html', '--out', out]);
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h1>Exercise Evaluation Guide:');
    const md = await cli(['eeg', 'intro-static-webshell']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Exercise Evaluation Guide: /);
    const bad = await cli(['eeg', 'no-such-scenario']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
