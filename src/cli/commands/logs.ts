import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AtomicFile, FileWriteError } from '../../export/index.js';
import { compileScenarioData, runDrill } from '../../engine/index.js';
import {
  checkRuleFile,
  orThrow,
  parseDuration,
  type Architecture,
  type DetectionRule,
} from '../../model/index.js';
import { createTelemetry, toSyslog, type LogLine, type Telemetry } from '../../telemetry/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { loadDrillInputs } from '../load.js';
import { listRuleFiles } from '../paths.js';
import { parseSeed } from './run.js';
import { parseSyslogTarget, tcpSender, udpSender, type SyslogSender } from '../syslogTransport.js';

export interface LogsOptions {
  seed?: string;
  actions?: string;
  architecture?: string;
  from?: string;
  to?: string;
  component?: string;
  source?: string;
  format?: string;
  out?: string;
  syslog?: string;
  rules?: string[];
  rate?: string;
}

/** Lines are generated an hour at a time: memory stays flat however long the window. */
const CHUNK_MS = 3_600_000;

function duration(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new CliError(`${what} "${text}" is not a duration (e.g. 0, 90s, 15m, 1h30m)`, EXIT.usage);
  return ms;
}

/** The shipped rules plus any given with --rules; each file validated with located errors. */
export function loadRules(arch: Architecture, extra: string[] = []): DetectionRule[] {
  return [...listRuleFiles(), ...extra].map((file) => orThrow(checkRuleFile(file, arch)).model);
}

/** Every line of the window, an hour at a time, in time order per chunk. */
function* chunks(
  telemetry: Telemetry,
  from: number,
  to: number,
  filter: { component?: string; source?: string },
  drill: Parameters<Telemetry['window']>[3],
): Generator<LogLine[]> {
  for (let start = from; start < to; start += CHUNK_MS) {
    yield telemetry.window(start, Math.min(start + CHUNK_MS, to), filter, drill);
  }
}

export async function logsCommand(
  scenarioArg: string | undefined,
  options: LogsOptions,
  out: (s: string) => void,
): Promise<number> {
  const format = options.format ?? 'raw';
  if (format !== 'raw' && format !== 'ecs-ndjson')
    throw new CliError(`--format "${format}": expected raw or ecs-ndjson`, EXIT.usage);
  const inputs = loadDrillInputs({
    ...(scenarioArg !== undefined ? { scenario: scenarioArg } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
    ...(options.actions !== undefined ? { actions: options.actions } : {}),
  });
  const arch = inputs.architecture.model;
  const scenario = inputs.scenario.model;
  const seed = parseSeed(options.seed ?? inputs.script?.model.seed);
  const drill = runDrill(arch, scenario, seed, inputs.script?.model.actions ?? []);
  const telemetry = createTelemetry(compileScenarioData(arch, scenario), seed, {
    rules: loadRules(arch, options.rules),
  });
  const end = drill.outcome.endedAt ?? scenario.end.time_limit;
  const from = duration(options.from, '--from', 0);
  const to = duration(options.to, '--to', end);
  if (to <= from) throw new CliError('--to must be later than --from', EXIT.usage);
  const specs = telemetry.streams.filter(
    (s) =>
      (!options.component || s.component === options.component) &&
      (!options.source || s.source === options.source),
  );
  if (specs.length === 0) {
    const known = [...new Set(telemetry.streams.map((s) => s.component))].join(', ');
    throw new CliError(
      `no log stream matches --component ${options.component ?? '*'} --source ${options.source ?? '*'} (components: ${known})`,
      EXIT.usage,
    );
  }
  const filter = {
    ...(options.component ? { component: options.component } : {}),
    ...(options.source ? { source: options.source } : {}),
  };
  const epoch0 = telemetry.world.epoch0;
  if (options.syslog) {
    const rate = Number(options.rate ?? 10_000);
    if (!Number.isInteger(rate) || rate < 1 || rate > 1_000_000)
      throw new CliError(
        `--rate "${options.rate}": expected messages per second, 1 to 1000000`,
        EXIT.usage,
      );
    const target = parseSyslogTarget(options.syslog);
    const sender = target.transport === 'tcp' ? await tcpSender(target) : udpSender(target, rate);
    const sent = await streamSyslog(sender, epoch0, () =>
      chunks(telemetry, from, to, filter, drill),
    );
    out(`sent ${sent} syslog messages to ${options.syslog}\n`);
    if (!options.out) return EXIT.ok;
  }

  const base = resolve(options.out ?? 'ttx-logs');
  if (base.includes('\u0000')) throw new CliError('the output path contains a NUL byte');
  const ext = format === 'raw' ? '' : '.ndjson';
  const files = new Map<string, AtomicFile>();
  const specOf = new Map(specs.map((s) => [`${s.component}/${s.source}`, s]));
  let count = 0;
  try {
    for (const spec of specs) {
      const path = join(base, spec.file + ext);
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw new FileWriteError(dirname(path), undefined, (error as NodeJS.ErrnoException).code);
      }
      files.set(`${spec.component}/${spec.source}`, new AtomicFile(path));
    }
    if (format === 'raw') {
      // The bulk path: every stream's bytes straight from the generator, slice by slice.
      const fileOf = new Map(specs.map((s) => [s, files.get(`${s.component}/${s.source}`)!]));
      count = telemetry.writeStreams(specs, from, to, drill, (spec, chunk) =>
        fileOf.get(spec)!.writeBytes(chunk),
      );
    } else {
      // The ECS field definitions are large: loaded only for this format.
      const { toEcs } = await import('../../telemetry/ecs.js');
      for (const lines of chunks(telemetry, from, to, filter, drill)) {
        for (const line of lines) {
          const key = `${line.component}/${line.source}`;
          const file = files.get(key);
          if (!file) continue; // inject lines live in the drill's trace, not in a product's log
          file.write(`${toEcs(line, epoch0, specOf.get(key))}\n`);
          count++;
        }
      }
    }
    for (const file of files.values()) file.commit();
  } catch (error) {
    for (const file of files.values()) file.abort();
    throw error;
  }
  out(
    `wrote ${count} lines in ${files.size} files under ${base} (seed ${seed}, T+${from / 1000}s to T+${to / 1000}s)\n`,
  );
  return EXIT.ok;
}

/** Sends every line as one RFC 5424 message (a datagram, or an octet-counted TCP frame). */
async function streamSyslog(
  sender: SyslogSender,
  epoch0: number,
  source: () => Generator<LogLine[]>,
): Promise<number> {
  let sent = 0;
  try {
    for (const lines of source()) {
      for (const line of lines) {
        if (line.source === 'inject') continue;
        await sender.send(toSyslog(line, epoch0));
        sent++;
      }
    }
  } finally {
    await sender.close();
  }
  return sent;
}
