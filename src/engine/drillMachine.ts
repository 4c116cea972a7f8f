import { enqueueActions, setup, type AnyActorRef, type AnyStateMachine } from 'xstate';
import type { CompiledScenario } from './compiledScenario.js';
import {
  attackerBlockReason,
  attackerBlocked,
  attackerExitTimers,
  attackerReentered,
  attackerSpread,
  completeAction,
  enterAttackerState,
  fireInject,
  initialContext,
  obligationDue,
  rotateAttacker,
  startAction,
  startDrill,
  timeLimit,
  type Step,
} from './drillReducers.js';
import { mayReenter } from './persistence.js';
import type { Timer } from './stepDraft.js';
import type { DrillContext, DrillEvent, TraceEntry } from './types.js';

/**
 * What one reducer step asks the drill's runtime to do, in this order: record its trace entries,
 * cancel its timers by id, schedule its timers at now + delay under their ids (replacing none:
 * ids are unique per pending timer).
 */
export interface StepEffects {
  trace: readonly TraceEntry[];
  cancel: readonly string[];
  timers: readonly Timer[];
}

/** The machine's one effect action: a step's effects, executed by the Drill (decision 0920). */
export type DrillEffect = { type: 'step'; params: StepEffects };

const NONE: readonly never[] = [];

/**
 * The machine's context: the drill's context under one key. XState's `assign` copies the context's
 * keys into a fresh object on every step; one key instead of the DrillContext's forty.
 */
export interface MachineContext {
  drill: DrillContext;
}

/** What a guard of the attacker region reads. */
interface GuardArgs {
  context: MachineContext;
  event: DrillEvent;
}

/**
 * Compiles a scenario into an XState v5 machine with two parallel regions:
 * `drill` (running -> ended) handles actions, injects and the time limit; `attacker` has one
 * state per attacker state of the scenario, moving on delayed events with explicit ids.
 * Every action is a pure reducer; its results leave the machine as one named action of our own
 * per step (`step`, see DrillEffect: the step's trace entries, timers to cancel, timers to
 * schedule) whose implementation only hands its params to the drill's sink (sinkEffects), so the
 * runtime that owns the clock executes them exactly. The
 * engine reads no action object of XState's own (decision 0920).
 */
/**
 * Where each running drill's effects go, by the actor that runs it: the machine is compiled once
 * per scenario and shared by every drill of it, so its action implementations look up their sink.
 */
const sinks = new WeakMap<AnyActorRef, (effect: DrillEffect) => void>();

/** Sends `actor`'s effects (the `step` action's params, in enqueue order) to `sink`. */
export function sinkEffects(actor: AnyActorRef, sink: (effect: DrillEffect) => void): void {
  sinks.set(actor, sink);
}

const machines = new WeakMap<CompiledScenario, AnyStateMachine>();

/** The scenario's machine, compiled once per compiled scenario (the seed is the actor's input). */
export function drillMachineFor(compiled: CompiledScenario): AnyStateMachine {
  let machine = machines.get(compiled);
  if (!machine) {
    machine = compileDrillMachine(compiled);
    machines.set(compiled, machine);
  }
  return machine;
}

export function compileDrillMachine(compiled: CompiledScenario): AnyStateMachine {
  const { scenario } = compiled;
  const tOf = (event: { t?: number }, context: DrillContext) => event.t ?? context.now;

  /** The slice of XState's enqueue API the reducers' results need. */
  interface Enqueue {
    (effect: DrillEffect): void;
    assign(update: () => MachineContext): void;
  }
  const apply = (enqueueActionsArg: unknown, step: Step) => {
    const enqueue = enqueueActionsArg as Enqueue;
    enqueue.assign(() => ({ drill: step.ctx }));
    // One action per step, not one per entry and timer: XState resolves each enqueued action.
    if (step.trace.length || step.cancel.length || step.timers.length)
      enqueue({
        type: 'step',
        params: { trace: step.trace, cancel: step.cancel, timers: step.timers },
      });
  };

  const attackerStates = Object.fromEntries(
    scenario.attacker.states.map((state) => [
      state.id,
      {
        entry: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
          apply(
            enqueue,
            enterAttackerState(
              compiled,
              context as DrillContext,
              state.id,
              tOf(event as { t?: number }, context as DrillContext),
            ),
          ),
        ),
        exit: enqueueActions(({ enqueue }) => {
          const cancel = attackerExitTimers(compiled, state.id);
          if (cancel.length)
            (enqueue as unknown as Enqueue)({
              type: 'step',
              params: { trace: NONE, cancel, timers: NONE },
            });
        }),
        on: {
          'attacker.advance': [
            ...state.next.map((transition) => ({
              target: transition.to,
              reenter: true,
              guard: ({ context: { drill: context }, event }: GuardArgs) =>
                event.type === 'attacker.advance' &&
                event.from === state.id &&
                event.to === transition.to &&
                attackerBlockReason(compiled, context, state.id, transition.to) === undefined,
            })),
            {
              guard: ({ event }: { event: DrillEvent }) =>
                event.type === 'attacker.advance' && event.from === state.id,
              actions: enqueueActions(({ context: { drill: context }, event, enqueue }) => {
                const advance = event as DrillEvent;
                if (advance.type === 'attacker.advance') {
                  apply(enqueue, attackerBlocked(compiled, context as DrillContext, advance));
                }
              }),
            },
          ],
          // A leftover artefact or secret brings the attacker back, from wherever it was cut off.
          'attacker.reenter': [
            ...compiled.reentryTargets.map((to) => ({
              target: to,
              reenter: true,
              guard: ({ context: { drill: context }, event }: GuardArgs) =>
                event.type === 'attacker.reenter' &&
                event.to === to &&
                mayReenter(compiled, context, event.via),
              actions: enqueueActions(({ context: { drill: context }, event, enqueue }) => {
                const due = event as DrillEvent;
                if (due.type === 'attacker.reenter')
                  apply(enqueue, attackerReentered(compiled, context as DrillContext, due, true));
              }),
            })),
            {
              actions: enqueueActions(({ context: { drill: context }, event, enqueue }) => {
                const due = event as DrillEvent;
                if (due.type === 'attacker.reenter')
                  apply(enqueue, attackerReentered(compiled, context as DrillContext, due, false));
              }),
            },
          ],
        },
      },
    ]),
  );

  return setup({
    types: {
      context: {} as MachineContext,
      events: {} as DrillEvent,
      input: {} as { seed: string },
    },
    // It hands its params to the Drill, which executes them on its own clock (sinkEffects).
    actions: {
      step: ({ self }, params: StepEffects) => sinks.get(self)?.({ type: 'step', params }),
    },
  }).createMachine({
    id: `drill:${scenario.id}`,
    type: 'parallel',
    context: ({ input }) => ({ drill: initialContext(compiled, input.seed) }),
    states: {
      drill: {
        initial: 'running',
        states: {
          running: {
            entry: enqueueActions(({ context: { drill: context }, enqueue }) =>
              apply(enqueue, startDrill(compiled, context)),
            ),
            always: {
              guard: ({ context: { drill: context } }) => context.ended !== undefined,
              target: 'ended',
            },
            on: {
              'action.start': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, startAction(compiled, context, event)),
                ),
              },
              'action.done': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, completeAction(compiled, context, event.seq, event.t)),
                ),
              },
              'inject.fire': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, fireInject(compiled, context, event.inject, event.t)),
                ),
              },
              'attacker.rotate': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, rotateAttacker(compiled, context, event.t)),
                ),
              },
              'attacker.spread': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, attackerSpread(compiled, context, event)),
                ),
              },
              'obligation.due': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, obligationDue(compiled, context, event.obligation, event.t)),
                ),
              },
              'drill.time-limit': {
                actions: enqueueActions(({ context: { drill: context }, event, enqueue }) =>
                  apply(enqueue, timeLimit(compiled, context, event.t)),
                ),
              },
            },
          },
          ended: {
            type: 'final',
            entry: enqueueActions(({ context: { drill: context }, enqueue }) =>
              (enqueue as unknown as Enqueue)({
                type: 'step',
                params: {
                  trace: [{ type: 'drill.ended', t: context.now, reason: context.ended!.reason }],
                  cancel: NONE,
                  timers: NONE,
                },
              }),
            ),
          },
        },
      },
      attacker: {
        initial: scenario.attacker.initial,
        // Built from data, so typed loosely here; each state's shape is fixed above.
        states: attackerStates as never,
      },
    },
  });
}
