import type { CompiledScenario } from '../../engine/index.js';
import { drillFacts } from '../../evidence/index.js';
import {
  processPid,
  type DrillView,
  type StreamSpec,
  type Telemetry,
} from '../../telemetry/index.js';
import type { CommandContext } from './commands.js';
import { hostState } from './hostState.js';
import { addBackupFolders, removeArtefactFiles, survivingFacts } from './recovery.js';

/** Where a stream's file lives on its host (`FEServ1/nginx/access.log` -> `/var/log/nginx/access.log`). */
export function logPathOf(spec: StreamSpec): string {
  return `/var/log/${spec.file.slice(spec.file.indexOf('/') + 1)}`;
}

/**
 * The console of one host at the drill's current time: its state from the facts and the
 * baseline, and its own log files from the telemetry (generated only when a command reads them).
 * Undefined when the host has no shell the trainee can reach (an appliance, an unknown id).
 */
export function hostConsole(
  compiled: CompiledScenario,
  telemetry: Telemetry,
  drill: DrillView,
  hostId: string,
): CommandContext | undefined {
  const host = telemetry.world.topology.host(hostId);
  if (!host || !host.isLinux) return undefined;
  const at = drill.now ?? drill.context.now;
  const os = compiled.architecture.components.find((c) => c.id === hostId)?.os ?? 'Linux';
  const all = drillFacts(compiled, drill.trace, drill.context.seed, {
    from: 0,
    to: at + 1,
  }).filter(
    (f) =>
      f.on === hostId &&
      (f.kind === 'process' ||
        f.kind === 'file' ||
        f.kind === 'connection' ||
        f.outcome === 'delivered' ||
        f.outcome === 'silent'),
  );
  const facts = survivingFacts(all, drill.trace, compiled, hostId, at);
  const topology = telemetry.world.topology;
  const peers = {
    bastion: topology.bastionIp,
    balancer: topology.withRole('load-balancer')[0]?.ip ?? topology.bastionIp,
    logCollector: topology.oneWithRole('log-collector')?.ip ?? topology.bastionIp,
  };
  const state = hostState(host, os, facts, at, telemetry.world.epoch0, peers, (fact) =>
    processPid(host, fact, drill.context.seed),
  );
  removeArtefactFiles(state.files, drill.trace, compiled, hostId, at);
  addBackupFolders(state.files, compiled, hostId, at);
  const logs = new Map(host.streams.map((s) => [logPathOf(s), s]));
  const cache = new Map<string, string[]>();
  return {
    state,
    logFiles: [...logs.keys()],
    readLog(path) {
      const spec = logs.get(path);
      if (!spec) return undefined;
      let lines = cache.get(path);
      if (!lines) {
        lines = telemetry
          .window(0, at + 1, { component: spec.component, source: spec.source }, drill)
          .map((l) => l.text);
        cache.set(path, lines);
      }
      return lines;
    },
  };
}
