import { formatElapsed, type ScenarioTest } from '../model/index.js';
import type { DrillResult } from './runDrill.js';

/** Compares a drill result with a scenario test's `expect` block; returns the failures. */
export function checkExpectations(expect: ScenarioTest['expect'], result: DrillResult): string[] {
  const failures: string[] = [];
  const o = result.outcome;
  if (expect.contained !== undefined && o.contained !== expect.contained) {
    failures.push(`expected contained: ${expect.contained}, got ${o.contained}`);
  }
  if (expect.contained_by !== undefined) {
    if (o.containedAt === undefined || o.containedAt > expect.contained_by) {
      failures.push(
        `expected containment by ${formatElapsed(expect.contained_by)}, got ${
          o.containedAt === undefined ? 'none' : formatElapsed(o.containedAt)
        }`,
      );
    }
  }
  for (const state of expect.attacker_reached) {
    if (!o.attackerReached.includes(state))
      failures.push(`expected the attacker to reach ${state}`);
  }
  for (const state of expect.attacker_not_reached) {
    if (o.attackerReached.includes(state))
      failures.push(`expected the attacker not to reach ${state}`);
  }
  if (expect.objective_reached !== undefined && o.objectiveReached !== expect.objective_reached) {
    failures.push(
      `expected objective reached: ${expect.objective_reached}, got ${o.objectiveReached}`,
    );
  }
  if (expect.data_reached !== undefined) {
    const want = [...expect.data_reached].sort().join(',');
    const got = [...o.dataReached].sort().join(',');
    if (want !== got) failures.push(`expected data reached [${want}], got [${got}]`);
  }
  const fired = new Set(result.context.fired.map((f) => f.id));
  for (const alert of expect.alerts) {
    if (!fired.has(alert)) failures.push(`expected inject ${alert} to fire`);
  }
  if (expect.end_reason !== undefined && o.endReason !== expect.end_reason) {
    failures.push(
      `expected the drill to end by ${expect.end_reason}, got ${o.endReason ?? 'not ended'}`,
    );
  }
  return failures;
}
