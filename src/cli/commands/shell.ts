import { formatDuration, stripControl } from '../../model/index.js';
import { hostConsole, runShell } from '../../investigation/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { drillAt, type DrillAtOptions } from '../drillAt.js';

export interface ShellOptions extends DrillAtOptions {
  host?: string;
  json?: boolean;
}

/** `ttx shell`: one command on a simulated host console at a simulated time. */
export function shellCommand(
  target: string | undefined,
  command: string,
  options: ShellOptions,
  out: (s: string) => void,
): number {
  if (!options.host)
    throw new CliError('--host <id> is required (a component id of the architecture)', EXIT.usage);
  const d = drillAt(target, options);
  const known = d.architecture.components.map((c) => c.id);
  if (!known.includes(options.host))
    throw new CliError(
      `no host "${stripControl(options.host)}" in ${d.architecture.id} (hosts: ${known.join(', ')})`,
      EXIT.usage,
    );
  const ctx = hostConsole(d.compiled, d.telemetry, d.drill, options.host);
  if (!ctx)
    throw new CliError(
      `${options.host} has no console you can reach (an appliance: use its logs and the SIEM)`,
      EXIT.usage,
    );
  const result = runShell(ctx, command);
  const action = { at: d.at, do: 'shell', target: options.host, text: result.command };
  if (options.json) {
    out(
      `${JSON.stringify({ format: 'ttx-shell/1', scenario: d.scenario.id, seed: d.seed, host: options.host, at: d.at, ...result, action }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const prompt = `[root@${ctx.state.host.hostname} ~]# ${result.command}`;
  out(`${[prompt, ...result.lines].join('\n')}\n`);
  process.stderr.write(
    `journal: { at: ${formatDuration(d.at)}, do: shell, target: ${options.host}, text: ${JSON.stringify(result.command)} } (costs ${d.architecture.investigation.console / 1000}s of drill time)\n`,
  );
  return EXIT.ok;
}
