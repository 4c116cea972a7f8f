import { formatDuration, formatElapsed, stripControl } from '../../model/index.js';
import {
  compileQuery,
  indexLines,
  keyFields,
  QuerySyntaxError,
  searchDocs,
  sparkline,
} from '../../investigation/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { drillAt, type DrillAtOptions } from '../drillAt.js';

export interface SearchOptions extends DrillAtOptions {
  query?: string;
  limit?: string;
  json?: boolean;
}

/** `ttx search`: the SIEM's search over every line the drill wrote from T+0 up to `--at`. */
export function searchCommand(
  target: string | undefined,
  options: SearchOptions,
  out: (s: string) => void,
): number {
  if (options.query === undefined)
    throw new CliError("--query '<query>' is required (e.g. 'source.ip:203.0.113.7')", EXIT.usage);
  const limit = Number(options.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new CliError(`--limit "${options.limit}": expected 1 to 10000`, EXIT.usage);
  // A query that does not parse is answered before any log is generated.
  try {
    compileQuery(options.query);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    const query = stripControl(options.query);
    throw new CliError(
      `query syntax error: ${error.message}\n  ${query}\n  ${' '.repeat(Math.min(error.offset, query.length))}^`,
      EXIT.usage,
    );
  }
  const d = drillAt(target, options);
  const docs = indexLines(d.telemetry.window(0, d.at + 1, {}, d.drill));
  const result = searchDocs(docs, options.query, d.at, { limit });
  const epoch0 = d.telemetry.world.epoch0;
  const wall = (t: number) => new Date(epoch0 + t).toISOString().slice(11, 19);
  // The search is an action of the drill: journaled like the others, costing simulated time.
  const action = { at: d.at, do: 'search', text: options.query };
  if (options.json) {
    out(
      `${JSON.stringify(
        {
          format: 'ttx-search/1',
          scenario: d.scenario.id,
          seed: d.seed,
          at: d.at,
          query: options.query,
          total: result.total,
          shown: result.hits.length,
          unknownFields: result.unknownFields,
          histogram: result.histogram,
          hits: result.hits.map((h) => ({
            t: h.t,
            time: new Date(epoch0 + h.t).toISOString(),
            component: h.component,
            source: h.source,
            fields: h.fields,
            text: h.text,
          })),
          action,
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const lines: string[] = [];
  lines.push(
    `${result.total} matching lines from T+0 to ${formatElapsed(d.at)} (${d.scenario.id}, seed ${d.seed}); newest first${result.total > result.hits.length ? `, ${result.hits.length} shown` : ''}`,
  );
  lines.push(`  |${sparkline(result.histogram)}|  T+0 .. ${formatElapsed(d.at)}`);
  for (const f of result.unknownFields)
    lines.push(`  note: no line searched has a field "${stripControl(f)}"`);
  if (result.hits.length) {
    lines.push('');
    lines.push(
      `${'T+'.padEnd(10)} ${'UTC'.padEnd(8)} ${'component'.padEnd(9)} ${'source'.padEnd(13)} fields`,
    );
    for (const h of result.hits) {
      const key = keyFields(h).join(' ') || h.text.slice(0, 80);
      lines.push(
        `${formatElapsed(h.t).padEnd(10)} ${wall(h.t)} ${h.component.padEnd(9)} ${h.source.padEnd(13)} ${stripControl(key)}`,
      );
    }
  }
  lines.push('');
  lines.push(
    `journal: { at: ${formatDuration(d.at)}, do: search, text: ${JSON.stringify(options.query)} } (costs ${d.architecture.investigation.search / 1000}s of drill time)`,
  );
  out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
