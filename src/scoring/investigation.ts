import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import { drillFacts } from '../evidence/index.js';
import { formatElapsed, type SimMs } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import type { EventRef } from './types.js';

/** One thing the drill's ground truth says a good investigation finds. */
export interface TruthItem {
  kind: 'entry-point' | 'host' | 'address' | 'account' | 'artefact';
  value: string;
}

/**
 * What the trainee should find, from the drill itself: the first host the attacker compromised
 * (the entry point), every compromised host, every address the attacker used, its accounts,
 * and the files its evidence created (the artefacts).
 */
export function investigationTruth(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string,
): TruthItem[] {
  const items: TruthItem[] = [];
  const add = (kind: TruthItem['kind'], value: string) => {
    if (!items.some((i) => i.kind === kind && i.value === value)) items.push({ kind, value });
  };
  for (const e of trace) {
    if (e.type === 'drill.started') add('address', e.attackerIp);
    if (e.type === 'attacker.address-changed') add('address', e.to);
    if (e.type === 'attacker.entered' && compiled.states.get(e.state)?.malicious !== false) {
      for (const host of e.compromises) {
        if (!items.some((i) => i.kind === 'entry-point')) add('entry-point', host);
        add('host', host);
      }
    }
  }
  // Addresses matter once the attack started: a scan alone is not an incident.
  if (!items.some((i) => i.kind === 'host')) return [];
  for (const account of compiled.scenario.attacker.accounts) add('account', account);
  const end = trace.at(-1)?.t ?? 0;
  for (const fact of drillFacts(compiled, trace, seed, { from: 0, to: end + 1 })) {
    const f = fact.fields as unknown as Record<string, unknown>;
    if (fact.malicious && fact.kind === 'file' && typeof f.path === 'string')
      add('artefact', f.path);
  }
  return items;
}

/** The indicators marked in the notebook (`mark` actions), first time each. */
function marks(trace: readonly TraceEntry[]): Map<string, { t: SimMs; event: EventRef }> {
  const out = new Map<string, { t: SimMs; event: EventRef }>();
  trace.forEach((e, index) => {
    if (e.type !== 'action.done' || e.request.do !== 'mark' || !e.request.value) return;
    const key = e.request.value.trim().toLowerCase();
    if (!out.has(key)) out.set(key, { t: e.t, event: { index, t: e.t, type: e.type } });
  });
  return out;
}

const LABEL: Record<TruthItem['kind'], string> = {
  'entry-point': 'the entry point',
  host: 'compromised host',
  address: "the attacker's address",
  account: "the attacker's account",
  artefact: 'artefact',
};

/**
 * The investigation dimension: each ground-truth item earns an equal share when the trainee marked
 * it in the notebook, with the time it was found. Nothing to find (a false positive) is full credit.
 */
export function investigationDimension(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string,
): DraftFinding[] {
  const truth = investigationTruth(compiled, trace, seed);
  if (truth.length === 0)
    return [
      {
        code: 'investigation.nothing-to-find',
        delta: 1,
        text: 'nothing malicious to find',
        events: [],
      },
    ];
  const found = marks(trace);
  const share = 1 / truth.length;
  return truth.map((item) => {
    const hit = found.get(item.value.toLowerCase());
    return hit
      ? {
          code: `investigation.found-${item.kind}`,
          delta: share,
          text: `found ${LABEL[item.kind]} ${item.value} at ${formatElapsed(hit.t)}`,
          t: hit.t,
          events: [hit.event],
        }
      : {
          code: `investigation.missed-${item.kind}`,
          delta: 0,
          text: `did not find ${LABEL[item.kind]} ${item.value}`,
          events: [],
          recommendation: `Search the SIEM and the hosts' consoles for ${LABEL[item.kind]}, and mark it in the notebook.`,
        };
  });
}
