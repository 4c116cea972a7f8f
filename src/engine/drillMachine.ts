import { enqueueActions, setup, type AnyStateMachine } from 'xstate';
import type { CompiledScenario } from './compiledScenario.js';
import {
  attackerBlockReason,
  attackerBlocked,
  attackerExitTimers,
  completeAction,
  enterAttackerState,
  fireInject,
  initialContext,
  rotateAttacker,
  startAction,
  startDrill,
  timeLimit,
  type Step,
} from './drillReducers.js';
import type { DrillContext, DrillEvent, TraceEntry } from './types.js';

/**
 * Compiles a scenario into an XState v5 machine with two parallel regions:
 * `drill` (running -> ended) handles actions, injects and the time limit; `attacker` has one
 * state per attacker state of the scenario, moving on delayed events with explicit ids.
 * Every action is a pure reducer; its trace entries leave the machine as emitted events and its
 * timers as delayed raises, so the runtime that owns the clock can schedule them exactly.
 */
export function compileDrillMachine(compiled: CompiledScenario, seed: string): AnyStateMachine {
  const { scenario } = compiled;
  const tOf = (event: { t?: number }, context: DrillContext) => event.t ?? context.now;

  /** The slice of XState's enqueue API the reducers' results need. */
  interface Enqueue {
    assign(update: () => DrillContext): void;
    emit(entry: never): void;
    cancel(id: string): void;
    raise(event: DrillEvent, options: { delay: number; id: string }): void;
  }
  const apply = (enqueueActionsArg: unknown, step: Step) => {
    const enqueue = enqueueActionsArg as Enqueue;
    enqueue.assign(() => step.ctx);
    for (const entry of step.trace) enqueue.emit(entry as never);
    for (const id of step.cancel) enqueue.cancel(id);
    for (const timer of step.timers)
      enqueue.raise(timer.event, { delay: timer.delay, id: timer.id });
  };

  const attackerStates = Object.fromEntries(
    scenario.attacker.states.map((state) => [
      state.id,
      {
        entry: enqueueActions(({ context, event, enqueue }) =>
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
          for (const id of attackerExitTimers(compiled, state.id)) enqueue.cancel(id);
        }),
        on: {
          'attacker.advance': [
            ...state.next.map((transition) => ({
              target: transition.to,
              reenter: true,
              guard: ({ context, event }: { context: DrillContext; event: DrillEvent }) =>
                event.type === 'attacker.advance' &&
                event.from === state.id &&
                event.to === transition.to &&
                attackerBlockReason(compiled, context, state.id, transition.to) === undefined,
            })),
            {
              guard: ({ event }: { event: DrillEvent }) =>
                event.type === 'attacker.advance' && event.from === state.id,
              actions: enqueueActions(({ context, event, enqueue }) => {
                const advance = event as DrillEvent;
                if (advance.type === 'attacker.advance') {
                  apply(enqueue, attackerBlocked(compiled, context as DrillContext, advance));
                }
              }),
            },
          ],
        },
      },
    ]),
  );

  return setup({
    types: {
      context: {} as DrillContext,
      events: {} as DrillEvent,
      emitted: {} as TraceEntry,
    },
  }).createMachine({
    id: `drill:${scenario.id}`,
    type: 'parallel',
    context: initialContext(compiled, seed),
    states: {
      drill: {
        initial: 'running',
        states: {
          running: {
            entry: enqueueActions(({ context, enqueue }) =>
              apply(enqueue, startDrill(compiled, context)),
            ),
            always: { guard: ({ context }) => context.ended !== undefined, target: 'ended' },
            on: {
              'action.start': {
                actions: enqueueActions(({ context, event, enqueue }) =>
                  apply(enqueue, startAction(compiled, context, event)),
                ),
              },
              'action.done': {
                actions: enqueueActions(({ context, event, enqueue }) =>
                  apply(enqueue, completeAction(compiled, context, event.seq, event.t)),
                ),
              },
              'inject.fire': {
                actions: enqueueActions(({ context, event, enqueue }) =>
                  apply(enqueue, fireInject(compiled, context, event.inject, event.t)),
                ),
              },
              'attacker.rotate': {
                actions: enqueueActions(({ context, event, enqueue }) =>
                  apply(enqueue, rotateAttacker(compiled, context, event.t)),
                ),
              },
              'drill.time-limit': {
                actions: enqueueActions(({ context, event, enqueue }) =>
                  apply(enqueue, timeLimit(compiled, context, event.t)),
                ),
              },
            },
          },
          ended: {
            type: 'final',
            entry: enqueueActions(({ context, enqueue }) =>
              enqueue.emit({
                type: 'drill.ended',
                t: context.now,
                reason: context.ended!.reason,
              } as never),
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
