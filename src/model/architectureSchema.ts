import { z } from 'zod';
import { CSF_CATEGORY_IDS, RESPONSE_FUNCTIONS } from './csf.js';
import { SEVERITY_SIGN_IDS } from './severitySigns.js';
import { durationSchema, idSchema, textSchema, titleSchema, trafficModeSchema } from './common.js';

const componentSchema = z.strictObject({
  id: idSchema,
  name: titleSchema,
  kind: z.enum([
    'firewall',
    'ips',
    'waf',
    'load-balancer',
    'web-server',
    'app-server',
    'database',
    'directory',
    'api-gateway',
    'dns-server',
    'log-collector',
    'siem',
  ]),
  layer: idSchema,
  /** What the component does, in prose, for people (the map, the coach, the details panel). */
  purpose: textSchema,
  /** What the generic core may ask it for (src/model/roles.ts: edge-firewall, siem, ...). */
  roles: z.array(idSchema).default([]),
  /** Its private address; without one it gets the next host address of its layer's network. */
  address: z.ipv4({ message: 'expected an IPv4 address such as 192.0.2.11' }).optional(),
  os: titleSchema,
  stack: z.array(titleSchema).default([]),
  /** Components this one opens connections to (the data path, not the log path). */
  reaches: z.array(idSchema).default([]),
  exposed_to_internet: z.boolean().default(false),
  /** Data classes stored on the component. */
  data: z.array(idSchema).default([]),
  /** Share of revenue lost while this component is isolated or down (0..1). */
  revenue_share: z.number().min(0).max(1).default(0),
  /**
   * Share of the revenue-bearing traffic (0..1) it can serve at most; the load balancers move an
   * isolated sibling's share to the others up to it. Default: its own `revenue_share` (no headroom).
   */
  capacity: z.number().min(0).max(1).optional(),
  /** Baselines that apply to the component. */
  baseline: z.array(idSchema).default([]),
});

const trafficModeInfoSchema = z.strictObject({
  revenue_loss: z.number().min(0).max(1),
  description: textSchema,
});

export const escalationRuleSchema = z.strictObject({
  contact: idSchema,
  channel: idSchema,
  within: durationSchema,
  /** Only for incidents of these categories (`incident_categories`); absent: every incident. */
  categories: z.array(idSchema).min(1).optional(),
});

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time of day such as 08:00' });

const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** An IANA time zone name (Europe/Berlin, UTC), as the Intl API of the runtime knows it. */
const timeZoneSchema = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as UTC or Europe/Berlin' },
  );

const instantSchema = z.iso.datetime({
  message: 'expected an ISO 8601 UTC time such as 2026-10-23T17:40:00Z',
});

/** Who a `notify` reaches, as the obligations name them (GDPR, PCI DSS, NIS2, contracts). */
export const RECIPIENTS = [
  'supervisory-authority',
  'data-subjects',
  'acquirer',
  'card-brands',
  'insurer',
  'law-enforcement',
  'csirt',
] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const contactSchema = z.strictObject({
  id: idSchema,
  name: titleSchema,
  role: titleSchema,
  speciality: textSchema,
  email: z.email({ message: 'expected an e-mail address' }),
  phone: z.string().max(40),
  /** The party this contact is for a formal notification (`notify`); absent: escalate only. */
  recipient: z.enum(RECIPIENTS).optional(),
  /**
   * When the contact answers: outside these days and hours it is unavailable and its backup is
   * named in the auto-reply. Absent: always reachable.
   */
  on_call: z
    .strictObject({
      days: z.array(weekdaySchema).min(1),
      start: timeOfDay,
      end: timeOfDay,
      timezone: timeZoneSchema.default('UTC'),
    })
    .optional(),
  /** Away between these instants (holiday, travel): an auto-reply names the backup. */
  out_of_office: z.strictObject({ from: instantSchema, until: instantSchema }).optional(),
  /** Who answers in its place when it is unavailable (a contact id). */
  backup: idSchema.optional(),
  /** How long it takes to answer once reached (default 10m; seeded jitter of up to a third). */
  reply_after: durationSchema.optional(),
  /**
   * How long a call to it lasts on a one-at-a-time channel (a phone call; decision 1020), when
   * it is not the channel's `typical_minutes` (a vendor hotline's queue, a talkative manager).
   */
  call_minutes: z.number().int().min(1).max(1440).optional(),
  /**
   * What it answers when reached and no reply of the scenario fits (once per drill): an
   * acknowledgement in its own words, never news about the incident.
   */
  answers: textSchema.optional(),
});

/**
 * A duty to notify someone within a time from awareness (decision 0950): which data classes (or
 * which severity, for a significant-incident regime such as NIS2) start it, to whom, how fast.
 */
export const obligationSchema = z
  .strictObject({
    id: idSchema,
    title: titleSchema,
    /** The regime it comes from: GDPR, PCI-DSS, NIS2, contract (an insurance policy), ... */
    regime: z.string().min(1).max(40),
    /** Whether the organisation is in scope here (a jurisdiction or a scenario may switch it). */
    applies: z.boolean().default(true),
    /** Data classes whose being reached, once the team is aware of it, starts the clock. */
    data_classes: z.array(idSchema).default([]),
    /** Or: the incident reaching this severity (observed or declared) starts the clock. */
    severity: idSchema.optional(),
    recipient: z.enum(RECIPIENTS),
    /** The contact a `notify` must reach to meet it. */
    contact: idSchema,
    within: durationSchema,
    /** The clock starts at awareness (the only start the engine knows; decision 0950). */
    from: z.literal('awareness').default('awareness'),
    /** `high-risk`: only when a reached data class is of critical sensitivity (GDPR Art. 34). */
    when: z.literal('high-risk').optional(),
    /** Where the duty is written (the article, the requirement). */
    reference: z.string().max(400),
    note: textSchema.optional(),
  })
  .refine((o) => o.data_classes.length > 0 || o.severity !== undefined, {
    message: 'expected "data_classes" or "severity": what starts the obligation',
    path: ['data_classes'],
  });

const baselineSchema = z.strictObject({
  id: idSchema,
  title: titleSchema,
  description: textSchema,
  path: z.string().max(200).optional(),
  naming_convention: z
    .string()
    .max(400)
    .refine(
      (pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'expected a valid regular expression' },
    )
    .optional(),
  allowed_extensions: z.array(z.string().max(16)).optional(),
  timezone: z.literal('UTC').optional(),
  days: z.array(weekdaySchema).optional(),
  start: timeOfDay.optional(),
  end: timeOfDay.optional(),
});

export const architectureSchema = z.strictObject({
  id: idSchema,
  title: titleSchema,
  description: textSchema,
  references: z.array(z.string().max(400)).default([]),
  business: z.strictObject({
    revenue_per_hour: z.number().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 code such as USD' }),
    traffic_modes: z.strictObject({
      normal: trafficModeInfoSchema,
      degraded: trafficModeInfoSchema,
      lockdown: trafficModeInfoSchema,
    }),
    /** Share of revenue (0..1) lost per customer or partner address blocked by mistake. */
    blocked_bystander_loss: z.number().min(0).max(1).default(0.05),
  }),
  /** What investigating costs in simulated time: one SIEM search, one console command. */
  investigation: z
    .strictObject({
      search: durationSchema.default(60_000),
      console: durationSchema.default(30_000),
    })
    .default({ search: 60_000, console: 30_000 }),
  layers: z
    .array(
      z.strictObject({
        id: idSchema,
        title: titleSchema,
        /** The layer's private network; its components get addresses from .11 on. */
        network: z.cidrv4({ message: 'expected an IPv4 network such as 192.0.2.0/24' }).optional(),
      }),
    )
    .min(1),
  components: z.array(componentSchema).min(1),
  /** Addresses that belong to no modelled component. */
  addresses: z.strictObject({
    /** The shop's public address, where customers and attackers connect. */
    public_vip: z.ipv4({ message: 'expected an IPv4 address such as 192.0.2.10' }),
    /** The administrators' jump host, the source of their routine SSH logins. */
    bastion: z.ipv4({ message: 'expected an IPv4 address such as 192.0.2.5' }),
    /**
     * The organisation's own networks beyond its layers (offices, VPN): an address in one is
     * ours, not the internet's, to whoever reads a line.
     */
    internal: z
      .array(z.cidrv4({ message: 'expected an IPv4 network such as 192.0.2.0/24' }))
      .default([]),
  }),
  data_classes: z
    .array(
      z.strictObject({
        id: idSchema,
        title: titleSchema,
        sensitivity: z.enum(['low', 'medium', 'high', 'critical']),
        note: textSchema.optional(),
      }),
    )
    .default([]),
  severities: z
    .array(
      z.strictObject({
        id: idSchema,
        title: titleSchema,
        description: textSchema,
        /** Tests a responder applies to what they can see (shown in the severity picker); any one met means this severity. */
        criteria: z.array(textSchema).default([]),
        /** What in the lines an alert shows meets the criteria (src/model/severitySigns.ts). */
        signs: z.array(z.enum(SEVERITY_SIGN_IDS)).default([]),
        /**
         * Data classes the criteria name (critical: "personal data ... read or taken"): seeing
         * evidence at this severity, or declaring it, makes the team aware of those reached.
         */
        data_classes: z.array(idSchema).default([]),
        traffic_mode: trafficModeSchema,
      }),
    )
    .min(1),
  contacts: z.array(contactSchema).min(1),
  /** The organisation's notification duties, each with its clock (decision 0950). */
  obligations: z.array(obligationSchema).default([]),
  /** How long writing and sending one formal notification (`notify`) takes. */
  notify_duration: durationSchema.default(15 * 60_000),
  channels: z
    .array(
      z.strictObject({
        id: idSchema,
        title: titleSchema,
        typical_minutes: z.number().int().min(0).max(1440),
        /**
         * A responder is on one of these at a time (a phone call occupies the caller for its
         * length; decision 1020): a second one while one is in progress is refused. E-mail,
         * chat and tickets leave this off and run side by side.
         */
        one_at_a_time: z.boolean().default(false),
      }),
    )
    .min(1),
  /** Kinds of incident a scenario declares (`category:`); matrix rules may apply only to some. */
  incident_categories: z
    .array(z.strictObject({ id: idSchema, title: titleSchema, description: textSchema.optional() }))
    .default([]),
  escalation_matrix: z.record(idSchema, z.array(escalationRuleSchema)),
  lockdown_thresholds: z.record(idSchema, trafficModeSchema),
  vulnerabilities: z
    .array(
      z.strictObject({
        id: idSchema,
        components: z.array(idSchema).min(1),
        title: titleSchema,
        cve: z
          .string()
          .regex(/^CVE-\d{4}-\d{4,}$/, { message: 'expected a CVE id such as CVE-2014-3704' })
          .optional(),
        kind: z.enum([
          'rce',
          'sqli',
          'misconfiguration',
          'privilege-escalation',
          'information-disclosure',
          'broken-access-control',
          'weak-credentials',
        ]),
        cvss: z.number().min(0).max(10),
        remediation: textSchema,
      }),
    )
    .default([]),
  baselines: z.array(baselineSchema).default([]),
  /**
   * Backup schedules. Points are computed from a scenario's `start_time` (`<id>@<ISO time>`), the
   * last `keep` before now, and listed on the console (`ls /backup`) so the trainee can name one.
   */
  backups: z
    .array(
      z.strictObject({
        id: idSchema,
        components: z.array(idSchema).min(1),
        /** Interval between points. */
        every: durationSchema.default(24 * 3_600_000),
        /** Time of day (UTC, HH:MM) of the first point of a day. */
        at: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time of day such as 02:00' })
          .default('02:00'),
        /** Points kept. */
        keep: z.number().int().min(1).max(400).default(7),
      }),
    )
    .default([]),
  /** Terms a newcomer meets in the drills (IPS, WAF, SIEM...), for the coach's glossary. */
  glossary: z.array(z.strictObject({ term: titleSchema, definition: textSchema })).default([]),
  emergency_plan: z
    .array(
      z.strictObject({
        id: idSchema,
        /** What the core may ask the step for (src/model/roles.ts: confirm, close, ...). */
        role: idSchema.optional(),
        /** The step is done by escalating to this contact (Contact SOC provider: soc-provider). */
        contact: idSchema.optional(),
        order: z.number().int().min(1),
        title: titleSchema,
        duration: durationSchema,
        /** Where it sits in NIST SP 800-61r3's response life cycle (src/model/csf.ts). */
        function: z.enum(RESPONSE_FUNCTIONS).optional(),
        /** The NIST CSF 2.0 categories it carries out (RS.MA, RS.AN, RS.CO, RS.MI, RC.RP, ...). */
        csf: z.array(z.enum(CSF_CATEGORY_IDS)).default([]),
      }),
    )
    .min(1),
});

export type Architecture = z.infer<typeof architectureSchema>;
export type Component = Architecture['components'][number];
export type Contact = Architecture['contacts'][number];
export type PlanStep = Architecture['emergency_plan'][number];
export type Vulnerability = Architecture['vulnerabilities'][number];
export type Baseline = Architecture['baselines'][number];
export type BackupSchedule = Architecture['backups'][number];
export type Obligation = Architecture['obligations'][number];
