import { z } from 'zod';
import {
  alertSeveritySchema,
  durationSchema,
  idSchema,
  textSchema,
  titleSchema,
} from './common.js';

/** The log sources the simulated SIEM parses, and the fields each one yields to rules. */
export const LOG_FIELDS = {
  'nginx-access': ['src_ip', 'method', 'path', 'status', 'bytes', 'referer', 'user_agent'],
  'nginx-error': ['level', 'src_ip', 'request', 'text'],
  'php-fpm': ['level', 'text'],
  'modsec-audit': ['src_ip', 'method', 'path', 'status', 'rule_ids', 'unique_id'],
  eve: [
    'event_type',
    'src_ip',
    'dest_ip',
    'dest_port',
    'signature',
    'signature_id',
    'path',
    'user_agent',
    'bytes_toserver',
    'bytes_toclient',
  ],
  firewall: ['action', 'src_ip', 'dest_ip', 'dest_port', 'proto'],
  haproxy: ['src_ip', 'server', 'status', 'method', 'path', 'request_id'],
  auth: ['program', 'event', 'user', 'src_ip', 'tty', 'command', 'run_as'],
  auditd: ['type', 'uid', 'auid', 'tty', 'comm', 'exe', 'key', 'command'],
  slapd: ['conn', 'op', 'dn', 'src_ip', 'text'],
  'mysql-general': ['thread', 'command', 'argument'],
  'kong-access': ['src_ip', 'method', 'path', 'status', 'user_agent'],
  'kong-admin': ['src_ip', 'method', 'path', 'status', 'user_agent'],
  // A WSO2 Carbon gateway's Tomcat access log (API calls and the management console).
  'wso2-access': ['src_ip', 'method', 'path', 'status', 'user_agent'],
  'dns-query': ['src_ip', 'query', 'qtype', 'dest_ip'],
  syslog: ['program', 'user', 'src_ip', 'text'],
  'siem-alerts': ['rule_id', 'severity'],
} as const satisfies Record<string, readonly string[]>;

export type LogSource = keyof typeof LOG_FIELDS;
export const LOG_SOURCES = Object.keys(LOG_FIELDS) as LogSource[];

/** Fields every source has: the component that wrote the line, the raw line, business hours. */
export const COMMON_FIELDS = ['component', 'message', 'business_hours'] as const;

export const FIELD_MODIFIERS = ['equals', 'contains', 'startswith', 'endswith', 're', 'baseline'];

const scalar = z.union([z.string().max(400), z.number(), z.boolean()]);

/** `field|modifier: value-or-list`: a list means any of them; several keys must all match. */
export const selectionSchema = z.record(
  z.string().regex(/^[a-z_][a-z0-9_]*(\|[a-z_]+)?$/, {
    message: 'expected a field name, optionally with a modifier, e.g. path|startswith',
  }),
  z.union([scalar, z.array(scalar).min(1).max(200)]),
);

export const detectionRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, {
    message: 'expected a rule id: lower-case letters, digits, "." and "-", e.g. ttx.web-shell',
  }),
  title: titleSchema,
  status: z.enum(['experimental', 'test', 'stable']).default('experimental'),
  description: textSchema.optional(),
  references: z.array(z.string().max(400)).default([]),
  author: titleSchema.optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date such as 2026-11-28' })
    .optional(),
  /** Namespaced tags, e.g. attack.t1505.003. */
  tags: z.array(z.string().regex(/^[a-z0-9._-]+$/)).default([]),
  logsource: z.strictObject({
    source: z.enum(LOG_SOURCES as [LogSource, ...LogSource[]]),
    /** Only lines of these components (default: every component with this source). */
    components: z.array(idSchema).optional(),
  }),
  /** Named selections plus `condition`, Sigma style. */
  detection: z.record(z.string(), z.union([selectionSchema, z.string().max(400)])),
  /** At most one alert per rule and component in each such period (default 10m). */
  group_by_window: durationSchema.optional(),
  falsepositives: z.array(textSchema).default([]),
  level: alertSeveritySchema,
});

export type DetectionRule = z.infer<typeof detectionRuleSchema>;
export type Selection = z.infer<typeof selectionSchema>;
