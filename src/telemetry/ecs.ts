import { EcsFlat, EcsVersion } from '@elastic/ecs';
import type { LogSource } from '../model/index.js';
import { isoTime } from './clock.js';
import type { LogLine } from './logLine.js';
import { parseLine, type Fields } from './rules/parseLine.js';
import type { StreamSpec } from './topology.js';

/*
 * Elastic Common Schema NDJSON for SIEM imports. The SIEM's own parsers (rules/parseLine.ts) read
 * each line; their fields are mapped to ECS names, and every name, type and allowed value is
 * checked against the field definitions of the @elastic/ecs package (ECS 9.4), not a list of
 * ours. Loaded only for `--format ecs-ndjson` (the definitions are 1.5 MB). Ground truth
 * (`malicious`) never leaves.
 */

type EcsValue = string | number | boolean | string[];

const DATASETS: Record<string, string> = {
  'nginx-access': 'nginx.access',
  'nginx-error': 'nginx.error',
  'php-fpm': 'php_fpm.log',
  'modsec-audit': 'modsecurity.auditlog',
  eve: 'suricata.eve',
  firewall: 'iptables.log',
  haproxy: 'haproxy.log',
  auth: 'system.auth',
  auditd: 'auditd.log',
  slapd: 'openldap.log',
  'mysql-general': 'mysql.general',
  'kong-access': 'kong.access',
  'kong-admin': 'kong.admin',
  'wso2-access': 'wso2.access',
  'dns-query': 'bind.query',
  syslog: 'system.syslog',
  'siem-alerts': 'ttx.siem_alert',
  inject: 'ttx.inject',
};

/** Parsed field -> ECS field, the same for every source that has it. */
const FIELD_MAP: Record<string, string> = {
  src_ip: 'source.ip',
  dest_ip: 'destination.ip',
  dest_port: 'destination.port',
  method: 'http.request.method',
  status: 'http.response.status_code',
  bytes: 'http.response.body.bytes',
  referer: 'http.request.referrer',
  user_agent: 'user_agent.original',
  user: 'user.name',
  run_as: 'user.effective.name',
  comm: 'process.name',
  exe: 'process.executable',
  command: 'process.command_line',
  uid: 'process.user.id',
  signature: 'rule.name',
  signature_id: 'rule.id',
  rule_ids: 'rule.id',
  unique_id: 'transaction.id',
  request_id: 'http.request.id',
  bytes_toserver: 'source.bytes',
  bytes_toclient: 'destination.bytes',
  proto: 'network.transport',
  level: 'log.level',
  program: 'process.name',
  query: 'dns.question.name',
  qtype: 'dns.question.type',
  rule_id: 'rule.id',
};

/** Fields not worth carrying, or carried another way (tty is not a device number here). */
const SKIP = new Set(['text', 'type', 'event_id', 'event', 'event_type', 'action', 'key', 'tty']);

function definition(name: string) {
  const field = (
    EcsFlat as Record<string, { type: string; allowed_values?: Array<{ name: string }> }>
  )[name];
  if (!field) throw new Error(`${name} is not an ECS ${EcsVersion} field`);
  return field;
}

// Checked once at load: a renamed or mistyped ECS field fails every ECS export (and the tests).
for (const name of Object.values(FIELD_MAP)) definition(name);

const NUMERIC = new Set(['long', 'integer', 'short', 'byte', 'float', 'double', 'scaled_float']);

/** A value in the type ECS declares for the field; undefined when it does not fit. */
function coerce(name: string, value: string | number | boolean): EcsValue | undefined {
  const { type } = definition(name);
  if (NUMERIC.has(type)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (type === 'ip')
    return /^\d{1,3}(\.\d{1,3}){3}$|:/.test(String(value)) ? String(value) : undefined;
  if (type === 'boolean') return Boolean(value);
  return String(value);
}

/** The categorisation fields: every value must be one ECS allows. */
function allowed(name: string, values: string[]): string[] {
  const names = new Set(definition(name).allowed_values?.map((v) => v.name) ?? []);
  for (const v of values)
    if (!names.has(v)) throw new Error(`${name}: "${v}" is not an allowed ECS value`);
  return values;
}

interface Categorised {
  kind: 'event' | 'alert' | 'metric';
  category: string[];
  type: string[];
  outcome?: 'success' | 'failure' | 'unknown';
  action?: string;
}

const byStatus = (f: Fields): Categorised['outcome'] =>
  typeof f.status === 'number' ? (f.status < 400 ? 'success' : 'failure') : undefined;

function categorise(source: string, f: Fields): Categorised {
  switch (source) {
    case 'nginx-access':
    case 'kong-access':
    case 'kong-admin':
    case 'wso2-access':
    case 'haproxy':
      return { kind: 'event', category: ['web'], type: ['access'], outcome: byStatus(f) };
    case 'nginx-error':
    case 'php-fpm':
      return { kind: 'event', category: ['web'], type: ['error'] };
    case 'modsec-audit':
      return {
        kind: 'event',
        category: ['web', 'intrusion_detection'],
        type: [f.status === 403 ? 'denied' : 'info'],
        outcome: byStatus(f),
      };
    case 'eve':
      if (f.event_type === 'alert')
        return {
          kind: 'alert',
          category: ['network', 'intrusion_detection'],
          type: ['info'],
          action: 'alert',
        };
      if (f.event_type === 'flow')
        return {
          kind: 'event',
          category: ['network'],
          type: ['connection', 'end'],
          action: 'flow',
        };
      return {
        kind: 'event',
        category: ['network'],
        type: ['protocol'],
        action: String(f.event_type),
      };
    case 'firewall': {
      if (f.action === 'summary')
        return { kind: 'metric', category: ['network'], type: ['info'], action: 'summary' };
      const accepted = f.action === 'accept';
      return {
        kind: 'event',
        category: ['network'],
        type: ['connection', accepted ? 'allowed' : 'denied'],
        outcome: accepted ? 'success' : 'failure',
        action: accepted ? 'accept' : 'drop',
      };
    }
    case 'auth':
      if (f.event === 'accepted' || f.event === 'failed')
        return {
          kind: 'event',
          category: ['authentication'],
          type: ['start'],
          outcome: f.event === 'accepted' ? 'success' : 'failure',
          action: `ssh_login`,
        };
      if (f.event === 'session-opened' || f.event === 'session-closed')
        return {
          kind: 'event',
          category: ['session'],
          type: [f.event === 'session-opened' ? 'start' : 'end'],
          action: String(f.event),
        };
      if (f.event === 'sudo')
        return { kind: 'event', category: ['process'], type: ['start'], action: 'sudo' };
      return { kind: 'event', category: ['host'], type: ['info'] };
    case 'auditd':
      if (f.type === 'SYSCALL' || f.type === 'EXECVE')
        return { kind: 'event', category: ['process'], type: ['start'], action: 'executed' };
      if (String(f.type).startsWith('USER_'))
        return {
          kind: 'event',
          category: ['authentication', 'session'],
          type: ['info'],
          action: String(f.type).toLowerCase(),
        };
      return {
        kind: 'event',
        category: ['process'],
        type: ['info'],
        action: String(f.type).toLowerCase(),
      };
    case 'slapd':
      return { kind: 'event', category: ['iam'], type: ['info'] };
    case 'mysql-general':
      return {
        kind: 'event',
        category: ['database'],
        type: ['access'],
        action: String(f.command ?? '').toLowerCase(),
      };
    case 'dns-query':
      return { kind: 'event', category: ['network'], type: ['protocol'], action: 'dns_query' };
    case 'syslog':
      if (f.event === 'login' || f.event === 'login-failed')
        return {
          kind: 'event',
          category: ['authentication'],
          type: ['start'],
          outcome: f.event === 'login' ? 'success' : 'failure',
          action: 'cms_login',
        };
      if (f.event === 'deploy')
        return { kind: 'event', category: ['configuration'], type: ['change'], action: 'deploy' };
      return { kind: 'event', category: ['host'], type: ['info'] };
    case 'siem-alerts':
      return { kind: 'alert', category: ['intrusion_detection'], type: ['indicator'] };
    default:
      return { kind: 'event', category: ['host'], type: ['info'] };
  }
}

function set(doc: Record<string, unknown>, name: string, value: EcsValue): void {
  const parts = name.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (next && typeof next === 'object' ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** The ECS document of one line: its raw text as `message`, the parsed fields under ECS names. */
export function toEcsDocument(
  line: LogLine,
  epoch0: number,
  spec?: StreamSpec,
): Record<string, unknown> {
  const dataset = DATASETS[line.source] ?? line.source;
  const doc: Record<string, unknown> = {
    '@timestamp': isoTime(epoch0 + line.t),
    ecs: { version: EcsVersion },
    message: line.text,
  };
  const fields =
    line.source === 'inject' ? undefined : parseLine(line.source as LogSource, line.text);
  const c = categorise(line.source, fields ?? {});
  set(doc, 'event.kind', c.kind);
  set(doc, 'event.category', allowed('event.category', c.category));
  set(doc, 'event.type', allowed('event.type', c.type));
  if (c.outcome) set(doc, 'event.outcome', allowed('event.outcome', [c.outcome])[0]!);
  if (c.action) set(doc, 'event.action', c.action);
  set(doc, 'event.dataset', dataset);
  set(doc, 'event.module', dataset.split('.')[0]!);
  for (const [key, value] of Object.entries(fields ?? {})) {
    const name = FIELD_MAP[key];
    if (!name || SKIP.has(key)) continue;
    const v = coerce(name, key === 'proto' ? String(value).toLowerCase() : value);
    if (v !== undefined && v !== '') set(doc, name, v);
  }
  if (typeof fields?.path === 'string') {
    const [path = '', query] = fields.path.split(/\?(.*)/s);
    set(doc, 'url.original', fields.path);
    set(doc, 'url.path', path);
    if (query) set(doc, 'url.query', query);
  }
  set(doc, 'host.name', line.component.toLowerCase());
  set(doc, 'observer.name', line.component);
  set(doc, 'log.file.path', spec ? `/${spec.file}` : `/${line.component}/${line.source}.log`);
  return doc;
}

export function toEcs(line: LogLine, epoch0: number, spec?: StreamSpec): string {
  return JSON.stringify(toEcsDocument(line, epoch0, spec));
}
