import type {
  ActionRequest,
  CompiledScenario,
  DrillContext,
  DrillOutcome,
  TraceEntry,
} from '../../engine/index.js';
import type { SimMs } from '../../model/index.js';

/** What the projections read from a drill: `Drill` satisfies it; tests may pass a plain object. */
export interface DrillView {
  readonly compiled: CompiledScenario;
  readonly context: DrillContext;
  readonly now: SimMs;
  readonly trace: readonly TraceEntry[];
  readonly isEnded: boolean;
  readonly revenueLost: number;
  readonly outcome: DrillOutcome;
  check(
    request: ActionRequest,
    options?: { valuePending?: boolean },
  ): { duration: SimMs } | { reason: string };
}

/** Acknowledged injects and when (simulated time). */
export type Acknowledged = ReadonlyMap<string, SimMs>;
