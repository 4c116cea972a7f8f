import { z } from 'zod';
import { durationSchema, idSchema, textSchema, titleSchema } from './common.js';
import { fillParameters, placeholdersIn, RUNTIME_PLACEHOLDERS } from './evidenceParameters.js';
import { closest } from './suggest.js';

/*
 * Evidence: what an attacker state does in the world, as data (decision 0800). Each item is one
 * kind of fact (an HTTP request, a login, a process...) on one component, with its timing; the
 * telemetry renders every fact on every device on its path. `use:` expands a template from the
 * top-level evidence/ folder in place.
 */

/** A short value from a YAML file: names, paths, commands (bounded like every text). */
const valueText = z.string().min(1).max(2000);
const port = z.number().int().min(1).max(65_535);
const count = z.number().int().min(1).max(100_000);
const byteCount = z.number().int().min(0).max(1e13);

/** `attacker`, `internet`, a component id or an IPv4 address: where a fact comes from or goes. */
const endpointSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:{}-]{0,63}$/, {
  message: 'expected attacker, internet, a component id or an IPv4 address',
});

/** Fields every evidence item has (see the decision record for their meaning). */
const commonFields = {
  /** Injects and lint refer to the item by this id. */
  id: idSchema.optional(),
  description: textSchema.optional(),
  /** The component where it happens (for connections: the host that opens it). */
  on: idSchema.optional(),
  /** The source: `attacker` (default), `internet`, a component id or an address. */
  from: endpointSchema.optional(),
  /** The account it runs as or logs in with. */
  as: z.string().min(1).max(64).optional(),
  /** Offset from entering the attacker state (default 0). */
  at: durationSchema.optional(),
  /** That many occurrences, spread with seeded jitter over `spread` (default: one). */
  count: count.optional(),
  spread: durationSchema.optional(),
  /** Repeats with this period while the attacker stays in the state (`count` caps it). */
  every: durationSchema.optional(),
  /** Long-lived things (a process, a session) last until the attacker leaves, or the drill ends. */
  until: z.enum(['leave', 'end']).optional(),
  /**
   * The artefact (a `leaves` id of the scenario) this item goes through: while it is removed, a
   * request to it answers 404, a login with it fails and anything else does not happen.
   */
  through: idSchema.optional(),
};

/** An HTTP status, or a mix of statuses by share (`{503: 0.7, 200: 0.3}`) for floods. */
const statusSchema = z.union([
  z.number().int().min(100).max(599),
  z.record(z.string().regex(/^[1-5]\d\d$/, { message: 'expected an HTTP status' }), z.number()),
]);

export const httpEvidenceSchema = z.strictObject({
  kind: z.literal('http'),
  ...commonFields,
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET'),
  /** One path, or a list walked in order (a scanner's wordlist). */
  path: z.union([valueText, z.array(valueText).min(1).max(1000)]),
  query: z.string().max(2000).optional(),
  /**
   * A form body (`application/x-www-form-urlencoded`, as sent: `a=1&b%5B0%5D=2`). The access logs
   * never show it; a WAF that reads request bodies (ModSecurity) matches its rules on it and its
   * audit log records it.
   */
  body: z.string().max(4000).optional(),
  /**
   * `https` (default): port 443, TLS ends at the WAF, so the network IDS before it sees only the
   * handshake. `http`: plain port 80, which the IDS reads in full (scanners often use it).
   */
  scheme: z.enum(['https', 'http']).default('https'),
  status: statusSchema.default(200),
  user_agent: z.string().max(400).optional(),
  bytes: byteCount.optional(),
  referer: z.string().max(400).optional(),
  /** Floods: requests per second while the item lasts, e.g. `400/s`. */
  rate: z
    .string()
    .regex(/^\d{1,7}\/s$/, { message: 'expected a rate such as 400/s' })
    .optional(),
  /** The scenario's WAF rule (an `enable-waf-rule` action's `rule`) that stops it once enabled. */
  waf_rule: idSchema.optional(),
  /**
   * Floods from a botnet: the requests come from this many addresses instead of `from`, each
   * request from one of them (a seeded pool of public addresses spread over many networks, the
   * same pool for every item of the drill), so no handful of blocks or one /24 stops it.
   */
  sources: z.number().int().min(2).max(100_000).optional(),
});

export const authEvidenceSchema = z.strictObject({
  kind: z.literal('auth'),
  ...commonFields,
  service: z.enum(['ssh', 'web', 'sudo', 'cms', 'ldap']),
  user: z.string().min(1).max(64),
  outcome: z.enum(['success', 'failure']).default('success'),
  method: z.enum(['password', 'publickey']).default('password'),
  /** sudo: the command run as root. */
  command: valueText.optional(),
});

export const processEvidenceSchema = z.strictObject({
  kind: z.literal('process'),
  ...commonFields,
  user: z.string().min(1).max(64).optional(),
  parent: z.string().min(1).max(200).optional(),
  command: valueText,
  cwd: z.string().max(400).optional(),
});

export const fileEvidenceSchema = z.strictObject({
  kind: z.literal('file'),
  ...commonFields,
  path: valueText,
  action: z.enum(['create', 'modify', 'delete', 'read']).default('create'),
  owner: z.string().min(1).max(64).optional(),
  size: byteCount.optional(),
  /** The persistence artefact this file is (for eradication and lint). */
  artefact: idSchema.optional(),
});

export const connectionEvidenceSchema = z.strictObject({
  kind: z.literal('connection'),
  ...commonFields,
  /** The peer: `attacker`, a component id or an address. */
  to: endpointSchema,
  port,
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  bytes: byteCount.optional(),
});

export const dnsEvidenceSchema = z.strictObject({
  kind: z.literal('dns'),
  ...commonFields,
  name: valueText,
  type: z.enum(['A', 'AAAA', 'TXT', 'MX', 'CNAME', 'NS', 'PTR', 'SRV', 'ANY']).default('A'),
  answer: z.string().max(400).optional(),
});

export const dbEvidenceSchema = z.strictObject({
  kind: z.literal('db'),
  ...commonFields,
  statement: z.enum(['select', 'insert', 'update', 'delete', 'dump', 'grant', 'connect']),
  table: z.string().min(1).max(128).optional(),
  rows: z.number().int().min(0).max(1e12).optional(),
  sql: valueText.optional(),
  /** The client host (default: `from`). */
  client: endpointSchema.optional(),
});

export const directoryEvidenceSchema = z.strictObject({
  kind: z.literal('directory'),
  ...commonFields,
  operation: z.enum(['bind', 'search', 'add', 'modify', 'delete']),
  dn: valueText,
  /** The LDAP result code (0 success, 49 invalid credentials...). */
  result: z.number().int().min(0).max(123).default(0),
  filter: z.string().max(1000).optional(),
});

export const apiEvidenceSchema = z.strictObject({
  kind: z.literal('api'),
  ...commonFields,
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  path: valueText,
  status: z.number().int().min(100).max(599).default(200),
  consumer: z.string().max(128).optional(),
  /** A Kong Admin API call (port 8001) rather than a proxied one. */
  admin: z.boolean().default(false),
});

export const accountEvidenceSchema = z.strictObject({
  kind: z.literal('account'),
  ...commonFields,
  action: z.enum(['create', 'modify', 'delete', 'add-to-group', 'remove-from-group']),
  user: z.string().min(1).max(64),
  group: z.string().min(1).max(64).optional(),
  /** Where the account lives: `local` (the host's passwd) or a directory component id. */
  system: z.string().min(1).max(64).optional(),
});

export const deployEvidenceSchema = z.strictObject({
  kind: z.literal('deploy'),
  ...commonFields,
  pipeline: z.string().min(1).max(128),
  commit: z.string().max(64).optional(),
  artefact: z.string().max(400).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure']).default('success'),
});

/** A template reference: `use: <template id>` with parameters in `with:`. */
export const evidenceUseSchema = z.strictObject({
  // No `kind`: an item without one is a template reference.
  kind: z.undefined().optional(),
  use: idSchema,
  id: idSchema.optional(),
  description: textSchema.optional(),
  on: idSchema.optional(),
  from: endpointSchema.optional(),
  as: z.string().min(1).max(64).optional(),
  at: durationSchema.optional(),
  with: z.record(idSchema, z.union([z.string().max(2000), z.number(), z.boolean()])).default({}),
});

export const EVIDENCE_ITEM_SCHEMAS = [
  httpEvidenceSchema,
  authEvidenceSchema,
  processEvidenceSchema,
  fileEvidenceSchema,
  connectionEvidenceSchema,
  dnsEvidenceSchema,
  dbEvidenceSchema,
  directoryEvidenceSchema,
  apiEvidenceSchema,
  accountEvidenceSchema,
  deployEvidenceSchema,
] as const;

export const EVIDENCE_KINDS = EVIDENCE_ITEM_SCHEMAS.map((s) => s.shape.kind.value);

const kindMessage = `expected a kind (${EVIDENCE_KINDS.join(', ')}) or "use: <template id>"`;

/** One concrete evidence item (what a template expands to). */
export const evidenceItemSchema = z.discriminatedUnion('kind', [...EVIDENCE_ITEM_SCHEMAS], {
  error: kindMessage,
});

/** An item as an author writes it in an attacker state: concrete, or a template reference. */
export const evidenceEntrySchema = z.discriminatedUnion(
  'kind',
  [...EVIDENCE_ITEM_SCHEMAS, evidenceUseSchema],
  { error: kindMessage },
);

const parameterValue = z.union([z.string().max(2000), z.number(), z.boolean()]);

/** A file in evidence/: a small, documented, reusable set of evidence items (Atomic Red Team style). */
export const evidenceTemplateSchema = z
  .strictObject({
    id: idSchema,
    title: titleSchema,
    description: textSchema,
    references: z.array(z.string().max(400)).default([]),
    /** ATT&CK ids, metadata only. */
    techniques: z
      .array(
        z.string().regex(/^T\d{4}(\.\d{3})?$/, { message: 'expected an ATT&CK id such as T1190' }),
      )
      .default([]),
    /** `{{name}}` in the items' values is replaced by `with: { name: ... }` or the default. */
    parameters: z
      .record(idSchema, z.strictObject({ description: textSchema, default: parameterValue }))
      .default({}),
    /** Checked as evidence items once the parameters' defaults are filled in. */
    evidence: z.array(z.unknown()).min(1).max(200),
  })
  .superRefine((template, ctx) => {
    const defaults = Object.fromEntries(
      Object.entries(template.parameters).map(([name, p]) => [name, p.default]),
    );
    const known = [...Object.keys(defaults), ...RUNTIME_PLACEHOLDERS];
    template.evidence.forEach((raw, index) => {
      const parsed = evidenceItemSchema.safeParse(fillParameters(raw, defaults));
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          ctx.addIssue({ ...issue, path: ['evidence', index, ...issue.path] } as never);
      for (const name of placeholdersIn(raw)) {
        if (known.includes(name)) continue;
        const suggestion = closest(name, known);
        ctx.addIssue({
          code: 'custom',
          path: ['evidence', index],
          message: `unknown parameter "{{${name}}}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; declare it under parameters`,
        });
      }
    });
  });

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;
export type EvidenceUse = z.infer<typeof evidenceUseSchema>;
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;
export type EvidenceTemplate = z.infer<typeof evidenceTemplateSchema>;
/** An item after template expansion: where it came from, for injects, lint and facts. */
export type ExpandedEvidenceItem = EvidenceItem & {
  /** The template it was expanded from. */
  template?: string;
  /** The id of the `use:` item it was expanded from (injects may name the whole use). */
  group?: string;
};
export type EvidenceOf<K extends EvidenceKind> = Extract<EvidenceItem, { kind: K }>;
export type ParameterValue = z.infer<typeof parameterValue>;
