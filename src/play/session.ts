import { Drill, isDiscussionOnly, replayDrill, type ActionRequest } from '../engine/index.js';
import {
  stripControl,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import {
  compileQuery,
  hostConsole,
  QuerySyntaxError,
  runShell,
  SearchIndex,
  searchDocs,
  type SearchResult,
  type ShellOutput,
} from '../investigation/index.js';
import { createTelemetry, type LogLine, type Telemetry } from '../telemetry/index.js';
import type { ChunkStore } from './chunkStore.js';
import { ARCHIVE_CHUNK_LINES, LineArchive } from './lineArchive.js';
import { injectLogSource, type LogSource } from './logSource.js';
import { RingBuffer } from './ringBuffer.js';
import { SimClock, type ClockMode, type Speed, type WallClock } from './simClock.js';

/** Lines the SIEM archive keeps for one drill (a 4-hour drill writes about 200,000). */
export const MAX_ARCHIVED_LINES = 2_000_000;

/**
 * Lines the SIEM index takes in per frame once the trainee has opened the search (about 3.5 µs a
 * line: some 7 ms, 17 ms at load 16). Indexing frame by frame while they type, instead of at the first
 * search, keeps a late first search from waiting for hours of logs to be parsed (0.7 s at T+4h);
 * indexing only once they look at the search keeps the memory of a drill without any search
 * (the index costs about 430 bytes a line, 475 MB over a 24-hour drill).
 */
export const INDEX_LINES_PER_FRAME = 2_000;

export interface SessionOptions {
  seed: string;
  wall: WallClock;
  mode?: ClockMode;
  speed?: Speed;
  logSource?: LogSource;
  /** Builds the log source for this drill (e.g. generated telemetry for its scenario and seed). */
  logSourceFor?: (drill: Drill) => LogSource;
  /** Log lines kept for the log view (older ones are forgotten). */
  logCapacity?: number;
  /** Where the scenario came from, for the results file. */
  source?: { file: string; sha256: string };
  /** Called with every action as it is taken (e.g. to append it to a session journal). */
  onAction?: (entry: ActionLogEntry) => void;
  /** Start paused (a workshop waits for the facilitator's start). */
  paused?: boolean;
  /**
   * Where the SIEM archive keeps its sealed chunks (default: memory). The TUI gives it an unnamed
   * temporary file (`drillArchiveStore`), so a day-long drill's archive is not resident memory.
   */
  archiveStore?: ChunkStore;

  /** Called when the trainee acknowledges an alert (a journal keeps it for a resume). */
  onAcknowledge?: (ack: Acknowledgement) => void;
  /** Continue a journaled drill: replay its log up to `until` (same clock, injects, score). */
  resumeFrom?: {
    log: readonly ActionLogEntry[];
    until: SimMs;
    /** The alerts acknowledged before the interruption. */
    acknowledged?: readonly Acknowledgement[];
  };
}

/** What the trainee acknowledged, and when (simulated time): UI state that results may want. */
export interface Acknowledgement {
  inject: string;
  at: SimMs;
}

/**
 * One drill being played: the engine's `Drill`, the clock that maps wall time to simulated time,
 * the log ring buffer and the trainee's acknowledgements. It holds no game rules: every decision is
 * the engine's. React reads it through `subscribe`/`version`; `tick` runs once per frame outside
 * React and notifies at most once, so a burst of log lines costs one render.
 */
export class DrillSession {
  readonly drill: Drill;
  readonly clock: SimClock;
  readonly logs: RingBuffer<LogLine>;
  readonly acknowledged = new Map<string, SimMs>();
  /** Every action taken, with its simulated time: with the seed, this log is the drill. */
  readonly actionLog: ActionLogEntry[] = [];
  /** Who is at the keyboard: recorded as `by` on every action that does not name someone. */
  actor: string | undefined;
  readonly source: { file: string; sha256: string } | undefined;
  private readonly onAction: ((entry: ActionLogEntry) => void) | undefined;
  private readonly onAcknowledge: ((ack: Acknowledgement) => void) | undefined;
  private readonly logSource: LogSource;
  private logCursor: SimMs = -1;
  private versionValue = 0;
  /** Every line the SIEM received in this drill (the log view's ring forgets; the SIEM does not). */
  readonly archive: LineArchive;
  private readonly index = new SearchIndex();
  /** Whether frames index arriving lines (once the trainee has opened the search). */
  private indexing = false;
  private searchResult: SearchResult | undefined;
  private readonly recent: string[] = [];
  private readonly transcripts = new Map<string, ShellOutput[]>();
  private consoleTelemetry: Telemetry | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly architecture: Architecture,
    readonly scenario: Scenario,
    options: SessionOptions,
  ) {
    const resume = options.resumeFrom;
    this.drill = resume
      ? replayDrill(architecture, scenario, options.seed, resume.log, resume.until)
      : new Drill(architecture, scenario, options.seed);
    if (resume) this.actionLog.push(...resume.log);
    for (const ack of resume?.acknowledged ?? []) this.acknowledged.set(ack.inject, ack.at);
    this.clock = new SimClock(options.wall, {
      ...(options.mode ? { mode: options.mode } : {}),
      ...(options.speed ? { speed: options.speed } : {}),
      ...(options.paused ? { paused: true } : {}),
      start: this.drill.now,
    });
    this.logs = new RingBuffer<LogLine>(options.logCapacity ?? 10_000);
    this.archive = new LineArchive(ARCHIVE_CHUNK_LINES, options.archiveStore);
    this.logSource = options.logSource ?? options.logSourceFor?.(this.drill) ?? injectLogSource;
    this.source = options.source;
    this.onAction = options.onAction;
    this.onAcknowledge = options.onAcknowledge;
    this.pullLogs();
  }

  /**
   * The drill is an executive tabletop: no technical actions, no search, no console. A front end
   * makes it one by taking `discussion-only` as the first action, once its journal is open, so a
   * resume or a replay is the same kind of drill.
   */
  get isDiscussionOnly(): boolean {
    return isDiscussionOnly(this.drill.context);
  }

  get version(): number {
    return this.versionValue;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.versionValue;

  /** Tells React something changed (at most once per call site). */
  private changed(): void {
    this.versionValue += 1;
    for (const listener of this.listeners) listener();
  }

  /** One frame: move the drill to the clock's time and pull the new log lines. */
  tick(): void {
    if (this.indexing) this.indexArrived(INDEX_LINES_PER_FRAME);
    if (this.drill.isEnded) return;
    const target = this.clock.now();
    if (target <= this.drill.now) return;
    this.drill.advanceTo(target);
    this.afterTimeMoved();
    this.changed();
  }

  private afterTimeMoved(): void {
    if (this.drill.isEnded) this.clock.setPaused(true);
    this.clock.syncTo(this.drill.now);
    this.pullLogs();
  }

  private pullLogs(): void {
    const to = this.drill.now;
    if (to <= this.logCursor) return;
    const fresh = this.logSource({ from: this.logCursor, to }, this.drill);
    for (const line of fresh) {
      const text = stripControl(line.text);
      const clean = { ...line, text: text.includes('\t') ? text.replace(/\t/g, ' ') : text };
      this.logs.push(clean);
      if (this.archive.length < MAX_ARCHIVED_LINES) this.archive.push(clean);
    }
    this.logCursor = to;
  }

  /**
   * Takes an action now. In turn-based mode the action's time passes at once (time moves only by
   * actions); in realtime mode the clock keeps running and the action completes on its own.
   */
  act(request: ActionRequest): { ok: true } | { ok: false; reason: string } {
    if (this.drill.isEnded) return { ok: false, reason: 'the drill has ended' };
    // Logged before it is applied: a crash right after still has it in the journal.
    if (this.actor !== undefined && request.by === undefined)
      request = { ...request, by: this.actor };
    const entry: ActionLogEntry = { at: this.drill.now, ...request };
    this.actionLog.push(entry);
    this.onAction?.(entry);
    const verdict = this.drill.check(request);
    if ('reason' in verdict) {
      this.drill.act(request); // the engine records the rejection in the trace
      this.changed();
      return { ok: false, reason: verdict.reason };
    }
    this.drill.act(request);
    if (this.clock.mode === 'turn-based' && verdict.duration > 0) {
      this.drill.advanceTo(this.drill.now + verdict.duration);
    }
    this.afterTimeMoved();
    this.changed();
    return { ok: true };
  }

  /**
   * The trainee is about to search (the search tab or the query input opened): from now on every
   * frame indexes the lines that arrived, so the search finds the index ready.
   */
  prepareSearch(): void {
    this.indexing = true;
  }

  /** Whether frames are indexing arriving lines (the search was opened). */
  get isIndexing(): boolean {
    return this.indexing;
  }

  /** Lines of the archive the SIEM index holds (the rest is indexed frame by frame). */
  get indexedLines(): number {
    return this.index.size;
  }

  /**
   * Indexes up to `max` archived lines not indexed yet, oldest first: each line is parsed once per
   * drill. A discussion-only drill has no search, so it indexes nothing.
   */
  private indexArrived(max: number): void {
    const from = this.index.size;
    if (from >= this.archive.length || this.isDiscussionOnly) return;
    this.index.add(this.archive.slice(from, Math.min(this.archive.length, from + max)));
  }

  /** The last SIEM search and its results (newest first). */
  get lastSearch(): SearchResult | undefined {
    return this.searchResult;
  }

  /** The queries searched, newest first (at most 5, each once). */
  get recentQueries(): readonly string[] {
    return this.recent;
  }

  /**
   * Searches the SIEM over every line received so far, never beyond now. A query that does not
   * parse is refused with its position and costs nothing; a search is an action (journaled, it
   * costs the architecture's search time).
   */
  search(query: string): { ok: true; result: SearchResult } | { ok: false; reason: string } {
    try {
      compileQuery(query);
    } catch (error) {
      if (error instanceof QuerySyntaxError)
        return { ok: false, reason: `query: ${error.message}` };
      throw error;
    }
    const at = this.drill.now;
    const acted = this.act({ do: 'search', text: query });
    if (!acted.ok) return acted;
    this.indexing = true;
    this.indexArrived(Infinity);
    this.searchResult = searchDocs(this.index, query, at);
    const i = this.recent.indexOf(query);
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.unshift(query);
    this.recent.length = Math.min(this.recent.length, 5);
    this.changed();
    return { ok: true, result: this.searchResult };
  }

  /** Commands run on a host's console in this drill, oldest first. */
  consoleTranscript(host: string): readonly ShellOutput[] {
    return this.transcripts.get(host) ?? [];
  }

  /** Runs a command on a host's simulated console (an action: journaled, it costs time). */
  shell(
    host: string,
    command: string,
  ): { ok: true; output: ShellOutput } | { ok: false; reason: string } {
    this.consoleTelemetry ??= createTelemetry(this.drill.compiled, this.drill.seed);
    const at = this.drill.now;
    const ctx = hostConsole(
      this.drill.compiled,
      this.consoleTelemetry,
      { trace: this.drill.trace, context: this.drill.context, now: at },
      host,
    );
    if (!ctx)
      return {
        ok: false,
        reason: `${host} has no console you can reach (use its logs and the SIEM)`,
      };
    const output = runShell(ctx, command);
    const acted = this.act({ do: 'shell', target: host, text: output.command });
    if (!acted.ok) return acted;
    this.transcripts.set(host, [...this.consoleTranscript(host), output].slice(-50));
    this.changed();
    return { ok: true, output };
  }

  /** Turn-based "wait": to the next scheduled event (attacker move, inject, action completion). */
  advanceToNext(): boolean {
    const moved = this.drill.advanceToNext();
    if (moved) {
      this.afterTimeMoved();
      this.changed();
    }
    return moved;
  }

  /** Turn-based "wait" by a fixed simulated duration. */
  wait(ms: SimMs): void {
    if (this.drill.isEnded) return;
    this.drill.advanceTo(this.drill.now + ms);
    this.afterTimeMoved();
    this.changed();
  }

  acknowledge(inject: string): void {
    if (this.acknowledged.has(inject)) return;
    this.acknowledged.set(inject, this.drill.now);
    this.onAcknowledge?.({ inject, at: this.drill.now });
    this.changed();
  }

  togglePause(): void {
    if (this.drill.isEnded) return;
    this.clock.togglePause();
    this.changed();
  }

  cycleSpeed(): void {
    this.clock.cycleSpeed();
    this.changed();
  }

  toggleMode(): void {
    this.clock.toggleMode();
    this.changed();
  }

  /** Ends the drill at the trainee's request (the engine records it). */
  end(): void {
    this.act({ do: 'end' });
  }

  /** The latest line for the team from outside the drill (a room broadcast or hint). */
  notification: string | undefined;
  notice(text: string): void {
    this.notification = text;
    this.changed();
  }

  acknowledgements(): Acknowledgement[] {
    return [...this.acknowledged].map(([inject, at]) => ({ inject, at }));
  }
}
