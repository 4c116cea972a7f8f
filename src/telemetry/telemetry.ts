import type { CompiledScenario, TraceEntry } from '../engine/index.js';
import type { DetectionRule, LogSource } from '../model/index.js';
import { Defences } from '../evidence/index.js';
import { ATTACK_LEAD_MS, AttackTimeline } from './attackTimeline.js';
import { BaselineShaping } from './baselineShaping.js';
import { drillEnd, type AttackEvents, type DrillView } from './drillView.js';
import type { Entry } from './entry.js';
import { injectLogLines } from './injectLines.js';
import { LineBuffer } from './lineBuffer.js';
import type { LogLine } from './logLine.js';
import { HaproxyWriter } from './haproxyBulk.js';
import { NginxAccessWriter } from './nginxBulk.js';
import { EveWriter } from './eveBulk.js';
import { FirewallWriter, firewallBulkHost } from './firewallBulk.js';
import { runsSuricata2 } from './products/suricata2.js';
import { noiseLines } from './noise.js';
import { redHerringEvents } from './redHerrings.js';
import { renderHttp } from './renderHttp.js';
import { compileRule, type CompiledRule } from './rules/compileRule.js';
import { parseLine, type Fields } from './rules/parseLine.js';
import { siemAlerts, siemSpan } from './rules/siem.js';
import type { StreamSpec } from './topology.js';
import { createWorld, MINUTE, type World } from './world.js';

/** Which streams a window covers; both optional (every component, every source). */
export interface WindowFilter {
  component?: string;
  source?: string;
}

export interface Telemetry {
  /** Every stream the architecture has, in a stable order (SIEM alerts last). */
  readonly streams: readonly StreamSpec[];
  readonly world: World;
  /**
   * The lines of the matching streams with `from <= t < to` (simulated ms), sorted by t (stable:
   * equal times keep stream order). A pure function of (scenario, seed, drill, window): any window
   * is produced without generating earlier ones. Without a drill: the baseline alone. Inject lines
   * (source `inject`) are included unless the filter names another source.
   */
  window(from: number, to: number, filter?: WindowFilter, drill?: DrillView): LogLine[];
  /**
   * The raw text of one stream for [from, to), newline-terminated lines in time order, handed to
   * `sink` in byte chunks of about 4 MiB (the chunk is reused: copy or write it before returning).
   * The bulk path behind `ttx logs` and the benchmark: no per-line objects survive a slice.
   */
  writeStream(
    spec: StreamSpec,
    from: number,
    to: number,
    drill: DrillView | undefined,
    sink: (chunk: Uint8Array) => void,
  ): number;
  /**
   * The bytes of several streams for [from, to), each exactly as writeStream writes it, handed to
   * `sink` with the stream they belong to (chunks of one stream in order; streams interleave).
   * What `ttx logs` uses: the streams share the traffic generated for each slice.
   */
  writeStreams(
    specs: readonly StreamSpec[],
    from: number,
    to: number,
    drill: DrillView | undefined,
    sink: (spec: StreamSpec, chunk: Uint8Array) => void,
  ): number;
}

const SLICE_MS = 10 * 60_000;

/**
 * The trace entries the attack's facts and the defences read (src/evidence: facts.ts, defences.ts):
 * only these make a new version of the attack. A new kind read there must be added here.
 */
const FACT_INPUTS: ReadonlySet<string> = new Set([
  'drill.started',
  'drill.ended',
  'attacker.entered',
  'attacker.spread',
  'attacker.address-changed',
  'host.restored',
  'process.killed',
  'artefact.placed',
  'artefact.removed',
  'traffic.changed',
  'action.done',
]);

/** A total order of lines: the result never depends on how a window was sliced or generated. */
function byTimeThenText(a: { t: number; text: string }, b: { t: number; text: string }): number {
  return a.t - b.t || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}
const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * writeStreams' first chunk per stream; it grows to STREAM_CHUNK_MAX for the busy ones (growing
 * each of them to 4 MiB cost more in zeroing and copying than the writes it saved).
 */
const STREAM_CHUNK_BYTES = 64 * 1024;
const STREAM_CHUNK_MAX = 1024 * 1024;
const WRITE_SLICE_MS = 60_000;

export interface TelemetryOptions {
  /** Detection rules (e.g. the shipped rules/*.yaml); the scenario's own rules are added. */
  rules?: readonly DetectionRule[];
}

export function createTelemetry(
  compiled: CompiledScenario,
  seed: string | number,
  options: TelemetryOptions = {},
): Telemetry {
  const world = createWorld(compiled.architecture, compiled.scenario, String(seed));
  const rules: CompiledRule[] = [
    ...(options.rules ?? []),
    ...(compiled.scenario.telemetry?.rules ?? []),
  ].map((r) => compileRule(compiled.architecture, r));
  const siemHost = world.topology.oneWithRole('siem');
  const streams = [
    ...world.topology.streams.filter((s) => s.source !== 'siem-alerts'),
    ...world.topology.streams.filter((s) => s.source === 'siem-alerts'),
  ];
  const herrings = redHerringEvents(world);
  let cache:
    | {
        key: string;
        last: TraceEntry | undefined;
        timeline: AttackTimeline;
        shaping: BaselineShaping;
        /** Which trace version this is (the SIEM's kept attack minutes are per version). */
        version: number;
      }
    | undefined;
  let versions = 0;
  const NO_EVENTS: AttackEvents = { conns: [], lines: new Map() };

  /*
   * The drill's attack and the baseline's shaping, once per version of its trace (decision 1000):
   * the clock is not part of the key, so a live drill's minutes extend one timeline instead of
   * each redoing the whole drill so far. The trace only grows; the number of entries the facts
   * read and the last of them tell a new version (and another drill) apart, so an inject firing
   * or a severity change does not redo the attack.
   */
  /*
   * The last drill asked about and its trace's length: every stream of every slice asks (77
   * streams, twice each), and the trace only grows, so the same drill with the same trace
   * array, length and context gives the same answer without scanning the trace again.
   */
  let seen:
    | {
        drill: DrillView;
        trace: readonly TraceEntry[];
        length: number;
        seed: string;
        attackerIp: string;
        ended: number | undefined;
        derived: NonNullable<typeof cache>;
      }
    | undefined;
  const derived = (drill: DrillView) => {
    const ctx = drill.context;
    if (
      seen?.drill === drill &&
      seen.trace === drill.trace &&
      seen.length === drill.trace.length &&
      seen.seed === ctx.seed &&
      seen.attackerIp === ctx.attackerIp &&
      seen.ended === ctx.ended?.at &&
      seen.derived === cache
    )
      return seen.derived;
    let count = 0;
    let last: TraceEntry | undefined;
    for (const e of drill.trace)
      if (FACT_INPUTS.has(e.type)) {
        count++;
        last = e;
      }
    const key = `${ctx.seed}|${ctx.attackerIp}|${count}|${ctx.ended?.at ?? ''}`;
    if (cache?.key !== key || cache.last !== last) {
      const timeline = new AttackTimeline(world, compiled, drill.trace, ctx.seed, ctx.ended?.at);
      const shaping = new BaselineShaping(world, new Defences(compiled, drill.trace));
      cache = { key, last, timeline, shaping, version: ++versions };
    }
    seen = {
      drill,
      trace: drill.trace,
      length: drill.trace.length,
      seed: ctx.seed,
      attackerIp: ctx.attackerIp,
      ended: ctx.ended?.at,
      derived: cache,
    };
    return cache;
  };
  /*
   * The attack's events of a window, per trace version: every stream of a slice asks for the same
   * window (and the access log for each of its minutes), and each answer is a new map of slices.
   * Callers only read them. Cleared with a new version, bounded all the same.
   */
  const attackWindows = new Map<string, AttackEvents>();
  let attackVersion = 0;
  /** The attack's events a window [from, to) can show. */
  const attack = (drill: DrillView | undefined, from: number, to: number): AttackEvents => {
    if (!drill) return NO_EVENTS;
    const d = derived(drill);
    const end = drillEnd(drill);
    if (d.version !== attackVersion || attackWindows.size >= 256) {
      attackWindows.clear();
      attackVersion = d.version;
    }
    const key = `${from}|${to}|${end}`;
    let events = attackWindows.get(key);
    if (!events) attackWindows.set(key, (events = d.timeline.events(from, to, end)));
    return events;
  };
  const shapingOf = (drill: DrillView | undefined): BaselineShaping | undefined =>
    drill ? derived(drill).shaping : undefined;

  const extraLines = (
    spec: StreamSpec,
    from: number,
    to: number,
    extra: AttackEvents,
    out: Entry[],
  ): void => {
    if (extra.conns.length) renderHttp(world, spec, extra.conns, from, to, out);
    for (const e of extra.lines.get(`${spec.component}/${spec.source}`) ?? [])
      if (e.t >= from && e.t < to) out.push(e);
  };

  const streamLines = (
    spec: StreamSpec,
    from: number,
    to: number,
    drill: DrillView | undefined,
  ): Entry[] => {
    const out: Entry[] = [];
    noiseLines(world, spec, from, to, out, shapingOf(drill));
    extraLines(spec, from, to, attack(drill, from, to), out);
    extraLines(spec, from, to, herrings, out);
    return out.sort(byTimeThenText);
  };

  /*
   * The SIEM reads whole grouping periods (10 minutes or more) of its sources for every window, so
   * a dashboard asking for one minute at a time would regenerate and reparse them every minute.
   * What does not depend on the drill (noise, red herrings) is kept per stream and minute with its
   * parsed fields; only the attack's lines are made per call. Same lines, same order as
   * streamLines over the span (windows are slice-invariant), so the same alerts.
   */
  // By minute, then stream; only the minutes of the last span are kept (spans of consecutive
  // windows overlap), so memory is bounded by two grouping periods of the SIEM's sources.
  const baseMinutes = new Map<number, Map<string, { noise: LogLine[]; herrings: LogLine[] }>>();
  const parsed = new WeakMap<LogLine, Fields | undefined>();
  const baseMinute = (spec: StreamSpec, m: number, shaping: BaselineShaping | undefined) => {
    let minute = baseMinutes.get(m);
    if (!minute) baseMinutes.set(m, (minute = new Map()));
    const key = `${spec.component}/${spec.source}/${shaping?.key ?? ''}`;
    let hit = minute.get(key);
    if (!hit) {
      const noise: Entry[] = [];
      noiseLines(world, spec, m * MINUTE, (m + 1) * MINUTE, noise, shaping);
      const red: Entry[] = [];
      extraLines(spec, m * MINUTE, (m + 1) * MINUTE, herrings, red);
      hit = { noise: toLines(spec, noise), herrings: toLines(spec, red) };
      minute.set(key, hit);
    }
    return hit;
  };
  /*
   * The attack's lines of one minute for the SIEM, kept (with their parsed fields) once no later
   * fact of this trace version can add to them: a minute a LEAD before the drill's clock. Every
   * window's span re-reads minutes it read before; a flood's lines are most of them.
   */
  const attackMinutes = new Map<number, Map<string, LogLine[]>>();
  const attackMinute = (spec: StreamSpec, m: number, drill: DrillView | undefined): LogLine[] => {
    const make = () => {
      const out: Entry[] = [];
      extraLines(
        spec,
        m * MINUTE,
        (m + 1) * MINUTE,
        attack(drill, m * MINUTE, (m + 1) * MINUTE),
        out,
      );
      return toLines(spec, out);
    };
    if (!drill || (m + 1) * MINUTE + ATTACK_LEAD_MS > drillEnd(drill)) return make();
    let minute = attackMinutes.get(m);
    if (!minute) attackMinutes.set(m, (minute = new Map()));
    const key = `${spec.component}/${spec.source}/${derived(drill).version}`;
    let hit = minute.get(key);
    if (!hit) minute.set(key, (hit = make()));
    return hit;
  };
  const keepMinutes = (from: number, to: number) => {
    for (const m of baseMinutes.keys())
      if (m < from / MINUTE || m >= to / MINUTE) baseMinutes.delete(m);
    for (const m of attackMinutes.keys())
      if (m < from / MINUTE || m >= to / MINUTE) attackMinutes.delete(m);
  };
  const parseCached = (line: LogLine): Fields | undefined => {
    if (parsed.has(line)) return parsed.get(line);
    const fields = parseLine(line.source as LogSource, line.text);
    parsed.set(line, fields);
    return fields;
  };
  const evidenceLines = (
    spec: StreamSpec,
    from: number,
    to: number,
    drill: DrillView | undefined,
  ): LogLine[] => {
    if (from % MINUTE !== 0 || to % MINUTE !== 0)
      return toLines(spec, streamLines(spec, from, to, drill));
    const lines: LogLine[] = [];
    const minutes = [];
    const shaping = shapingOf(drill);
    for (let m = from / MINUTE; m < to / MINUTE; m++) minutes.push(baseMinute(spec, m, shaping));
    for (const b of minutes) for (const l of b.noise) lines.push(l);
    for (let m = from / MINUTE; m < to / MINUTE; m++)
      for (const l of attackMinute(spec, m, drill)) lines.push(l);
    for (const b of minutes) for (const l of b.herrings) lines.push(l);
    // Stable: equal (time, text) keep noise, attack, red-herring order, as in streamLines.
    return lines.sort(byTimeThenText);
  };

  const toLines = (spec: StreamSpec, entries: Entry[]): LogLine[] =>
    entries.map((e) => ({
      t: e.t,
      component: spec.component,
      source: spec.source,
      text: e.text,
      malicious: e.malicious,
    }));

  const generated = (
    specs: readonly StreamSpec[],
    from: number,
    to: number,
    drill: DrillView | undefined,
  ): LogLine[] =>
    specs.flatMap((spec) => {
      if (spec.source !== 'siem-alerts') return toLines(spec, streamLines(spec, from, to, drill));
      if (!rules.length) return [];
      const span = siemSpan(rules, from, to);
      // Only the sources some rule reads: the SIEM never needs the others.
      const read = new Set(rules.map((r) => r.rule.logsource.source));
      const sources = streams.filter((s) => s.source !== 'siem-alerts' && read.has(s.source));
      const evidence = sources
        .flatMap((s) => evidenceLines(s, span.from, span.to, drill))
        .sort((a, b) => a.t - b.t);
      keepMinutes(span.from, span.to);
      return siemAlerts(world, rules, evidence, siemHost?.hostname ?? 'siem', parseCached)
        .filter((a) => a.t >= from && a.t < to)
        .map((a) => ({ ...a, component: spec.component }));
    });

  const nginx = new NginxAccessWriter(world);
  const haproxy = new HaproxyWriter(world);
  const eve = new EveWriter(world);
  const firewall = new FirewallWriter(world);
  /** One slice of one stream into `out`, in the (time, text) order of window(). */
  const writeSlice = (
    spec: StreamSpec,
    from: number,
    to: number,
    drill: DrillView | undefined,
    out: LineBuffer,
  ): void => {
    if (spec.source === 'nginx-access') {
      // The busiest log by far: straight to bytes (nginxBulk.ts), same lines, same order, a
      // minute at a time: every object of a minute dies young (cheap for the GC).
      for (let start = from; start < to; start += WRITE_SLICE_MS) {
        const end = Math.min(start + WRITE_SLICE_MS, to);
        nginx.write(spec, start, end, [attack(drill, start, end), herrings], out, shapingOf(drill));
      }
      return;
    }
    if (spec.source === 'firewall') {
      const host = world.topology.host(spec.component);
      if (firewallBulkHost(world, host)) {
        // The edge firewall: one SYN a connection and the internet's probes, as bytes.
        const extras = [attack(drill, from, to), herrings];
        firewall.write(spec, host, from, to, extras, out, shapingOf(drill));
        return;
      }
    }
    if (spec.source === 'eve' && !runsSuricata2(world.architecture, spec.component)) {
      // The IPS's tls and flow records: bytes too (eveBulk.ts).
      eve.write(spec, from, to, [attack(drill, from, to), herrings], out, shapingOf(drill));
      return;
    }
    if (spec.source === 'haproxy') {
      // The second busiest: bytes too (haproxyBulk.ts), ten minutes at a time.
      haproxy.write(spec, from, to, [attack(drill, from, to), herrings], out, shapingOf(drill));
      return;
    }
    const entries =
      spec.source === 'siem-alerts'
        ? generated([spec], from, to, drill).sort((a, b) => a.t - b.t || (a.text < b.text ? -1 : 1))
        : streamLines(spec, from, to, drill);
    out.lines(entries);
  };
  let chunk: Uint8Array | undefined;
  return {
    streams,
    world,
    writeStream(spec, from, to, drill, sink) {
      // One chunk for every stream this telemetry writes (allocating and zeroing 4 MiB per stream
      // cost more than writing the small ones); writeStream hands it out only until it returns.
      const out = new LineBuffer(sink, (chunk ??= new Uint8Array(CHUNK_BYTES)));
      // Ten-minute slices: the streams other than the access log look back minutes for what spans
      // them (visits, sessions, flows), so short slices would redo that look-back each time (the
      // SIEM too, which reads every rule's sources over whole grouping periods).
      for (let start = from; start < to; start += SLICE_MS)
        writeSlice(spec, start, Math.min(start + SLICE_MS, to), drill, out);
      out.flush();
      return out.count;
    },
    writeStreams(specs, from, to, drill, sink) {
      // Slice by slice, every stream in turn, as window() does: the streams of a slice share its
      // traffic buckets while they are cached. Stream after stream over the whole window would
      // evict each minute's buckets before the next stream reads them once the window holds more
      // minutes than the cache (a 6-hour drill already does), and regenerate them per stream.
      const outs = specs.map(
        (spec) => new LineBuffer((c) => sink(spec, c), STREAM_CHUNK_BYTES, STREAM_CHUNK_MAX),
      );
      for (let start = from; start < to; start += SLICE_MS) {
        const end = Math.min(start + SLICE_MS, to);
        specs.forEach((spec, i) => writeSlice(spec, start, end, drill, outs[i]!));
      }
      let count = 0;
      for (const out of outs) {
        out.flush();
        count += out.count;
      }
      return count;
    },
    window(from, to, filter = {}, drill) {
      const specs = streams.filter(
        (s) =>
          (!filter.component || s.component === filter.component) &&
          (!filter.source || s.source === filter.source),
      );
      // Slice by slice, every stream in turn: the streams of a slice share its cached buckets.
      const lines: LogLine[] = [];
      for (let start = from; start < to; start += SLICE_MS) {
        const slice = generated(specs, start, Math.min(start + SLICE_MS, to), drill);
        for (const line of slice.sort(byTimeThenText)) lines.push(line);
      }
      if (drill && (!filter.source || filter.source === 'inject')) {
        for (const line of injectLogLines(compiled, drill.context)) {
          if (
            line.t >= from &&
            line.t < to &&
            (!filter.component || line.component === filter.component)
          )
            lines.push(line);
        }
      }
      // Slices are in order; only inject lines need merging.
      return drill ? lines.sort((a, b) => a.t - b.t) : lines;
    },
  };
}
