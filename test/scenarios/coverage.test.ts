import { describe, expect, it } from 'vitest';
import { namedArtefacts } from '../../src/authoring/evidenceLint.js';
import { compileScenarioData, runDrill, type TraceEntry } from '../../src/engine/index.js';
import { drillFacts, type Fact } from '../../src/evidence/index.js';
import { checkScenarioFile, orThrow, stateEvidence, type Scenario } from '../../src/model/index.js';
import { listScenarioFiles } from '../../src/cli/paths.js';
import { architecture } from '../helpers.js';

/*
 * One truth, scenario by scenario (issue 11 item 7): every playthrough of every shipped scenario
 * with evidence, on a small seed set, shows each reached state's evidence in that state's time
 * window, on the components the scenario's story names, and nothing of another scenario.
 */

const arch = architecture();
const SEEDS = [7, 42];

const scenarios = listScenarioFiles()
  .map((file) => orThrow(checkScenarioFile(file, arch)).model)
  .filter((s) => s.attacker.states.some((state) => stateEvidence(state).length > 0));

/** The drills to check: the scenario's own playthroughs and no response, on every seed. */
function drills(scenario: Scenario) {
  const scripts = [
    { id: 'no-response', actions: [] as Scenario['tests'][number]['actions'] },
    ...scenario.tests.map((t) => ({ id: t.id, actions: t.actions })),
  ];
  return SEEDS.flatMap((seed) =>
    scripts.map((script) => {
      const result = runDrill(arch, scenario, seed, script.actions);
      const compiled = compileScenarioData(arch, scenario);
      const end = result.context.ended?.at ?? result.context.now;
      const facts = drillFacts(compiled, result.trace, result.seed, { from: 0, to: end + 1 });
      return { name: `${script.id}, seed ${seed}`, trace: result.trace, facts, end };
    }),
  );
}

/** The attacker's stays: each entered state and its window. */
function stays(trace: readonly TraceEntry[], end: number) {
  const entered = trace.filter(
    (e): e is Extract<TraceEntry, { type: 'attacker.entered' }> => e.type === 'attacker.entered',
  );
  return entered.map((e, i) => ({ state: e.state, from: e.t, to: entered[i + 1]?.t ?? end }));
}

/** Components the story names outside the evidence: what states compromise, what injects are about. */
function declaredComponents(scenario: Scenario): Set<string> {
  const out = new Set<string>();
  for (const state of scenario.attacker.states) for (const c of state.compromises) out.add(c);
  for (const inject of scenario.injects) {
    for (const c of inject.about) out.add(c);
    if (inject.source) out.add(inject.source);
  }
  return out;
}

/** Every string a fact carries, for looking artefacts up. */
function factText(facts: readonly Fact[]): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v, safeDecode(v));
    else if (typeof v === 'number') parts.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const seen = new Set<string>();
  for (const f of facts) {
    // Occurrences of one item share their values: one is enough (a flood has thousands).
    const key = `${f.state}/${f.item ?? f.id}/${f.from.ip}/${f.to?.ip ?? ''}/${f.status ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // The item's values, not its bookkeeping (ids, template names).
    const {
      id: _id,
      group: _group,
      template: _template,
      description: _d,
      ...values
    } = f.fields as Record<string, unknown>;
    walk([values, f.from.ip, f.to?.ip, f.account]);
  }
  return parts.join('\n');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The files, accounts and public addresses a scenario's injects name (the story's artefacts). */
function artefactsOf(scenario: Scenario): string[] {
  const texts = scenario.injects
    .filter((i) => i.malicious || i.evidence.length > 0)
    .flatMap((i) => [i.title, i.body ?? '']);
  const found = texts.flatMap((t) => namedArtefacts(t));
  return [
    ...new Set(
      found
        .filter((a) => !(a.kind === 'address' && /^(10|192\.168|172)\./.test(a.text)))
        // Architecture folders (the baseline's /media/static) are shared by every scenario.
        .filter((a) => !arch.baselines.some((b) => b.path === a.text))
        .map((a) => a.text),
    ),
  ];
}

/**
 * The front ends' web server user and its PHP workers are in every drill that touches them, and
 * every Linux host has its shells: a command run through bash is no artefact of one story.
 */
const PLATFORM = new Set(['nginx', 'php-fpm', 'root', '/bin/bash', '/bin/sh', '/usr/bin/bash']);

/** Artefacts only this scenario's injects name. */
function distinctiveArtefacts(scenario: Scenario): string[] {
  const others = new Set(
    scenarios.filter((s) => s.id !== scenario.id).flatMap((s) => artefactsOf(s)),
  );
  return artefactsOf(scenario).filter((a) => !others.has(a) && !PLATFORM.has(a));
}

describe.each(scenarios.map((s) => [s.id, s] as const))('evidence of %s', (_id, scenario) => {
  const runs = drills(scenario);

  it('shows every reached state with evidence in that state, within its time window', () => {
    for (const run of runs) {
      for (const stay of stays(run.trace, run.end)) {
        const state = scenario.attacker.states.find((s) => s.id === stay.state)!;
        const items = stateEvidence(state);
        // Items due before the attacker leaves must have happened (delivered or not).
        const due = items.filter((item) => stay.from + (item.at ?? 0) < stay.to);
        if (due.length === 0) continue;
        const inStay = run.facts.filter(
          (f) => f.state === stay.state && f.t >= stay.from && f.t < stay.to,
        );
        expect(inStay.length, `${run.name}: ${stay.state}`).toBeGreaterThan(0);
        const wrongTruth = inStay.filter((f) => f.malicious !== state.malicious).map((f) => f.id);
        expect(wrongTruth, run.name).toEqual([]);
      }
      // No fact outside the stays of its state.
      const windows = stays(run.trace, run.end);
      // (A spread's repeat on a sibling comes after the stay it repeats: decision 0960.)
      const outside = run.facts
        .filter((f) => f.spreadFrom === undefined)
        .filter((f) => !windows.some((w) => w.state === f.state && f.t >= w.from && f.t < w.to))
        .map((f) => `${f.id} at ${f.t}`);
      expect(outside, run.name).toEqual([]);
    }
  });

  it('uses every evidence item in some playthrough (none is timed past its state)', () => {
    const seen = new Set(runs.flatMap((r) => r.facts.map((f) => `${f.state}/${f.item ?? ''}`)));
    for (const state of scenario.attacker.states) {
      const reached = runs.some((r) =>
        r.trace.some((e) => e.type === 'attacker.entered' && e.state === state.id),
      );
      if (!reached) continue;
      for (const item of stateEvidence(state))
        expect(seen.has(`${state.id}/${item.id ?? ''}`), `${state.id}/${item.id}`).toBe(true);
    }
  });

  it('puts nothing malicious on a component the story does not name', () => {
    const declared = declaredComponents(scenario);
    for (const run of runs) {
      const stray = run.facts.filter((f) => f.malicious && !declared.has(f.on));
      expect(
        stray.map((f) => `${f.id} on ${f.on}`),
        run.name,
      ).toEqual([]);
    }
  });

  it("shows the artefacts its injects name, and none of another scenario's", () => {
    const noResponse = runs.find((r) => r.name === 'no-response, seed 7')!;
    const all = factText(runs.flatMap((r) => r.facts));
    for (const artefact of artefactsOf(scenario)) expect(all, artefact).toContain(artefact);
    // Another scenario's distinctive artefacts (named by its injects and no other scenario's):
    // shared service accounts such as nginx or svc-orders belong to the architecture.
    const text = factText(noResponse.facts);
    const foreign = scenarios
      .filter((s) => s.id !== scenario.id)
      .flatMap((other) => distinctiveArtefacts(other).map((a) => `${other.id}: ${a}`))
      .filter((entry) => text.includes(entry.slice(entry.indexOf(': ') + 2)));
    expect(foreign).toEqual([]);
  });
});

it('covers every shipped scenario that has evidence, seven at least', () => {
  expect(scenarios.length).toBeGreaterThanOrEqual(7);
});
