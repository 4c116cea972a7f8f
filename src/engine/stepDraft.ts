import type { SimMs } from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import type { ComponentState, DrillContext, DrillEvent, TraceEntry } from './types.js';
import type { ActionRecord, ActionRequest } from './types.js';

/** A timer the runtime must schedule: `event` fires `delay` ms from now under a stable `id`. */
export interface Timer {
  id: string;
  delay: SimMs;
  event: DrillEvent;
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What a reducer's helpers may do to the context of one step (drillReducers' copy-on-write
 * Draft): the modules for artefacts, backups, scoping and closing take this, so they stay out of
 * drillReducers.ts and cannot reach anything else.
 */
export interface StepDraft {
  readonly compiled: CompiledScenario;
  ctx: DrillContext;
  readonly t: SimMs;
  readonly timers: Timer[];
  readonly cancel: string[];
  /** The component's state, copied on first write. */
  component(id: string): ComponentState;
  record(entry: DistributiveOmit<TraceEntry, 't'>): void;
}

/** An action that names nothing of the attacker's: recorded as misdirected, nothing changes. */
export function misdirect(
  draft: StepDraft,
  record: ActionRecord,
  request: ActionRequest,
  reason: string,
): void {
  draft.record({ type: 'action.misdirected', seq: record.seq, request, reason });
}

/** `misdirect` for an action that names no `what` ("an artefact") of the attacker's on its target. */
export function notTheAttackers(
  draft: StepDraft,
  record: ActionRecord,
  request: ActionRequest,
  what: string,
): void {
  const named = `${record.value ?? 'nothing'} is not ${what} of the attacker`;
  misdirect(draft, record, request, `${named} on ${record.target ?? 'that host'}`);
}
