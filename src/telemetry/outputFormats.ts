import { isoTime } from './clock.js';
import { rfc5424 } from './formats/host.js';
import type { LogLine } from './logLine.js';
import type { StreamSpec } from './topology.js';

/*
 * Ways to ship a line somewhere else: Elastic Common Schema NDJSON for SIEM imports, and an
 * RFC 5424 syslog message for streaming to a collector. Ground truth (`malicious`) never leaves.
 */

const DATASETS: Record<string, string> = {
  'nginx-access': 'nginx.access',
  'nginx-error': 'nginx.error',
  'php-fpm': 'php_fpm.log',
  'modsec-audit': 'modsecurity.audit',
  eve: 'suricata.eve',
  firewall: 'iptables.log',
  haproxy: 'haproxy.log',
  auth: 'system.auth',
  auditd: 'auditd.log',
  slapd: 'openldap.log',
  'mysql-general': 'mysql.general',
  'kong-access': 'kong.access',
  'siem-alerts': 'ttx.siem_alert',
  inject: 'ttx.inject',
};

export function toEcs(line: LogLine, epoch0: number, spec?: StreamSpec): string {
  return JSON.stringify({
    '@timestamp': isoTime(epoch0 + line.t),
    message: line.text,
    event: {
      dataset: DATASETS[line.source] ?? line.source,
      module: (DATASETS[line.source] ?? line.source).split('.')[0],
    },
    host: { name: line.component.toLowerCase() },
    observer: { name: line.component },
    log: { file: { path: spec ? `/${spec.file}` : `/${line.component}/${line.source}.log` } },
  });
}

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
