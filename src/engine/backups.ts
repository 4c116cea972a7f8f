import { isoUtc, type BackupSchedule, type SimMs } from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import type { DrillContext } from './types.js';

/** One restorable point of a backup: `<backup id>@<ISO time>`, at a simulated time (negative: before T+0). */
export interface BackupPoint {
  id: string;
  backup: string;
  /** Simulated ms (relative to T+0) the point was taken. */
  at: SimMs;
  components: readonly string[];
}

const DAY_MS = 86_400_000;

/** `2026-03-12T02:00:00Z`: the point's id carries the minute it was taken, as backup tools name them. */
function pointId(backup: string, epochMs: number): string {
  return `${backup}@${isoUtc(epochMs).replace('.000Z', 'Z')}`;
}

/**
 * The points of one schedule taken by simulated time `now`, newest last: the schedule's `at` time
 * of day anchors the day's first point, `every` spaces the rest, and only the last `keep` remain.
 * Computed from the scenario's `start_time`, so a drill and its replay list the same points.
 */
export function schedulePoints(
  schedule: BackupSchedule,
  startEpoch: number,
  now: SimMs,
): BackupPoint[] {
  const [hh, mm] = schedule.at.split(':').map(Number) as [number, number];
  const anchor = Math.floor(startEpoch / DAY_MS) * DAY_MS + (hh * 60 + mm) * 60_000;
  const nowEpoch = startEpoch + now;
  const every = Math.max(60_000, schedule.every);
  // The last point at or before now, counting from the day's anchor (which may be after now).
  const steps = Math.floor((nowEpoch - anchor) / every);
  const points: BackupPoint[] = [];
  for (let k = steps - schedule.keep + 1; k <= steps; k++) {
    const epoch = anchor + k * every;
    points.push({
      id: pointId(schedule.id, epoch),
      backup: schedule.id,
      at: epoch - startEpoch,
      components: schedule.components,
    });
  }
  return points;
}

/** Every backup point that holds `component` by `now`, oldest first. */
export function backupPointsFor(
  compiled: CompiledScenario,
  component: string,
  now: SimMs,
): BackupPoint[] {
  const start = Date.parse(compiled.scenario.start_time);
  return compiled.architecture.backups
    .filter((b) => b.components.includes(component))
    .flatMap((b) => schedulePoints(b, start, now))
    .sort((a, b) => a.at - b.at);
}

/**
 * Whether restoring from `point` gives back the attacker's work: the scenario marks the backup
 * compromised from some time on (`backups_compromised.from`), or the attacker destroyed it on
 * reaching a state (`state`), which makes the point unusable.
 */
export function pointStatus(
  compiled: CompiledScenario,
  ctx: DrillContext,
  point: BackupPoint,
): 'usable' | 'tainted' | 'destroyed' {
  let status: 'usable' | 'tainted' | 'destroyed' = 'usable';
  for (const mark of compiled.scenario.backups_compromised) {
    if (mark.backup !== point.backup) continue;
    if (mark.state !== undefined && ctx.visited.includes(mark.state)) return 'destroyed';
    if (mark.state === undefined && (mark.from === undefined || point.at >= -mark.from))
      status = 'tainted';
    if (mark.state !== undefined && mark.from !== undefined && point.at >= -mark.from)
      status = 'tainted';
  }
  return status;
}
