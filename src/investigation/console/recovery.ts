import {
  BACKUP_FOLDER,
  backupPointsFor,
  type CompiledScenario,
  type TraceEntry,
} from '../../engine/index.js';
import type { Fact } from '../../evidence/index.js';
import { indicatorOf, type ArtefactSpec } from '../../model/index.js';
import { addFolders, type FileEntry } from './hostState.js';

/*
 * What the response did to a host, as its console shows it (decision 0960): a wipe (rebuild, or a
 * restore from a backup point) takes away everything that happened on it after the point; a
 * removed file artefact is gone from the disk; the backup points of the host are under /backup.
 */

/** Drops the facts on `host` that a later wipe took away by simulated time `at`. */
export function survivingFacts(
  facts: readonly Fact[],
  trace: readonly TraceEntry[],
  compiled: CompiledScenario,
  host: string,
  at: number,
): Fact[] {
  const wipes = trace.filter(
    (e): e is Extract<TraceEntry, { type: 'host.restored' }> =>
      e.type === 'host.restored' && e.component === host && e.t <= at,
  );
  if (wipes.length === 0) return [...facts];
  const pointAt = (id: string | undefined) =>
    id === undefined
      ? -Infinity
      : (backupPointsFor(compiled, host, at).find((p) => p.id === id)?.at ?? -Infinity);
  // An artefact the engine kept through a wipe (it predates the point) keeps its evidence, even
  // when the story shows it after T+0 (an artefact `placed_before_start`).
  const kept = (f: Fact, w: (typeof wipes)[number]) =>
    survivorsOf(trace, compiled, host, w.t).some(
      (spec) =>
        (spec.evidence !== undefined && f.item === spec.evidence) ||
        (spec.path !== undefined && (f.fields as { path?: unknown }).path === spec.path),
    );
  return facts.filter(
    (f) =>
      !wipes.some(
        (w) =>
          f.t < w.t && f.t >= (w.how === 'rebuild' ? -Infinity : pointAt(w.point)) && !kept(f, w),
      ),
  );
}

/** The artefacts on `host` still there right after a wipe at `t` (placed, not removed by then). */
function survivorsOf(
  trace: readonly TraceEntry[],
  compiled: CompiledScenario,
  host: string,
  t: number,
): ArtefactSpec[] {
  const placed = new Set<string>();
  for (const e of trace) {
    if (e.t > t) break;
    if (e.type === 'artefact.placed' && e.component === host) placed.add(e.artefact);
    if (e.type === 'artefact.removed' && e.component === host) placed.delete(e.artefact);
  }
  return [...placed].flatMap((id) => {
    const spec = compiled.leftovers.get(id)?.spec as ArtefactSpec | undefined;
    return spec ? [spec] : [];
  });
}

/** Removes the file artefacts the trainee removed from a host's files. */
export function removeArtefactFiles(
  files: Map<string, FileEntry>,
  trace: readonly TraceEntry[],
  compiled: CompiledScenario,
  host: string,
  at: number,
): void {
  for (const e of trace) {
    if (e.type !== 'artefact.removed' || e.component !== host || e.t > at) continue;
    const spec = compiled.leftovers.get(e.artefact)?.spec as ArtefactSpec | undefined;
    if (spec?.path !== undefined) files.delete(spec.path);
    else if (spec) files.delete(indicatorOf(spec));
  }
}

/** The host's backup points as folders of /backup, so the trainee can name one. */
export function addBackupFolders(
  files: Map<string, FileEntry>,
  compiled: CompiledScenario,
  host: string,
  at: number,
): void {
  for (const point of backupPointsFor(compiled, host, at)) {
    const path = `${BACKUP_FOLDER}${point.id}`;
    files.set(path, { path, owner: 'root', size: 4096, mode: 'drwxr-x---', mtime: point.at });
    addFolders(files, path, point.at);
  }
}
