import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  importMsel,
  lintScenarioText,
  parseTrigger,
  timelineCsv,
  timelineRows,
  timelineMarkdown,
  timelineTable,
} from '../../src/authoring/index.js';
import { checkScenarioText, orThrow, type Scenario } from '../../src/model/index.js';
import { architecture, defaultScenario } from '../helpers.js';

const arch = architecture();
const scenario = defaultScenario();
const exportCsv = (s: Scenario) => timelineCsv(s, timelineRows(arch, s));
const load = (yaml: string) => orThrow(checkScenarioText('skeleton.yaml', yaml, arch)).model;

describe('timeline', () => {
  it('lists every inject once, timed ones by time, with trigger, source and estimated time', () => {
    const rows = timelineRows(arch, scenario);
    expect(rows.map((r) => r.id).sort()).toEqual(scenario.injects.map((i) => i.id).sort());
    const bash = rows.find((r) => r.id === 'siem-bash-exec')!;
    // recon -> initial-access after 25m, then a 4m delay.
    expect(bash).toMatchObject({
      trigger: 'on_enter initial-access +4m',
      estimatedAt: 29 * 60_000,
      from: 'SIEM1',
    });
    const times = rows.flatMap((r) => (r.estimatedAt === undefined ? [] : [r.estimatedAt]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Untimed rows come last: injects that follow an action, then the facilitator's manual ones.
    const untimed = rows.filter((r) => r.estimatedAt === undefined).map((r) => r.trigger);
    expect(untimed.filter((t) => t === 'manual')).toHaveLength(2);
    expect(untimed.findIndex((t) => t === 'manual')).toBeGreaterThan(
      untimed.findLastIndex((t) => t.startsWith('on_action ')),
    );
  });

  it('renders as a table, Markdown and CSV with expected responses', () => {
    const rows = timelineRows(arch, scenario);
    expect(timelineTable(scenario, rows)).toContain('on_enter initial-access +4m');
    const md = timelineMarkdown(scenario, rows);
    expect(md).toMatch(
      /^\| 4 \| on_enter initial-access \+4m \| T\+00:29:00 \| alert \| SIEM1 \|/m,
    );
    expect(md).toContain('confirm-fast: plan.confirm within 20m');
    const records = parseCsv(exportCsv(scenario)) as string[][];
    expect(records[0]).toContain('Expected action');
    expect(records.length).toBe(
      1 + scenario.injects.length + scenario.expected.filter((e) => !e.inject).length,
    );
  });

  it('neutralises spreadsheet formulas and strips control characters in CSV', () => {
    const evil = structuredClone(scenario);
    evil.injects[0]!.title = '=HYPERLINK("http://evil.example")';
    evil.injects[0]!.body = 'a\u001b[31mred\u0007';
    const csv = exportCsv(evil);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.includes('\u001b') || csv.includes('\u0007')).toBe(false);
  });
});

describe('MSEL import', () => {
  it('round-trips: export -> import -> export gives the same CSV, and the skeleton is a valid scenario', () => {
    const csv = exportCsv(scenario);
    const imported = importMsel('fe.csv', csv, arch, {
      id: 'fe-copy',
      schemaPath: '../schemas/scenario.schema.json',
    });
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const skeleton = load(imported.yaml!);
    expect(exportCsv(skeleton)).toBe(csv);
    expect(skeleton.injects.map((i) => i.id)).toEqual(
      timelineRows(arch, scenario).map((r) => r.id),
    );
    const byId = (list: Scenario['expected']) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(skeleton.expected)).toEqual(byId(scenario.expected));
    expect(skeleton.expected.some((e) => e.inject === 'siem-bash-exec')).toBe(true);
    expect(imported.yaml!.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schemas/scenario.schema.json',
    );
    // Lint then says what the skeleton still lacks: nothing in it can lock the portal down.
    const lint = lintScenarioText('skeleton.yaml', imported.yaml!, arch).diagnostics;
    expect(lint.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'inject-never-fires',
        message: expect.stringContaining('ceo-call'),
      }),
    ]);
  });

  it('reads a spreadsheet in a common MSEL template layout, keeping free text as TODO comments', () => {
    const csv = [
      'Inject No.,Time,Inject Type,From,To,Inject Description,Expected Player Action,Objective',
      '1,00:05,Phone call,upper-mgmt,SOC,"CEO asks: is the shop hacked?",Brief management within 15 minutes,Communicate',
      '2,00:20,SIEM alert,SIEM1,FEServ2,Web shell upload detected on FEServ2,"isolate: isolate-host FEServ2 within 30m - Cut it off",Contain',
      '3,0:45:30,e-mail,press@news.example,,A journalist asks about a breach,,',
    ].join('\n');
    const { yaml, diagnostics } = importMsel('template.csv', csv, arch, {
      id: 'from-template',
      schemaPath: 's.json',
    });
    expect(diagnostics.map((d) => d.code)).toEqual(['msel-column-ignored']);
    const skeleton = load(yaml!);
    expect(skeleton.injects.map((i) => [i.type, i.at, i.source ?? i.from])).toEqual([
      ['call', 5 * 60_000, 'upper-mgmt'],
      ['alert', 20 * 60_000, 'SIEM1'],
      ['email', 45 * 60_000 + 30_000, undefined],
    ]);
    expect(skeleton.expected).toEqual([
      expect.objectContaining({
        id: 'isolate',
        action: 'isolate-host',
        target: 'FEServ2',
        within: 30 * 60_000,
        inject: skeleton.injects[1]!.id,
      }),
    ]);
    expect(skeleton.actions.map((a) => a.id)).toEqual(['isolate-host']);
    expect(yaml).toContain('# TODO MSEL expected action: Brief management within 15 minutes');
    expect(yaml).toContain('# TODO MSEL from: press@news.example');
  });

  it('reports unreadable times and broken CSV with their line', () => {
    const bad = importMsel('bad.csv', 'Time,Description\n5m,ok\nsoon,not a time\n', arch, {
      id: 'x',
      schemaPath: 's',
    });
    expect(bad.yaml).toBeUndefined();
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({ code: 'msel-bad-time', line: 3, column: 1, file: 'bad.csv' }),
    ]);
    const broken = importMsel('broken.csv', 'Time,Description\n5m,"unclosed\n', arch, {
      id: 'x',
      schemaPath: 's',
    });
    expect(broken.diagnostics[0]).toMatchObject({ code: 'csv-syntax', severity: 'error' });
    expect(
      importMsel('b.csv', 'a\u0000b', arch, { id: 'x', schemaPath: 's' }).diagnostics[0]!.code,
    ).toBe('binary-file');
    expect(
      importMsel('h.csv', 'Foo,Bar\n1,2\n', arch, { id: 'x', schemaPath: 's' }).diagnostics.at(-1)!
        .code,
    ).toBe('msel-columns');
  });

  it('parses every trigger form', () => {
    expect(parseTrigger('6m')).toEqual({ at: 360_000 });
    expect(parseTrigger('T+01:02:03')).toEqual({ at: 3_723_000 });
    expect(parseTrigger('00:06')).toEqual({ at: 360_000 });
    expect(parseTrigger('on_enter foothold +3m')).toEqual({ on_enter: 'foothold', delay: 180_000 });
    expect(parseTrigger('on_action query-siem FEServ1')).toEqual({
      on_action: 'query-siem',
      on_target: 'FEServ1',
    });
    expect(parseTrigger('on_action query-siem +2m')).toEqual({
      on_action: 'query-siem',
      delay: 120_000,
    });
    expect(parseTrigger('manual')).toEqual({ manual: true });
    expect(parseTrigger('soon')).toBeUndefined();
    expect(parseTrigger('on_enter')).toBeUndefined();
  });
});
