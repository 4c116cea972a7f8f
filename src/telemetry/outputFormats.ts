import { rfc5424 } from './formats/host.js';
import type { LogLine } from './logLine.js';

/*
 * A line as an RFC 5424 syslog message, for streaming to a collector (the ECS export is ecs.ts,
 * loaded only when asked for). Ground truth (`malicious`) never leaves.
 */

/**
 * A line as an RFC 5424 message: lines that already are RFC 5424 (firewalls) pass as they are;
 * others are wrapped with the component as HOSTNAME and the source as APP-NAME.
 */
export function toSyslog(line: LogLine, epoch0: number): string {
  if (/^<\d{1,3}>1 /.test(line.text)) return line.text;
  const severity = line.source === 'siem-alerts' ? 4 : 6;
  return rfc5424(
    16,
    severity,
    epoch0 + line.t,
    line.component.toLowerCase(),
    line.source,
    '-',
    '-',
    '-',
    line.text,
  );
}
