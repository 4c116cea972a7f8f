import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import { drillFacts, factNamedBy, type Fact } from '../evidence/index.js';
import {
  inNetwork,
  parseCidr,
  parseIpv4,
  type IndicatorKind,
  type SeveritySign,
  type SimMs,
} from '../model/index.js';

/** Alert priorities whose lines a responder reads (a low one is the noise the criteria name). */
const READ = new Set(['medium', 'high', 'critical']);
/** Priorities worth triage on their own, before any line shows what happened. */
const SERIOUS = new Set(['high', 'critical']);
/** How long after an alert its lines may still arrive (a command right after the alert). */
const LINES_WAIT: SimMs = 30 * 60_000;
/** A bulk read: this many rows or more in one statement. */
const BULK_ROWS = 1_000;
/** A transfer this large to an outside address is data leaving. */
const LARGE_TRANSFER = 10 * 1024 * 1024;
/** Paths that hold code or persistence (a PNG in the static folder is neither). */
const CODE = /\.(php\d?|phtml|phar|jsp|aspx?|js|sh|py|pl|so)$/i;
const PERSISTENCE = /(^|\/)(cron[^/]*|\.ssh|systemd|init\.d|rc\.local)(\/|$)/;
/** What one inject showed the team: when it fired, the facts its lines render, their signs. */
export interface Reading {
  inject: string;
  t: SimMs;
  facts: readonly Fact[];
  signs: Set<SeveritySign>;
}

/** An indicator as a trainee marks it, with when the lines first showed it. */
export interface Sighted {
  value: string;
  indicator: IndicatorKind;
  at: SimMs;
}

type Fields = Record<string, unknown>;

/**
 * What a responder without the scenario's ground truth can see by now (decision 0990): the
 * injects that have fired and the lines they show (the facts injectEvidenceLines renders, read
 * for their kinds, hosts, addresses, accounts, paths, sizes), judged against the architecture's
 * severity signs. It never reads `malicious`, an attacker state's severity, the attacker's address
 * or accounts from the scenario, nor whether a fact's endpoint is "the attacker": only the address
 * a line shows and whether it lies outside the organisation's networks.
 */
export class Sight {
  readonly readings: Reading[] = [];
  /** The first inject worth acting on: a serious priority, or lines that meet a sign. */
  trigger?: { inject: string; t: SimMs; subject?: string };
  private readonly marks = new Map<string, Sighted>();
  private readonly hostsSeen = new Set<string>();
  private readonly counted = new Map<string, number>();
  private latestAddress?: string;
  private firedSeen = 0;
  /** Read injects whose lines had not happened yet when they fired. */
  private waiting: Reading[] = [];
  /** When the lines were last read (a retry waits for time to move on). */
  private lastRead = -1;
  private readonly networks;

  constructor(private readonly compiled: CompiledScenario) {
    const arch = compiled.architecture;
    this.networks = [
      ...arch.layers.flatMap((l) => (l.network ? [l.network] : [])),
      ...arch.addresses.internal,
    ]
      .map((cidr) => parseCidr(cidr))
      .filter((n) => n !== undefined);
  }

  /** An address the lines show that is none of ours (a layer's network, an office's). */
  outside(ip: string | undefined): boolean {
    const n = ip ? parseIpv4(ip) : undefined;
    return n !== undefined && !this.networks.some((net) => inNetwork(n, net));
  }

  /**
   * Reads every inject fired since the last call (trace up to `now`). An inject whose lines have
   * not happened yet (its command runs a moment after the alert) is read again on later calls,
   * for up to `LINES_WAIT` after it fired.
   */
  update(trace: readonly TraceEntry[], seed: string, now: SimMs): void {
    const fired = trace.filter(
      (e): e is Extract<TraceEntry, { type: 'inject.fired' }> => e.type === 'inject.fired',
    );
    const fresh = fired.slice(this.firedSeen);
    this.firedSeen = fired.length;
    this.waiting = this.waiting.filter((w) => now - w.t <= LINES_WAIT);
    // Lines that had not happened yet can only have happened once time moved on.
    const retry = this.waiting.length > 0 && now > this.lastRead;
    const needLines =
      retry || fresh.some((e) => (this.compiled.injects.get(e.inject)?.evidence.length ?? 0) > 0);
    if (!fresh.length && !needLines) return;
    const all = needLines ? drillFacts(this.compiled, trace, seed, { from: 0, to: now + 1 }) : [];
    if (needLines) this.lastRead = now;
    const still: Reading[] = [];
    for (const reading of retry || needLines ? this.waiting : []) {
      const inject = this.compiled.injects.get(reading.inject)!;
      const named = all.filter((f) => factNamedBy(f, inject.evidence) && f.outcome !== 'silent');
      if (!named.length) {
        still.push(reading);
        continue;
      }
      this.read(reading, named.slice(0, 1), now);
    }
    if (retry || needLines) this.waiting = still;
    for (const e of fresh) {
      const inject = this.compiled.injects.get(e.inject);
      if (!inject) continue;
      const priority = inject.severity ?? 'info';
      const reading: Reading = { inject: e.inject, t: e.t, facts: [], signs: new Set() };
      this.readings.push(reading);
      const named = inject.evidence.length
        ? all.filter((f) => factNamedBy(f, inject.evidence) && f.outcome !== 'silent')
        : [];
      const before = named.filter((f) => f.t <= e.t);
      // The answer to the team's own search is read whatever its priority.
      const read = READ.has(priority) || inject.on_action !== undefined;
      const facts = read ? (before.length ? before : named.slice(0, 1)) : [];
      if (read && inject.evidence.length && !facts.length) this.waiting.push(reading);
      if (SERIOUS.has(priority) && !this.trigger) this.triggerOn(reading);
      if (SERIOUS.has(priority)) for (const host of inject.about ?? []) this.hostsSeen.add(host);
      this.read(reading, facts, e.t);
    }
  }

  /** Takes in the lines an inject shows: their signs, and what they show to mark. */
  private read(reading: Reading, facts: readonly Fact[], now: SimMs): void {
    reading.facts = facts;
    for (const fact of facts) for (const s of this.signsOf(fact, facts)) reading.signs.add(s);
    if (reading.signs.size === 0) return;
    if (!this.trigger) this.triggerOn(reading);
    for (const host of this.compiled.injects.get(reading.inject)?.about ?? [])
      this.hostsSeen.add(host);
    this.note(facts, Math.max(now, ...facts.map((f) => f.t)));
  }

  private triggerOn(reading: Reading): void {
    const subject = this.compiled.injects.get(reading.inject)?.about?.[0];
    this.trigger = {
      inject: reading.inject,
      t: reading.t,
      ...(subject !== undefined ? { subject } : {}),
    };
  }

  /** The indicators the lines of an acted-on inject show, as a trainee marks them. */
  private note(facts: readonly Fact[], at: SimMs): void {
    const mark = (value: string | undefined, indicator: IndicatorKind) => {
      if (!value) return;
      const key = `${indicator}:${value}`;
      if (!this.marks.has(key)) this.marks.set(key, { value, indicator, at });
    };
    const addresses = new Map<string, number>();
    for (const fact of facts) {
      if (this.signsOf(fact, facts).length === 0) continue;
      const f = fact.fields as Fields;
      this.hostsSeen.add(fact.on);
      mark(fact.on, 'host');
      for (const c of [fact.from.component, fact.to?.component])
        if (c && this.compiled.componentIds.includes(c)) {
          this.hostsSeen.add(c);
          mark(c, 'host');
        }
      for (const ip of [fact.from.ip, fact.to?.ip])
        if (ip && this.outside(ip)) addresses.set(ip, (addresses.get(ip) ?? 0) + 1);
      mark(fact.account, 'account');
      if (typeof f.user === 'string') mark(f.user, 'account');
      const leaves = f.action === undefined || f.action === 'create' || f.action === 'modify';
      if (fact.kind === 'file' && typeof f.path === 'string' && leaves) mark(f.path, 'path');
    }
    // The addresses most of the lines come from (a flood's thousand sources are not marked).
    const top = [...addresses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    for (const [ip, n] of top) {
      mark(ip, 'address');
      this.counted.set(ip, (this.counted.get(ip) ?? 0) + n);
    }
    if (top[0]) this.latestAddress = top[0][0];
  }

  /** What one fact's line shows, in the architecture's sign vocabulary. */
  signsOf(fact: Fact, shown: readonly Fact[]): SeveritySign[] {
    const f = fact.fields as Fields;
    switch (fact.kind) {
      case 'http':
      case 'api': {
        const out: SeveritySign[] = [];
        // An exploit attempt carries a payload (a query, a body); a plain GET is a scan.
        const reached = fact.outcome === 'delivered' || fact.outcome === 'throttled';
        const payload = Boolean(f.query) || (f.method !== undefined && f.method !== 'GET');
        if (reached && payload && this.outside(fact.from.ip)) out.push('reached-server');
        if ((fact.weight ?? 1) > 1) out.push('flood');
        if (fact.kind === 'api' && f.admin === true) out.push('commands');
        return out;
      }
      case 'process':
      case 'dns':
        return ['commands'];
      case 'auth': {
        // A shell on a host (ssh, sudo), or any login from outside; an application login from
        // inside (a colleague in the CMS) is routine.
        if (f.outcome === 'failure') return [];
        const shell = f.service === 'ssh' || f.service === 'sudo';
        return shell || this.outside(fact.from.ip) ? ['login'] : [];
      }
      case 'account':
        return ['login'];
      case 'deploy':
        return ['implant'];
      case 'file': {
        if (f.action === 'read' || f.action === 'delete') return [];
        const path = String(f.path ?? '');
        return CODE.test(path) || PERSISTENCE.test(path) ? ['implant'] : [];
      }
      case 'db':
        return f.statement === 'dump' || (f.statement === 'select' && Number(f.rows) >= BULK_ROWS)
          ? ['data-read']
          : [];
      case 'directory': {
        // An account added or changed is one the attacker controls; a bind that works after
        // failed ones is a credential taken.
        if (f.operation === 'add' || f.operation === 'modify') return ['login'];
        const failed = shown.some(
          (o) =>
            o.kind === 'directory' &&
            (o.fields as Fields).operation === 'bind' &&
            Number((o.fields as Fields).result) !== 0,
        );
        if (f.operation === 'bind' && Number(f.result ?? 0) === 0 && failed) return ['credentials'];
        return f.operation === 'search' ? ['enumeration'] : [];
      }
      case 'connection': {
        if (!this.outside(fact.to?.ip)) return [];
        return Number(f.bytes ?? 0) >= LARGE_TRANSFER ? ['data-leaves'] : ['commands'];
      }
      default:
        return [];
    }
  }

  /**
   * The severity the criteria give what was seen: the highest whose signs the lines met, else
   * the one the drill started at.
   */
  severity(): string {
    const seen = new Set(this.readings.flatMap((r) => [...r.signs]));
    const rank = this.compiled.severityRank;
    let best = this.compiled.scenario.severity;
    for (const s of this.compiled.architecture.severities)
      if (s.signs.some((sign) => seen.has(sign)) && (rank.get(s.id) ?? 0) > (rank.get(best) ?? 0))
        best = s.id;
    return best;
  }

  /** The components the acted-on injects were about, in the order they came. */
  subjects(): string[] {
    return [...this.hostsSeen];
  }

  /** Whether the evidence showed this component (an alert was about it, a line came from it). */
  saw(component: string): boolean {
    return this.hostsSeen.has(component);
  }

  /** Whether a value (address, account, path) was in the lines. */
  knows(value: string): boolean {
    return [...this.marks.values()].some((m) => m.value === value);
  }

  /** The outside address the latest lines came from (where a block aims). */
  address(): string | undefined {
    return this.latestAddress;
  }

  sighted(): Sighted[] {
    return [...this.marks.values()];
  }
}
