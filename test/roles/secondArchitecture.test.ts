import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrill, type DrillResult } from '../../src/engine/index.js';
import { loadRubricFor } from '../../src/export/saveResults.js';
import { scoringDir } from '../../src/cli/paths.js';
import {
  checkActionScriptText,
  checkArchitectureFile,
  checkScenarioText,
  orThrow,
  type Architecture,
  type Scenario,
} from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { architecture, DEFAULT_SCENARIO_FILE, ROOT, runCli } from '../helpers.js';
import { portMap, portText, SECOND_ARCHITECTURE_FILE, unport } from './port.js';

const shipped = architecture();
const second = orThrow(checkArchitectureFile(SECOND_ARCHITECTURE_FILE)).model;
const text = readFileSync(DEFAULT_SCENARIO_FILE, 'utf8');
const original = orThrow(checkScenarioText(DEFAULT_SCENARIO_FILE, text, shipped)).model;
const ported = orThrow(checkScenarioText('fe-bash-rce.ported.yaml', portText(text), second)).model;

function score(arch: Architecture, scenario: Scenario, result: DrillResult) {
  const rubric = loadRubricFor(scenario, arch, scoringDir()).model;
  const s = scoreDrill({ architecture: arch, scenario, rubric, result });
  return { total: s.total, dimensions: s.dimensions.map((d) => [d.id, d.points]) };
}

/*
 * The shipped front end without a counterpart (FEServ3) is a sibling the attacker spreads to and
 * the close criteria ask about (decision 0960): the port drops it from id lists, so what only it
 * takes part in is left out of the comparison on the shipped side, and so is the recovery
 * dimension's total (its findings are compared without the dropped host's).
 */
const dropped = Object.entries(portMap().components)
  .filter(([, to]) => to === null)
  .map(([from]) => from);
const withoutDropped = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    Array.isArray(v) ? v.filter((x) => !(typeof x === 'string' && dropped.includes(x))) : v,
  );
/** A finding's text with the ported ids it names put back to the shipped ones. */
const unportWords = (text: string) =>
  Object.entries(portMap().components).reduce(
    (t, [from, to]) => (to ? t.replace(new RegExp(`\\b${to}\\b`, 'g'), from) : t),
    text,
  );
function comparable(arch: Architecture, scenario: Scenario, result: DrillResult) {
  const rubric = loadRubricFor(scenario, arch, scoringDir()).model;
  const s = scoreDrill({ architecture: arch, scenario, rubric, result });
  return {
    dimensions: s.dimensions.filter((d) => d.id !== 'recovery').map((d) => [d.id, d.share]),
    recovery: s.dimensions
      .find((d) => d.id === 'recovery')
      ?.findings.map((f) => (f.code.startsWith('recovery.closed') ? f.code : unportWords(f.text)))
      .filter((text) => !dropped.some((id) => text.includes(id))),
  };
}

function script(file: string, arch: Architecture, scenario: Scenario, port: boolean) {
  const raw = readFileSync(file, 'utf8');
  return orThrow(checkActionScriptText(file, port ? portText(raw) : raw, arch, scenario)).model;
}

describe('a differently named architecture (other ids, two front ends, renamed plan steps)', () => {
  it('shares no component, layer or plan step id with the shipped one', () => {
    const ids = (a: Architecture) => [
      ...a.components.map((c) => c.id),
      ...a.layers.map((l) => l.id),
      ...a.emergency_plan.map((s) => s.id),
    ];
    expect(ids(second).filter((id) => ids(shipped).includes(id))).toEqual([]);
    expect(second.components.filter((c) => c.roles.includes('web-front-end'))).toHaveLength(2);
  });

  const cases: Array<[string, (arch: Architecture, s: Scenario, port: boolean) => unknown]> = [
    ['no response', () => []],
    [
      'the good script',
      (arch, s, port) =>
        script(`${ROOT}scenarios/scripts/fe-bash-rce-good.yaml`, arch, s, port).actions,
    ],
    [
      'the late script',
      (arch, s, port) =>
        script(`${ROOT}scenarios/scripts/fe-bash-rce-late.yaml`, arch, s, port).actions,
    ],
    ...original.tests.map(
      (t, i) =>
        [`scenario test ${t.id}`, (_a: Architecture, s: Scenario) => s.tests[i]!.actions] as [
          string,
          (arch: Architecture, s: Scenario, port: boolean) => unknown,
        ],
    ),
  ];

  for (const [name, actionsFor] of cases) {
    it(`plays fe-bash-rce's port with ${name}: same outcome, same score`, () => {
      const run = (arch: Architecture, s: Scenario, port: boolean) =>
        runDrill(arch, s, 7, actionsFor(arch, s, port) as Parameters<typeof runDrill>[3]);
      const a = run(shipped, original, false);
      const b = run(second, ported, true);
      expect(unport(b.outcome)).toEqual(withoutDropped(a.outcome));
      expect(unport(comparable(second, ported, b))).toEqual(comparable(shipped, original, a));
    });
  }

  it('tells the good response from no response on both (the comparison can fail)', () => {
    const none = runDrill(second, ported, 7, []);
    const good = runDrill(
      second,
      ported,
      7,
      script(`${ROOT}scenarios/scripts/fe-bash-rce-good.yaml`, second, ported, true).actions,
    );
    expect(score(second, ported, good).total).toBeGreaterThan(
      score(second, ported, none).total + 50,
    );
  });
});

describe('ttx run --architecture', () => {
  it('plays the port on the second architecture with the same score as the shipped drill', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttx-second-arch-'));
    writeFileSync(join(dir, 'fe-bash-rce.yaml'), portText(text));
    const good = `${ROOT}scenarios/scripts/fe-bash-rce-good.yaml`;
    writeFileSync(join(dir, 'good.yaml'), portText(readFileSync(good, 'utf8')));
    const run = (args: string[]) => {
      const r = runCli(['run', ...args, '--json', '--no-results']);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { score: { total: number }; outcome: unknown };
    };
    const shippedRun = run(['fe-bash-rce', '--actions', good]);
    const portedRun = run([
      join(dir, 'fe-bash-rce.yaml'),
      '--architecture',
      SECOND_ARCHITECTURE_FILE,
      '--actions',
      join(dir, 'good.yaml'),
    ]);
    expect(portedRun.score.total).toBe(shippedRun.score.total);
    expect(unport(portedRun.outcome)).toEqual(withoutDropped(shippedRun.outcome));
  });
});
