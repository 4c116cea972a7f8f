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
 * What a transition asks the drill's runtime to do: record a trace entry, schedule a timer at
 * now + delay under an id (replacing none: ids are unique per pending timer), or cancel one.
 */
export type DrillEffect =
  | { type: 'trace'; params: TraceEntry }
  | { type: 'schedule'; params: { event: DrillEvent; delay: number; id: string } }
  | { type: 'cancelTimer'; params: { id: string } };

const EFFECT_TYPES: ReadonlySet<string> = new Set(['trace', 'schedule', 'cancelTimer']);

/** The drill's own effects among the actions XState's `transition()` returned, in order. */
export function drillEffects(
  actions: ReadonlyArray<{ type: string; params?: unknown }>,
): DrillEffect[] {
  return actions.filter((a) => EFFECT_TYPES.has(a.type)) as DrillEffect[];
}

/**
 * Compiles a scenario into an XState v5 machine with two parallel regions:
 * `drill` (running -> ended) handles actions, injects and the time limit; `attacker` has one
 * state per attacker state of the scenario, moving on delayed events with explicit ids.
 * Every action is a pure reducer; its results leave the machine as three named actions of our
 * own (`trace`, `schedule`, `cancelTimer`, see DrillEffect) that XState's pure `transition()`
 * returns with their params, so the runtime that owns the clock executes them exactly. The
 * engine reads no action object of XState's own (decision 0920).
 */
export function compileDrillMachine(compiled: CompiledScenario, seed: string): AnyStateMachine {
  const { scenario } = compiled;
  const tOf = (event: { t?: number }, context: DrillContext) => event.t ?? context.now;

  /** The slice of XState's enqueue API the reducers' results need. */
  interface Enqueue {
    (effect: DrillEffect): void;
    assign(update: () => DrillContext): void;
  }
  const apply = (enqueueActionsArg: unknown, step: Step) => {
    const enqueue = enqueueActionsArg as Enqueue;
    enqueue.assign(() => step.ctx);
    for (const entry of step.trace) enqueue({ type: 'trace', params: entry });
    for (const id of step.cancel) enqueue({ type: 'cancelTimer', params: { id } });
    for (const timer of step.timers)
      enqueue({
        type: 'schedule',
        params: { event: timer.event, delay: timer.delay, id: timer.id },
      });
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
          for (const id of attackerExitTimers(compiled, state.id))
            (enqueue as unknown as Enqueue)({ type: 'cancelTimer', params: { id } });
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
    },
    // Executed by the Drill from transition()'s result, not by XState: no-ops here.
    actions: {
      trace: (_: unknown, _entry: TraceEntry) => {},
      schedule: (_: unknown, _timer: { event: DrillEvent; delay: number; id: string }) => {},
      cancelTimer: (_: unknown, _timer: { id: string }) => {},
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
              (enqueue as unknown as Enqueue)({
                type: 'trace',
                params: { type: 'drill.ended', t: context.now, reason: context.ended!.reason },
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
