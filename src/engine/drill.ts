import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import type { Architecture, Scenario, SimMs } from '../model/index.js';
import { compileScenarioData, type CompiledScenario } from './compiledScenario.js';
import {
  drillMachineFor,
  sinkEffects,
  type DrillEffect,
  type MachineContext,
} from './drillMachine.js';
import { validateAction } from './drillReducers.js';
import { outcomeOf } from './outcome.js';
import { revenueLossRate } from './revenue.js';
import type { Seed } from './rng.js';
import { Scheduler } from './scheduler.js';
import type { ActionRequest, DrillContext, DrillEvent, DrillOutcome, TraceEntry } from './types.js';

const compiledCache = new WeakMap<
  Scenario,
  WeakMap<Architecture, { compiled: CompiledScenario; machine: AnyStateMachine }>
>();

/**
 * The compiled scenario and its machine, built once per (architecture, scenario) pair of objects
 * and shared by every drill of it (a simulation plays thousands). Models are never mutated after
 * loading; a changed scenario is a new object.
 */
function compiledFor(
  architecture: Architecture,
  scenario: Scenario,
): { compiled: CompiledScenario; machine: AnyStateMachine } {
  let byArchitecture = compiledCache.get(scenario);
  if (!byArchitecture) {
    byArchitecture = new WeakMap();
    compiledCache.set(scenario, byArchitecture);
  }
  let entry = byArchitecture.get(architecture);
  if (!entry) {
    const compiled = compileScenarioData(architecture, scenario);
    entry = { compiled, machine: drillMachineFor(compiled) };
    byArchitecture.set(architecture, entry);
  }
  return entry;
}

/**
 * The compiled scenario every drill of (architecture, scenario) shares: what scoring and the
 * policies read instead of compiling it again per drill.
 */
export function compiledScenarioFor(
  architecture: Architecture,
  scenario: Scenario,
): CompiledScenario {
  return compiledFor(architecture, scenario).compiled;
}

/**
 * A running drill: the compiled machine, its snapshot, the simulated clock and the timer queue.
 * It owns time: nothing happens unless `advanceTo` or `act` is called, so a drill is a pure
 * function of (architecture, scenario, seed, timed action log), and shells (TUI, headless runner)
 * only decide when to call it.
 */
export class Drill {
  readonly compiled: CompiledScenario;
  readonly machine: AnyStateMachine;
  readonly seed: string;
  /** The machine's one actor for the whole drill; it executes nothing but fill `effects`. */
  private readonly actor: Actor<AnyStateMachine>;
  /** What the last event asked the runtime to do, in the order the machine enqueued it. */
  private effects: DrillEffect[] = [];
  private readonly timers = new Scheduler<DrillEvent>();
  private readonly traceEntries: TraceEntry[] = [];
  private clock: SimMs = 0;
  private readonly listeners = new Set<(entries: readonly TraceEntry[]) => void>();

  constructor(architecture: Architecture, scenario: Scenario, seed: Seed) {
    this.seed = String(seed);
    ({ compiled: this.compiled, machine: this.machine } = compiledFor(architecture, scenario));
    // One actor per drill whose one named action (`step`) only collects its params (decision 0920):
    // XState's `transition()` builds a fresh actor, and so the whole initial state, on every
    // call, which cost more than half of a headless drill. The Drill still executes every effect
    // itself, in order, on its own clock.
    this.actor = createActor(this.machine, { input: { seed: this.seed } });
    sinkEffects(this.actor, (effect) => this.effects.push(effect));
    // An error in a reducer is rethrown by flush(); without a listener XState would also throw
    // it again later, outside any caller.
    this.actor.subscribe({ error: () => {} });
    this.actor.start();
    this.flush();
  }

  /** Simulated milliseconds since T+0. */
  get now(): SimMs {
    return this.clock;
  }

  get context(): DrillContext {
    return (this.actor.getSnapshot().context as MachineContext).drill;
  }

  get trace(): readonly TraceEntry[] {
    return this.traceEntries;
  }

  get isEnded(): boolean {
    return this.context.ended !== undefined;
  }

  get outcome(): DrillOutcome {
    return outcomeOf(this.compiled, this.context);
  }

  /** Revenue lost up to now, including the running period since the last change. */
  get revenueLost(): number {
    const ctx = this.context;
    const perMs = this.compiled.architecture.business.revenue_per_hour / 3_600_000;
    return (
      ctx.revenueLost +
      (this.clock - ctx.revenueAccruedTo) * perMs * revenueLossRate(ctx, this.compiled)
    );
  }

  /** When the next timer is due (attacker move, inject, action completion), if any. */
  get nextDueAt(): SimMs | undefined {
    return this.timers.peek()?.due;
  }

  /** Scheduled injects with their due times (for facilitator views). */
  upcomingInjects(): Array<{ inject: string; due: SimMs }> {
    return this.timers
      .pending()
      .flatMap((s) =>
        s.event.type === 'inject.fire' ? [{ inject: s.event.inject, due: s.due }] : [],
      );
  }

  /** Whether an action would be accepted now, and how long it would take. */
  check(
    request: ActionRequest,
    options: { valuePending?: boolean } = {},
  ): { duration: SimMs } | { reason: string } {
    if (this.isEnded) return { reason: 'the drill has ended' };
    return validateAction(this.compiled, this.context, request, options);
  }

  /** Subscribe to new trace entries; returns the unsubscribe function. */
  onTrace(listener: (entries: readonly TraceEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fires every timer due up to and including `t`, in due order, then sets the clock to `t`. */
  advanceTo(t: SimMs): void {
    if (t < this.clock) throw new RangeError(`time cannot go back (${t} < ${this.clock})`);
    for (
      let next = this.timers.peek();
      next && next.due <= t && !this.isEnded;
      next = this.timers.peek()
    ) {
      this.timers.pop();
      this.clock = next.due;
      this.deliver({ ...next.event, t: next.due });
    }
    if (!this.isEnded) this.clock = t;
  }

  /** Advances to the next due timer (turn-based "wait"); returns false if nothing is pending. */
  advanceToNext(): boolean {
    const due = this.nextDueAt;
    if (due === undefined || this.isEnded) return false;
    this.advanceTo(due);
    return true;
  }

  /** Takes an action at the current simulated time. Rejections are recorded in the trace. */
  act(request: ActionRequest): void {
    // Stryker disable next-line ConditionalExpression: a shortcut; the machine's ended state takes no action (nothing traced, nothing changes)
    if (this.isEnded) return;
    this.deliver({ type: 'action.start', t: this.clock, request });
  }

  /** Fires an inject now (facilitator "trigger now"); its scheduled timer, if any, is dropped. */
  triggerInject(inject: string, by?: string): void {
    this.act({ do: 'facilitator.inject', inject, ...(by ? { by } : {}) });
  }

  /** Drops a scheduled inject (facilitator "skip"). */
  skipInject(inject: string, by?: string): void {
    this.act({ do: 'facilitator.skip', inject, ...(by ? { by } : {}) });
  }

  /** Runs until the drill ends (time limit at the latest). */
  runToEnd(): void {
    while (!this.isEnded && this.advanceToNext()) {
      /* each step fires one timer */
    }
  }

  private deliver(event: DrillEvent): void {
    const before = this.traceEntries.length;
    this.actor.send(event);
    this.flush();
    if (this.listeners.size && this.traceEntries.length > before) {
      const fresh = this.traceEntries.slice(before);
      for (const listener of this.listeners) listener(fresh);
    }
  }

  /** Executes what the machine asked for; a reducer's error surfaces here, as thrown. */
  private flush(): void {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status === 'error') throw snapshot.error;
    const effects = this.effects;
    this.effects = [];
    for (const { params } of effects) {
      for (const entry of params.trace) this.traceEntries.push(entry);
      for (const id of params.cancel) this.timers.cancel(id);
      for (const timer of params.timers)
        this.timers.schedule(this.clock + timer.delay, timer.id, timer.event);
    }
  }
}
