import type { Architecture } from '../../model/index.js';
import { phpTime } from '../clock.js';
import { bindQuery } from '../formats/host.js';
import { olderThan, perComponent, productVersion, stackOf } from './stack.js';

/*
 * BIND's query log as the resolver's version writes it. BIND 9.11 (documented as "the 9.11.0
 * behaviour" in the ARM) names the client object (`client @0x7f...`), repeats the query name in
 * parentheses and prints the EDNS version and cookie flags (`+E(0)K`). Older servers (the 9.7/9.8
 * a 2011-2014 shop runs) write `client 10.0.2.12#53211: query: name IN A + (10.0.5.53)`: no object
 * address, no repeated name, and a stub resolver of the period sends no EDNS, so the flags are `+`.
 * (Where exactly between 9.9 and 9.11 each part appeared is not pinned here: below 9.11 the older
 * form is written.)
 */

export type QueryLogFormat = 'bind-9.11' | 'bind-legacy';

/** The query-log format the resolver `id` writes, from its stack ("BIND 9.8", "BIND 9.18"). */
export const queryLogFormat = perComponent((architecture, id): QueryLogFormat => {
  const version = productVersion(stackOf(architecture, id), /\bBIND\b/i);
  return version && olderThan(version, 9, 11) ? 'bind-legacy' : 'bind-9.11';
});

/** A query-log line's facts: when, the asking client and its port, the name and type, the server. */
type QueryArgs = [
  epochMs: number,
  client: string,
  port: number,
  name: string,
  qtype: string,
  server: string,
];

/** A pre-9.11 query-log line (print-time, print-category, print-severity). */
export function bindQueryLegacy(
  ...[epochMs, client, port, name, qtype, server]: QueryArgs
): string {
  const ms = String(((Math.floor(epochMs) % 1000) + 1000) % 1000).padStart(3, '0');
  return `${phpTime(epochMs)}.${ms} queries: info: client ${client}#${port}: query: ${name} IN ${qtype} + (${server})`;
}

/** One query-log line of resolver `id`, in the format its version writes. */
export function queryLogLine(architecture: Architecture, id: string, ...args: QueryArgs): string {
  return queryLogFormat(architecture, id) === 'bind-legacy'
    ? bindQueryLegacy(...args)
    : bindQuery(...args);
}
