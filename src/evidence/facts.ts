import { alea, type CompiledScenario, type TraceEntry } from '../engine/index.js';
import { fillParameters, stateEvidence, type ExpandedEvidenceItem } from '../model/index.js';
import { Carriers, type CarrierCut, type ThroughCut } from './carriers.js';
import { Defences } from './defences.js';
import { Network } from './network.js';
import type { Endpoint, Fact, FactOutcome } from './types.js';

/** A window of simulated time, [from, to). */
export interface FactWindow {
  from: number;
  to: number;
}

/** Occurrences of one item are capped so a flood stays data, not millions of objects. */
export const MAX_OCCURRENCES = 20_000;

/**
 * A flood (`rate:` above this many requests per second) is sampled: one fact stands for
 * `rate / FLOOD_SAMPLE_RATE` requests (its `weight`), so 40,000 requests/s stay a few facts a
 * second; the renderers write one line per sample and the true volume in summary lines.
 */
export const FLOOD_SAMPLE_RATE = 2;

/** How many real occurrences one fact of the item stands for (1 unless it is a sampled flood). */
export function occurrenceWeight(item: ExpandedEvidenceItem): number {
  const rate = item.kind === 'http' && item.rate ? Number(item.rate.split('/')[0]) : 0;
  return rate > FLOOD_SAMPLE_RATE ? rate / FLOOD_SAMPLE_RATE : 1;
}

/** Share of requests a degraded load balancer refuses (rate limiting), half 429 and half 503. */
export const DEGRADED_REFUSED_SHARE = 0.4;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Kinds that happen on the host itself: no network device sees them, no line shows a source address. */
export const LOCAL_KINDS: ReadonlySet<string> = new Set(['process', 'file', 'account', 'deploy']);

type Rand = () => number;
const keyed = (...key: Array<string | number>): Rand => alea(key.join('\u0000'));

/** The attacker's moves: each entered state with its time span (the last one open-ended). */
function stays(trace: readonly TraceEntry[], end: number) {
  const entered = trace.filter(
    (e): e is Extract<TraceEntry, { type: 'attacker.entered' }> => e.type === 'attacker.entered',
  );
  return entered.map((e, i) => ({
    state: e.state,
    entry: i,
    from: e.t,
    to: Math.min(entered[i + 1]?.t ?? Infinity, end),
    /** When the attacker left the state, whatever the window (Infinity: it has not, yet). */
    leave: entered[i + 1]?.t ?? Infinity,
    onto: undefined as { from: string; to: string } | undefined,
  }));
}

/**
 * What a spread (decision 0960) does on a sibling: the items the state that took the source did on
 * it, from the spread's time (ids `<state>#<entry>/...` with an entry after the attacker's own).
 */
function spreadStays(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  end: number,
  first: number,
) {
  const spreads = trace.filter(
    (e): e is Extract<TraceEntry, { type: 'attacker.spread' }> => e.type === 'attacker.spread',
  );
  return spreads.flatMap((e, k) => {
    const rule = compiled.scenario.spreads.find(
      (r) => r.from === e.from && r.vulnerability === e.vulnerability,
    );
    const state =
      rule?.state ??
      compiled.scenario.attacker.states.find((s) => s.compromises.includes(e.from))?.id;
    if (!state) return [];
    return [
      {
        state,
        entry: first + k,
        from: e.t,
        to: end,
        leave: Infinity,
        onto: { from: e.from, to: e.to },
      },
    ];
  });
}

/**
 * When each host was wiped (rebuilt or restored, decision 0960): what the attacker was doing on
 * it in a stay ends there; it does it again only after it re-enters (a new stay).
 */
function wipes(trace: readonly TraceEntry[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of trace)
    if (e.type === 'host.restored') out.set(e.component, [...(out.get(e.component) ?? []), e.t]);
  return out;
}

/** When each occurrence of an item happens, for a stay [t0, leave). */
export function occurrenceTimes(
  item: ExpandedEvidenceItem,
  t0: number,
  leave: number,
  r: Rand,
): number[] {
  const base = t0 + (item.at ?? 0);
  const times: number[] = [];
  const rate = item.kind === 'http' && item.rate ? Number(item.rate.split('/')[0]) : 0;
  const period = rate > 0 ? 1000 / Math.min(rate, FLOOD_SAMPLE_RATE) : item.every;
  if (period !== undefined && period > 0) {
    const cap = Math.min(item.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
    // Jitter of up to a tenth of the period keeps the rhythm and looks like a real beacon.
    for (let k = 0; times.length < cap; k++) {
      const t = Math.floor(base + k * period + r() * period * 0.1);
      if (t >= leave) break;
      times.push(t);
    }
    return times;
  }
  const count = Math.min(item.count ?? 1, MAX_OCCURRENCES);
  const spread = item.spread ?? 0;
  // Stratified: one draw inside each of `count` equal slots, so times are ordered and spread.
  for (let k = 0; k < count; k++)
    times.push(Math.floor(base + ((k + (count > 1 ? r() : 0)) * spread) / count));
  return times;
}

function drawStatus(item: ExpandedEvidenceItem, r: Rand): number | undefined {
  if (item.kind !== 'http') return undefined;
  if (typeof item.status === 'number') return item.status;
  const mix = Object.entries(item.status);
  const total = mix.reduce((sum, [, w]) => sum + w, 0);
  let x = r() * total;
  for (const [code, w] of mix) {
    x -= w;
    if (x < 0) return Number(code);
  }
  return Number(mix[mix.length - 1]![0]);
}

function endpoint(value: string | undefined, attackerIp: string, r: Rand): Endpoint {
  if (value === undefined || value === 'attacker') return { kind: 'attacker', ip: attackerIp };
  if (value === 'internet')
    // A public-looking address from the documentation ranges, drawn per occurrence.
    return { kind: 'internet', ip: `198.51.100.${10 + Math.floor(r() * 240)}` };
  if (IPV4.test(value)) return { kind: 'address', ip: value };
  return { kind: 'component', ip: '', component: value };
}

// First octets of busy public unicast space (no private, shared, loopback, multicast or
// documentation /8): a botnet's members sit in residential and hosting networks worldwide.
const BOTNET_FIRST_OCTETS = [
  2, 5, 14, 24, 27, 31, 36, 37, 41, 45, 46, 49, 58, 59, 61, 62, 71, 73, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 101, 103, 106, 109, 110, 112, 113, 114, 115, 116,
  117, 118, 119, 121, 122, 123, 124, 125, 141, 151, 154, 175, 176, 177, 178, 179, 180, 181, 182,
  183, 185, 186, 187, 188, 189, 190, 191, 193, 194, 195, 196, 197, 200, 201, 210, 211, 212, 213,
  217, 218, 219, 220, 221, 222,
];

/** Member `index` of the drill's botnet: a host address, the same for every item and state. */
export function botnetAddress(seed: string | number, index: number): string {
  const r = keyed(seed, 'botnet', index);
  const first = BOTNET_FIRST_OCTETS[Math.floor(r() * BOTNET_FIRST_OCTETS.length)]!;
  return `${first}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
}

function accountOf(item: ExpandedEvidenceItem): string | undefined {
  if (item.as !== undefined) return item.as;
  if (item.kind === 'auth' || item.kind === 'account') return item.user;
  if (item.kind === 'process') return item.user;
  if (item.kind === 'deploy') return item.actor;
  return undefined;
}

/** What the defences make of a fact at its time, and the devices that see it. */
function judge(
  fact: Omit<Fact, 'outcome' | 'path'>,
  net: Network,
  defences: Defences,
  r: Rand,
): { outcome: FactOutcome; path: string[]; status?: number } {
  const t = fact.t;
  const source = fact.from.component;
  if (defences.isolated(fact.on, t) || (source && defences.isolated(source, t)))
    return { outcome: 'silent', path: [] };
  const external = fact.from.kind !== 'component';
  const outboundToAttacker = fact.kind === 'connection' && fact.to?.kind === 'attacker';
  if (outboundToAttacker) {
    const path = net.outbound(fact.on);
    if (defences.blockedAtEdge(fact.to!.ip, t)) {
      const edge = path.find((id) => net.role(id) === 'edge-firewall');
      return { outcome: 'dropped', path: path.slice(0, edge ? path.indexOf(edge) + 1 : 1) };
    }
    return { outcome: 'delivered', path };
  }
  if (fact.kind === 'connection' && fact.to?.kind === 'component') {
    const path = net.route(fact.on, fact.to.component!);
    if (fact.to.component && defences.isolated(fact.to.component, t))
      return { outcome: 'dropped', path: path.slice(0, -1) };
    return { outcome: 'delivered', path: path.length ? path : [fact.on] };
  }
  if (fact.kind === 'dns') {
    // The host asks the internal resolver, which recurses out through the perimeter; without one,
    // the host's own query goes out through its firewalls and IDS. A blocked address does not stop
    // it: that is what makes DNS a fallback channel.
    const resolver = net.resolver;
    if (!resolver || resolver === fact.on)
      return { outcome: 'delivered', path: net.outbound(fact.on) };
    const egress = net.outbound(resolver).slice(1);
    return {
      outcome: 'delivered',
      path: [fact.on, resolver, ...(egress.length ? egress : net.outbound(fact.on).slice(1))],
    };
  }
  if (LOCAL_KINDS.has(fact.kind)) return { outcome: 'delivered', path: [fact.on] };
  if (!external) {
    const path = source ? net.route(source, fact.on) : [];
    return { outcome: 'delivered', path: path.length ? path : [fact.on] };
  }
  // From the internet in: edge firewall -> IDS -> WAF -> load balancer -> host, as declared.
  const path =
    fact.kind === 'http' || fact.kind === 'auth' || fact.kind === 'api'
      ? net.inbound(fact.on)
      : [fact.on];
  const until = (role: string) => {
    const i = path.findIndex((id) => net.role(id) === role);
    return i >= 0 ? path.slice(0, i + 1) : path.slice(0, 1);
  };
  const isAttacker = fact.from.kind === 'attacker';
  const mode = defences.traffic(t);
  if (
    path.length > 1 &&
    (mode === 'lockdown' || (isAttacker && defences.blockedAtEdge(fact.from.ip, t)))
  )
    return { outcome: 'dropped', path: until('edge-firewall') };
  if (fact.kind === 'http') {
    const rule = fact.fields.kind === 'http' ? fact.fields.waf_rule : undefined;
    if (
      (rule && defences.wafRuleOn(rule, t)) ||
      (isAttacker && defences.blockedAtWaf(fact.from.ip, t))
    )
      return { outcome: 'blocked', path: until('waf'), status: 403 };
    if (mode === 'degraded' && path.some((id) => net.role(id) === 'load-balancer')) {
      if (r() < DEGRADED_REFUSED_SHARE)
        return {
          outcome: 'throttled',
          path: until('load-balancer'),
          status: r() < 0.5 ? 429 : 503,
        };
    }
  }
  return { outcome: 'delivered', path };
}

type AttackerStateOf = NonNullable<ReturnType<CompiledScenario['states']['get']>>;
const filledItems = new WeakMap<AttackerStateOf, Map<string, ExpandedEvidenceItem[]>>();

/**
 * A state's evidence items with the attacker's address filled in (and, for a spread, moved onto
 * the sibling), once per (state, address, spread): models are never mutated, nor are these.
 */
function stayItems(
  state: AttackerStateOf,
  ip: string,
  onto: { from: string; to: string } | undefined,
): ExpandedEvidenceItem[] {
  let byKey = filledItems.get(state);
  if (!byKey) filledItems.set(state, (byKey = new Map()));
  const key = onto ? `${ip}|${onto.from}|${onto.to}` : ip;
  let items = byKey.get(key);
  if (!items) {
    // The attacker's address is known once the drill runs: fill it into the items' values.
    items = stateEvidence(state)
      .filter((item) => onto === undefined || item.on === onto.from)
      .map((item) => {
        const filled = fillParameters(item, { attacker_ip: ip }) as ExpandedEvidenceItem;
        // A spread repeats the exploit on the sibling: the same items, on it, for as long as it lasts.
        if (onto === undefined) return filled;
        const { until: _until, ...rest } = filled;
        return { ...rest, on: onto.to } as ExpandedEvidenceItem;
      });
    byKey.set(key, items);
  }
  return items;
}

/** One occurrence of an evidence item in a stay, before it is drawn and judged. */
interface Occurrence {
  stay: {
    state: string;
    entry: number;
    to: number;
    leave: number;
    onto: { from: string; to: string } | undefined;
  };
  state: { malicious: boolean };
  item: ExpandedEvidenceItem;
  index: number;
  t: number;
  occurrence: number;
  weight: number;
  /** The item's carrier (a process, an artefact) goes after `t` in this stay: when and how. */
  cut?: { at: number; by: 'kill' | 'removal' };
  /** It goes through an artefact that is removed at `t`: the server answers for what is not there. */
  missing?: 'not-found' | 'refused';
}

/** An occurrence with only the optional parts it has (no spread copies: it is made per draw). */
function occurrenceOf(
  stay: Occurrence['stay'],
  state: Occurrence['state'],
  item: Occurrence['item'],
  index: number,
  t: number,
  occurrence: number,
  weight: Occurrence['weight'],
  cut: Occurrence['cut'],
  missing: Occurrence['missing'],
): Occurrence {
  const o: Occurrence = { stay, state, item, index, t, occurrence, weight };
  if (cut) o.cut = cut;
  if (missing) o.missing = missing;
  return o;
}

/**
 * Every occurrence of every entered attacker state's evidence items in [window.from, window.to),
 * stay by stay and item by item (not in time order), with the attacker's address as it was then.
 * The one walk drillFacts draws its facts from and factSightings reads without drawing them.
 */
function eachOccurrence(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string | number,
  window: FactWindow,
  visit: (o: Occurrence, addressAt: (t: number) => string) => void,
): void {
  const started = trace.find((e) => e.type === 'drill.started');
  const firstIp = started?.type === 'drill.started' ? started.attackerIp : '0.0.0.0';
  // The attacker's address moves when a block makes it come back from another of its pool.
  const moves = trace.filter(
    (e): e is Extract<TraceEntry, { type: 'attacker.address-changed' }> =>
      e.type === 'attacker.address-changed',
  );
  const addressAt = (t: number): string => {
    let ip = firstIp;
    for (const m of moves) if (m.t <= t) ip = m.to;
    return ip;
  };
  const ended = trace.find((e) => e.type === 'drill.ended');
  const end = Math.min(window.to, ended?.t ?? Infinity);
  const wiped = wipes(trace);
  const carriers = new Carriers(compiled, trace);
  const attackerStays = stays(trace, end);
  for (const stay of [
    ...attackerStays,
    ...spreadStays(compiled, trace, end, attackerStays.length),
  ]) {
    if (stay.from >= end) continue;
    const state = compiled.states.get(stay.state);
    if (!state) continue;
    const items = stayItems(state, addressAt(stay.from), stay.onto);
    // Items with the same schedule draw the same times: draw them once per stay.
    const drawn = new Map<string, number[]>();
    items.forEach((item, index) => {
      // Keyed on the schedule, not the item: items with the same timing move together (a web
      // shell's request and the command it runs keep their rhythm).
      const schedule = `${item.at ?? 0}|${item.every ?? ''}|${item.count ?? ''}|${item.spread ?? ''}`;
      const rate = item.kind === 'http' ? (item.rate ?? '') : '';
      let times = drawn.get(`${schedule}|${rate}`);
      if (!times) {
        times = occurrenceTimes(
          item,
          stay.from,
          stay.to,
          keyed(seed, 'evidence', stay.state, stay.entry, schedule),
        );
        drawn.set(`${schedule}|${rate}`, times);
      }
      const weight = occurrenceWeight(item);
      // A wipe in the same instant as the entry came first (the move waited for it): not this stay's.
      const wipe = (wiped.get(item.on!) ?? []).find((w) => w > stay.from) ?? Infinity;
      // What a killed process or a removed artefact carried stops with it (src/evidence/carriers.ts).
      const carrier: CarrierCut | undefined = carriers.any
        ? carriers.cutOf(stay.state, stay, item, items)
        : undefined;
      // What goes through a removed artefact (a web shell's requests, a backdoor account's logins).
      const through: ThroughCut | undefined = carriers.any
        ? carriers.throughOf(item, items)
        : undefined;
      times.forEach((t, occurrence) => {
        if (t < window.from || t >= end || t >= stay.to || t >= wipe) return;
        if (carrier?.goneAt(t)) return;
        const missing = through?.goneAt(t) ? through.effect : undefined;
        if (missing === 'gone') return;
        const cut = carrier?.endAfter(t);
        visit(
          occurrenceOf(stay, state, item, index, t, occurrence, weight, cut, missing),
          addressAt,
        );
      });
    });
  }
}

/**
 * When a long-lived fact ends: with its stay (`leave`) or the drill, unless its carrier goes first
 * (a killed process, a removed plugin: `endedBy` says which, the kill's lines read it).
 */
function untilOf(
  until: 'leave' | 'end',
  o: Occurrence,
  end: number,
  untilEnd: number | undefined,
): { until: number; endedBy?: 'kill' | 'removal' } {
  const natural =
    untilEnd === undefined
      ? until === 'leave'
        ? Math.min(o.stay.to, end)
        : end
      : until === 'leave'
        ? Math.min(o.stay.leave, untilEnd)
        : untilEnd;
  return o.cut && o.cut.at < natural ? { until: o.cut.at, endedBy: o.cut.by } : { until: natural };
}

/**
 * PHP-FPM's answer for a script that is not there ("File not found.", `Primary script unknown`
 * in nginx's error log) when nginx hands it every .php name; nginx's own 404 page otherwise.
 */
export const MISSING_PHP_BYTES = 16;
export const NGINX_404_BYTES = 153;

/** The item as the server answers it while the artefact it goes through is removed. */
function answered(
  item: ExpandedEvidenceItem,
  missing: 'not-found' | 'refused',
): ExpandedEvidenceItem {
  if (missing === 'refused' && item.kind === 'auth') return { ...item, outcome: 'failure' };
  if (missing === 'not-found' && item.kind === 'http') {
    const path = Array.isArray(item.path) ? item.path[0]! : item.path;
    return {
      ...item,
      status: 404,
      bytes: path.endsWith('.php') ? MISSING_PHP_BYTES : NGINX_404_BYTES,
    };
  }
  return item;
}

const factId = (o: Occurrence) =>
  `${o.stay.state}#${o.stay.entry}/${o.item.id ?? o.index}/${o.occurrence}`;

/**
 * The drill's facts in [window.from, window.to), in time order: every entered attacker state's
 * evidence expanded into occurrences (at/count/spread/every/until), judged against the defences
 * in force at each occurrence's time. Pure: randomness is keyed on (seed, state, entry, item,
 * occurrence), so a fact does not depend on the window it was asked for; only `until` of a stay
 * still open at the window's end does (it is that end), unless `options.untilEnd` says where the
 * drill ends instead: then `until` is the same for every window (telemetry's cache, decision 1000).
 */
export function drillFacts(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string | number,
  window: FactWindow,
  options: { untilEnd?: number } = {},
): Fact[] {
  const net = new Network(compiled.architecture);
  const defences = new Defences(compiled, trace);
  const facts: Fact[] = [];
  const ended = trace.find((e) => e.type === 'drill.ended');
  const end = Math.min(window.to, ended?.t ?? Infinity);
  eachOccurrence(compiled, trace, seed, window, (o, addressAt) => {
    const { stay, state, index, t, occurrence, weight } = o;
    const item = o.missing ? answered(o.item, o.missing) : o.item;
    const r = keyed(seed, 'fact', stay.state, stay.entry, index, occurrence);
    const draft: Omit<Fact, 'outcome' | 'path'> = {
      id: factId(o),
      t,
      kind: item.kind,
      on: item.on!,
      from:
        item.kind === 'http' && item.sources !== undefined
          ? { kind: 'address', ip: botnetAddress(seed, Math.floor(r() * item.sources)) }
          : endpoint(item.from, addressAt(t), r),
      ...(item.kind === 'connection' ? { to: endpoint(item.to, addressAt(t), r) } : {}),
      ...(accountOf(item) !== undefined ? { account: accountOf(item)! } : {}),
      state: stay.state,
      entry: stay.entry,
      ...(item.id !== undefined ? { item: item.id } : {}),
      ...(item.group !== undefined ? { group: item.group } : {}),
      ...(item.template !== undefined ? { template: item.template } : {}),
      occurrence,
      ...(stay.onto ? { spreadFrom: stay.onto.from } : {}),
      ...(weight > 1 ? { weight } : {}),
      // Ground truth is the author's word on the state: a scan before the attack or the
      // benign upload of a false-positive drill is not malicious, whoever the "attacker" is.
      malicious: state.malicious,
      fields: item,
      ...(item.until !== undefined ? untilOf(item.until, o, end, options.untilEnd) : {}),
    };
    const status = drawStatus(item, r);
    const verdict = judge(draft, net, defences, r);
    facts.push({
      ...draft,
      ...(status !== undefined || verdict.status !== undefined
        ? { status: verdict.status ?? status! }
        : {}),
      outcome: verdict.outcome,
      path: verdict.path,
    });
  });
  return facts.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A fact as far as it can be known without drawing its randomness or judging it. */
export interface FactSighting {
  id: string;
  t: number;
  kind: string;
  on: string;
  /** The attacker's own address when the fact comes from it (never a drawn or fixed one). */
  attackerIp?: string;
  account?: string;
  malicious: boolean;
  fields: ExpandedEvidenceItem;
}

/**
 * The facts drillFacts gives, without what their seeded draws and the defences decide (outcome,
 * path, status, drawn addresses), in no particular order: what needs only who, where, when and
 * what (the investigation's ground truth) reads these, at a fraction of the cost.
 */
export function factSightings(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string | number,
  window: FactWindow,
): FactSighting[] {
  const out: FactSighting[] = [];
  eachSighting(compiled, trace, seed, window, (t, item, malicious, attackerIp, account, id) =>
    out.push({
      id: id(),
      t,
      kind: item.kind,
      on: item.on!,
      ...(attackerIp !== undefined ? { attackerIp } : {}),
      ...(account !== undefined ? { account } : {}),
      malicious,
      fields: item,
    }),
  );
  return out;
}

/**
 * factSightings' walk without its objects, for a reader that keeps few of them (the
 * investigation's first sightings): `visit` hears each sighting's parts, in the same order, and
 * `id()` builds the fact's id only when asked.
 */
export function eachSighting(
  compiled: CompiledScenario,
  trace: readonly TraceEntry[],
  seed: string | number,
  window: FactWindow,
  visit: (
    t: number,
    item: ExpandedEvidenceItem,
    malicious: boolean,
    attackerIp: string | undefined,
    account: string | undefined,
    id: () => string,
  ) => void,
): void {
  eachOccurrence(compiled, trace, seed, window, (o, addressAt) => {
    const item = o.missing ? answered(o.item, o.missing) : o.item;
    const fromAttacker =
      !(item.kind === 'http' && item.sources !== undefined) &&
      (item.from === undefined || item.from === 'attacker');
    visit(
      o.t,
      item,
      o.state.malicious,
      fromAttacker ? addressAt(o.t) : undefined,
      accountOf(item),
      () => factId(o),
    );
  });
}
