import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import { eachSighting, LOCAL_KINDS } from '../evidence/index.js';
import { formatDuration, formatElapsed, type Rubric, type SimMs } from '../model/index.js';
import { timeCredit, type DraftFinding } from './draft.js';
import type { EventRef } from './types.js';

/** One thing the drill's ground truth says a good investigation finds. */
export interface TruthItem {
  kind: 'entry-point' | 'host' | 'address' | 'account' | 'artefact';
  value: string;
  /** When it first became observable: the time of the first fact that shows it. */
  observableAt: SimMs;
}

type InvestigationRubric = NonNullable<Rubric['dimensions']['investigation']>;

/**
 * What the trainee could have found, from the drill itself and only as far as it was observable
 * before the drill ended: the first host the attacker compromised (the entry point), every
 * other compromised host, every address the attacker used, its accounts, and the files its evidence
 * created (the artefacts). An item counts from the first fact (a log line, a console output) that
 * shows it; an address the attacker rotated to but never used, an account it never logged in
 * with, a host it reached with no trace left, are not there to be found.
 */
export function investigationTruth(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string,
): TruthItem[] {
  const hosts: string[] = [];
  const addresses = new Set<string>();
  for (const e of trace) {
    if (e.type === 'drill.started') addresses.add(e.attackerIp);
    if (e.type === 'attacker.address-changed') addresses.add(e.to);
    if (e.type === 'attacker.entered' && compiled.states.get(e.state)?.malicious !== false)
      for (const host of e.compromises) if (!hosts.includes(host)) hosts.push(host);
  }
  // A scan alone is not an incident: nothing to find until the attack compromised something.
  if (hosts.length === 0) return [];
  const accounts = new Set(compiled.scenario.attacker.accounts);
  const end = trace.at(-1)?.t ?? 0;
  // Each item at its first sighting in time order (ties by fact id, as drillFacts sorts), so the
  // items come in the order the trainee could meet them.
  const first = new Map<string, { item: TruthItem; id: string }>();
  // The fact's id is built only when it may decide (a sighting no later than the first known).
  const saw = (kind: TruthItem['kind'], value: string, t: SimMs, idOf: () => string) => {
    const key = `${kind}:${value}`;
    const known = first.get(key);
    if (known && t > known.item.observableAt) return;
    const id = idOf();
    if (!known || t < known.item.observableAt || id < known.id)
      first.set(key, { item: { kind, value, observableAt: t }, id });
  };
  eachSighting(
    compiled,
    trace,
    seed,
    { from: 0, to: end + 1 },
    (t, item, malicious, attackerIp, account, id) => {
      // An address shows in a line of the network (or a login), never in a process or file event.
      if (attackerIp !== undefined && addresses.has(attackerIp) && !LOCAL_KINDS.has(item.kind))
        saw('address', attackerIp, t, id);
      if (!malicious) return;
      if (hosts.includes(item.on!)) saw('host', item.on!, t, id);
      if (account && accounts.has(account)) saw('account', account, t, id);
      const f = item as unknown as Record<string, unknown>;
      // Files it left behind (written or changed), not the ones it only read or removed.
      const isLeft = f.action === undefined || f.action === 'create' || f.action === 'modify';
      if (item.kind === 'file' && typeof f.path === 'string' && isLeft)
        saw('artefact', f.path, t, id);
    },
  );
  const seen = new Map(
    [...first]
      .sort(
        ([, a], [, b]) =>
          a.item.observableAt - b.item.observableAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .map(([key, { item }]) => [key, item]),
  );
  const entry = hosts.find((h) => seen.has(`host:${h}`));
  const items: TruthItem[] = [];
  if (entry) items.push({ ...seen.get(`host:${entry}`)!, kind: 'entry-point' });
  // The entry point is also a compromised host: it is found (and counted) once.
  const order: TruthItem['kind'][] = ['host', 'address', 'account', 'artefact'];
  for (const kind of order)
    for (const item of [...seen.values()].filter((i) => i.kind === kind))
      if (!(kind === 'host' && item.value === entry)) items.push(item);
  return items;
}

/** The indicators marked in the notebook (`mark` actions), every time each was marked. */
function marks(trace: readonly TraceEntry[]): Map<string, Array<{ t: SimMs; event: EventRef }>> {
  const out = new Map<string, Array<{ t: SimMs; event: EventRef }>>();
  trace.forEach((e, index) => {
    if (e.type !== 'action.done' || e.request.do !== 'mark' || !e.request.value) return;
    const key = e.request.value.trim().toLowerCase();
    out.set(key, [...(out.get(key) ?? []), { t: e.t, event: { index, t: e.t, type: e.type } }]);
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
 * it in the notebook after it became observable (a guess before any evidence showed it earns
 * nothing), in full within the rubric's `find.target` of it becoming observable, down to
 * `late_credit` at `find.limit` and after. Nothing to find (a false positive, an attack stopped
 * before it compromised anything) leaves the dimension not evaluated.
 */
export function investigationDimension(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string,
  rubric?: InvestigationRubric,
): DraftFinding[] {
  const truth = investigationTruth(compiled, trace, seed);
  if (truth.length === 0)
    return [
      {
        code: 'investigation.not-evaluated',
        delta: 0,
        text: 'nothing malicious was observable: nothing to find',
        events: [],
      },
    ];
  const found = marks(trace);
  const share = 1 / truth.length;
  const late = rubric?.late_credit ?? 0.5;
  return truth.map((item) => {
    const hit = found.get(item.value.toLowerCase())?.find((m) => m.t >= item.observableAt);
    if (!hit)
      return {
        code: `investigation.missed-${item.kind}`,
        delta: 0,
        text: `did not find ${LABEL[item.kind]} ${item.value} (observable from ${formatElapsed(item.observableAt)})`,
        t: item.observableAt,
        events: [],
        recommendation: `Search the SIEM and the hosts' consoles for ${LABEL[item.kind]}, and mark it in the notebook.`,
      };
    const took = hit.t - item.observableAt;
    const credit = rubric?.find ? late + (1 - late) * timeCredit(took, rubric.find) : 1;
    return {
      code: credit < 1 ? `investigation.late-${item.kind}` : `investigation.found-${item.kind}`,
      delta: share * credit,
      text: `found ${LABEL[item.kind]} ${item.value} at ${formatElapsed(hit.t)} (observable from ${formatElapsed(item.observableAt)})`,
      t: hit.t,
      events: [hit.event],
      ...(credit < 1
        ? {
            recommendation: `Mark what you find as soon as you see it: ${LABEL[item.kind]} was in the evidence for ${formatDuration(took)} first.`,
          }
        : {}),
    };
  });
}
