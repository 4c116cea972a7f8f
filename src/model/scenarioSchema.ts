import { z } from 'zod';
import { TECHNICAL_ACTION_KINDS } from './actionKinds.js';
import {
  alertSeveritySchema,
  durationSchema,
  idSchema,
  textSchema,
  titleSchema,
} from './common.js';
import { conditionSchema } from './conditionSchema.js';
import { contactSchema, escalationRuleSchema } from './architectureSchema.js';
import { actionLogEntrySchema } from './actionLogSchema.js';
import { DIMENSION_IDS } from './dimensions.js';
import { detectionRuleSchema } from './detectionRuleSchema.js';
import { evidenceEntrySchema, type ExpandedEvidenceItem } from './evidenceSchema.js';
import {
  accessSchema,
  artefactSchema,
  compromisedBackupSchema,
  secretSchema,
  spreadSchema,
} from './persistenceSchema.js';

/** Benign events that look suspicious, switched on by a scenario to test the trainee's judgement. */
export const RED_HERRING_KINDS = [
  'after-hours-admin',
  'static-upload',
  'vuln-scan',
  'health-flap',
  'ssh-noise',
] as const;

const telemetrySchema = z.strictObject({
  /** Multiplier of the baseline traffic volumes (1 = the modeled shop). */
  volume: z.number().min(0).max(1000).default(1),
  /** Benign look-alikes in the generated logs, at their simulated time. */
  red_herrings: z
    .array(
      z.strictObject({
        kind: z.enum(RED_HERRING_KINDS),
        at: durationSchema,
        /** The component it happens on (a sensible default per kind otherwise). */
        target: idSchema.optional(),
        description: textSchema.optional(),
      }),
    )
    .default([]),
  /** Extra SIEM detection rules for this scenario (same format as rules/*.yaml). */
  rules: z.array(detectionRuleSchema).default([]),
});

const transitionSchema = z.strictObject({
  /** The attacker state to move to. */
  to: idSchema,
  /** Simulated time spent in the current state before the move. */
  after: durationSchema,
  /** Random spread (+/-) around `after`, drawn from the seed. */
  jitter: durationSchema.optional(),
  /** The move happens only if this holds when it is due... */
  when: conditionSchema.optional(),
  /** ...and is blocked while this holds (the attacker retries after `retry`). */
  unless: conditionSchema.optional(),
  retry: durationSchema.optional(),
  /** A retreat (the attacker giving up) may happen while contained; other moves may not. */
  retreat: z.boolean().default(false),
  description: textSchema.optional(),
});

const attackerStateSchema = z.strictObject({
  id: idSchema,
  title: titleSchema,
  description: textSchema.optional(),
  /** ATT&CK technique ids of what the attacker does in this state. */
  techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).default([]),
  /** False for states that are not yet an attack (reconnaissance that looks like noise). */
  malicious: z.boolean().default(true),
  compromises: z.array(idSchema).default([]),
  reaches_data: z.array(idSchema).default([]),
  /** The incident severity becomes at least this when the attacker gets here. */
  severity: idSchema.optional(),
  /** The attacker's goal: reaching it means the objective was achieved. */
  objective: z.boolean().default(false),
  /** Scenario flags the attacker undoes on arrival (a re-uploaded shell clears `shell-removed`). */
  clears: z.array(idSchema).default([]),
  /** Share of revenue (0..1) the attack itself costs while the attacker is here, uncontained. */
  revenue_loss: z.number().min(0).max(1).default(0),
  /** What the attacker does in the world here, as data (decision 0800); `use:` names a template. */
  evidence: z.array(evidenceEntrySchema).max(200).default([]),
  /** Persistence artefacts the attacker places here (a web shell, a cron entry, a key, an account). */
  leaves: z.array(artefactSchema).max(50).default([]),
  /** Secrets the attacker reads here (a key, a password, a token) and where they work. */
  exposes: z.array(secretSchema).max(50).default([]),
  /**
   * How the attacker holds this position (decision 0960): the condition `access_cut: true` holds
   * when every access is cut. A state without `access:` has nothing to cut (not inside yet).
   */
  access: z.array(accessSchema).max(20).default([]),
  /** Architecture vulnerabilities (`vulnerabilities[].id`) this state exploits: the root cause a close checks. */
  exploits: z.array(idSchema).max(20).default([]),
  next: z.array(transitionSchema).default([]),
});

/**
 * The incident-response phases the coach gates its hints by (the SP 800-61r2 life cycle the
 * hints are written in; COACH_PHASE_CSF in csf.ts maps each to SP 800-61r3 and CSF 2.0).
 */
export const COACH_PHASES = [
  'preparation',
  'detection',
  'containment',
  'eradication',
  'post-incident',
] as const;

const coachSchema = z.strictObject({
  /** Hints, shown only when the trainee asks or is stuck, and only in their phase. */
  hints: z
    .array(
      z.strictObject({
        id: idSchema,
        phase: z.enum(COACH_PHASES),
        text: textSchema,
        /** Shown only while this holds (e.g. the action it suggests is not done yet). */
        when: conditionSchema.optional(),
        /** The emergency-plan step the hint refers to. */
        plan_step: idSchema.optional(),
      }),
    )
    .default([]),
  /** Why an action matters or what it cost, shown after the trainee takes it. */
  explanations: z
    .array(z.strictObject({ action: idSchema, target: idSchema.optional(), text: textSchema }))
    .default([]),
  /** Simulated time without any trainee action after which the coach offers a hint. */
  stuck_after: durationSchema.optional(),
  /** Terms this scenario adds to the architecture's glossary. */
  glossary: z.array(z.strictObject({ term: titleSchema, definition: textSchema })).default([]),
});

const injectSchema = z
  .strictObject({
    id: idSchema,
    type: z.enum(['alert', 'log', 'news', 'call', 'email', 'ticket']),
    title: titleSchema,
    body: textSchema.optional(),
    /** The component that produced it (alerts and logs). */
    source: idSchema.optional(),
    /** The contact who calls or writes (calls, e-mails). */
    from: idSchema.optional(),
    /** Components the inject is about. */
    about: z.array(idSchema).default([]),
    severity: alertSeveritySchema.default('info'),
    /** The attacker states' evidence items (by id) whose rendered log lines the inject shows. */
    evidence: z.array(idSchema).max(50).default([]),
    /** Deprecated: raw log lines shown with the inject; prefer `evidence:` (one truth). */
    lines: z.array(z.string().max(2000)).max(200).default([]),
    /** Ground truth: does this inject show the real attack (false for red herrings)? */
    malicious: z.boolean().default(true),
    /** The incident severity becomes at least this when it fires. */
    raises_severity: idSchema.optional(),
    /**
     * Data classes this inject shows the team were reached (a leak sample, a DB read of the
     * customer table): once fired, the team is aware of those the attacker really reached
     * (decision 0950), which starts the obligations' clocks.
     */
    reveals_data: z.array(idSchema).default([]),
    /** When: one of `at`, `on_enter`, `on_action`, `manual`. */
    at: durationSchema.optional(),
    on_enter: idSchema.optional(),
    on_action: idSchema.optional(),
    on_target: idSchema.optional(),
    manual: z.boolean().optional(),
    delay: durationSchema.optional(),
    /** Fires only if this holds at its time. */
    when: conditionSchema.optional(),
    /** Coach text: why this inject matters (incident-101 mode). */
    explain: textSchema.optional(),
    /** Questions for the room when the inject arrives (HSEEP discussion questions). */
    discussion: z.array(textSchema).max(20).default([]),
    /** A decision point: the team records the option it chose, its owner and rationale (`decide`). */
    decision: z
      .strictObject({
        id: idSchema,
        question: textSchema,
        options: z
          .array(z.strictObject({ id: idSchema, label: titleSchema }))
          .min(2)
          .max(10),
      })
      .optional(),
  })
  .superRefine((inject, ctx) => {
    const triggers = (['at', 'on_enter', 'on_action', 'manual'] as const).filter(
      (key) => inject[key] !== undefined,
    );
    if (triggers.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          triggers.length === 0
            ? 'expected one trigger: at, on_enter, on_action or manual'
            : `expected one trigger, found ${triggers.join(' and ')}`,
      });
    }
    if (inject.on_target !== undefined && inject.on_action === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: '"on_target" only qualifies "on_action"',
        path: ['on_target'],
      });
    }
  });

/**
 * What a contact answers once reached (an escalation delivered while it is available): the first
 * reply of that contact whose `when` holds when it is due and that has not been given yet.
 */
const replySchema = z.strictObject({
  /** Its inject id in the feed (default `reply-<contact>-<n>`, n counting that contact's replies from 1). */
  id: idSchema.optional(),
  contact: idSchema,
  /** Given only if this holds when the escalation is delivered. */
  when: conditionSchema.optional(),
  /** How long the contact takes (default: its `reply_after`, else 10m), with seeded jitter. */
  after: durationSchema.optional(),
  /** How it reaches the team's feed. */
  type: z.enum(['call', 'email']).default('call'),
  title: titleSchema.optional(),
  /** What it says: information, a decision, or (with `asks`) a question back. */
  text: textSchema,
  /** A question the team is asked to answer (shown with the reply). */
  asks: textSchema.optional(),
  /** Scenario flags set when the reply arrives (a decision taken: "the ISP diverts the traffic"). */
  sets: z.array(idSchema).default([]),
});

/** A channel that does not work for a while (chat behind a compromised SSO). */
const channelDownSchema = z.strictObject({
  channel: idSchema,
  from: durationSchema.default(0),
  /** Absent: down to the end of the drill. */
  until: durationSchema.optional(),
  reason: textSchema,
});

const technicalActionSchema = z.strictObject({
  id: idSchema,
  title: titleSchema.optional(),
  /** What it does, from the closed registry; defaults to the id when the id is a kind. */
  kind: z
    .enum(Object.keys(TECHNICAL_ACTION_KINDS) as [keyof typeof TECHNICAL_ACTION_KINDS])
    .optional(),
  description: textSchema.optional(),
  /** Components it can be aimed at; empty means it takes no target. */
  targets: z.array(idSchema).default([]),
  duration: durationSchema,
  /** For enable-waf-rule: the rule it turns on. */
  rule: idSchema.optional(),
  /** Extra scenario flags set when it completes. */
  sets: z.array(idSchema).default([]),
  /** Offered only while this holds. */
  available_when: conditionSchema.optional(),
  /** Coach text shown after the action (incident-101 mode). */
  explain: textSchema.optional(),
});

const expectedResponseSchema = z.strictObject({
  id: idSchema,
  action: idSchema,
  target: idSchema.optional(),
  contact: idSchema.optional(),
  channel: idSchema.optional(),
  /** The inject this response answers (MSEL view); also its anchor when `after` is not given. */
  inject: idSchema.optional(),
  /** The inject whose firing starts the clock (a proactive drill: the advisory); default `inject`, else the first evidence. */
  after: idSchema.optional(),
  /** Due this long after its anchor fired; an action started before the anchor does not count. */
  within: durationSchema,
  why: textSchema,
});

export const scenarioTestSchema = z.strictObject({
  id: idSchema,
  description: textSchema,
  seed: z.union([z.number().int(), z.string().max(64)]).optional(),
  actions: z.array(actionLogEntrySchema).default([]),
  expect: z.strictObject({
    contained: z.boolean().optional(),
    contained_by: durationSchema.optional(),
    attacker_reached: z.array(idSchema).default([]),
    attacker_not_reached: z.array(idSchema).default([]),
    objective_reached: z.boolean().optional(),
    data_reached: z.array(idSchema).optional(),
    alerts: z.array(idSchema).default([]),
    end_reason: z.enum(['time-limit', 'condition', 'ended-by-trainee']).optional(),
    score: z
      .strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) })
      .optional(),
  }),
});

/**
 * A change to one component of the shared architecture for this drill only: what a drill set in
 * another period runs (a 2014 drill does not run 2021 software), shown on the map and in details.
 */
const componentOverrideSchema = z.strictObject({
  /** The architecture component it changes. */
  id: idSchema,
  name: titleSchema.optional(),
  os: titleSchema.optional(),
  stack: z.array(titleSchema).optional(),
});

export const scenarioSchema = z.strictObject({
  id: idSchema,
  title: titleSchema,
  status: z.enum(['draft', 'test', 'stable']).default('draft'),
  summary: textSchema,
  description: textSchema.optional(),
  author: titleSchema.optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date such as 2026-11-28' })
    .optional(),
  references: z.array(z.string().max(400)).default([]),
  /** ATT&CK technique ids covered, e.g. T1190, T1059.004. */
  attack: z
    .array(
      z.string().regex(/^T\d{4}(\.\d{3})?$/, { message: 'expected an ATT&CK id such as T1190' }),
    )
    .default([]),
  difficulty: z.enum(['intro', 'easy', 'medium', 'hard']),
  estimated_duration: durationSchema,
  /** Another rubric from scoring/ (by id); the default rubric otherwise. */
  rubric: idSchema.optional(),
  objectives: z
    .array(
      z.strictObject({
        id: idSchema,
        description: textSchema,
        /** Scoring dimensions that measure it (default: the rubric's mapping by objective id). */
        dimensions: z.array(z.enum(DIMENSION_IDS)).optional(),
      }),
    )
    .min(1),
  briefing: z.strictObject({
    situation: textSchema,
    role: textSchema,
  }),
  /** The simulated wall-clock time at T+0 (ISO 8601, UTC). */
  start_time: z.iso.datetime({
    message: 'expected an ISO 8601 UTC time such as 2026-03-12T22:40:00Z',
  }),
  severity: idSchema,
  /** The kind of incident (one of the architecture's `incident_categories`): picks matrix rules. */
  category: idSchema.optional(),
  /** This drill's changes to the shared architecture (period-correct versions). */
  architecture_overrides: z
    .strictObject({
      components: z.array(componentOverrideSchema).default([]),
      /** Contacts the story needs beyond the architecture's (a vendor, a partner, a regulator). */
      contacts: z.array(contactSchema).default([]),
      /**
       * Escalation rules the story adds, by severity (cumulative like the architecture's: list a
       * contact at every severity that needs it); a rule for a contact the architecture already
       * lists at that severity replaces that rule.
       */
      escalation_matrix: z.record(idSchema, z.array(escalationRuleSchema)).default({}),
      /** The architecture's obligations as this jurisdiction or story has them (by id). */
      obligations: z
        .array(
          z.strictObject({
            id: idSchema,
            applies: z.boolean().optional(),
            within: durationSchema.optional(),
          }),
        )
        .default([]),
    })
    .optional(),
  attacker: z.strictObject({
    /** Candidate source addresses; the seed picks one. */
    source_ips: z
      .array(
        z
          .ipv4({ message: 'expected an IPv4 address' })
          // A /24's network (.0) and broadcast (.255) addresses never source a connection.
          .refine((ip) => !/\.(0|255)$/.test(ip), {
            message: 'expected a host address, not a network or broadcast one (.0, .255)',
          }),
      )
      .min(1),
    /**
     * After its current address is blocked, the attacker moves to another address of
     * `source_ips` this long later, unless the way in is closed (`unless` holds by then).
     * Absent: the attacker keeps its address.
     */
    rotate_on_block: z
      .strictObject({ after: durationSchema, unless: conditionSchema.optional() })
      .optional(),
    /** Accounts the attacker holds or uses (ground truth for `reset-credentials` values). */
    accounts: z.array(z.string().min(1).max(120)).default([]),
    initial: idSchema,
    states: z.array(attackerStateSchema).min(1),
  }),
  injects: z.array(injectSchema).default([]),
  /** What contacts answer when reached (replies appear as calls or e-mails in the feed). */
  replies: z.array(replySchema).default([]),
  /** Channels that are down during the drill: an escalation over one is not delivered. */
  channels_down: z.array(channelDownSchema).default([]),
  actions: z.array(technicalActionSchema).default([]),
  containment: z.strictObject({
    description: textSchema,
    /** Contained while this holds; `access_cut: true` judges the attacker's access (decision 0960). */
    when: conditionSchema,
  }),
  /** How the attacker spreads to siblings sharing a vulnerability (scoping). */
  spreads: z.array(spreadSchema).max(50).default([]),
  /** Backups the attacker reached: restoring from their points is not clean. */
  backups_compromised: z.array(compromisedBackupSchema).max(20).default([]),
  end: z.strictObject({
    time_limit: durationSchema,
    /** The drill ends when this holds (default: the report step is done). */
    when: conditionSchema.optional(),
  }),
  expected: z.array(expectedResponseSchema).default([]),
  /** Generated telemetry: volume, red herrings, extra detection rules. */
  telemetry: telemetrySchema.optional(),
  tests: z.array(scenarioTestSchema).default([]),
  /** Incident-101 coach data: hints, explanations, glossary (used by `ttx play --coach`). */
  coach: coachSchema.optional(),
});

/** Scenario tests kept beside a scenario, in `<scenario id>.tests.yaml`. */
export const scenarioTestsFileSchema = z.strictObject({
  /** The scenario id the tests are for (default: the file name without `.tests.yaml`). */
  scenario: idSchema.optional(),
  tests: z.array(scenarioTestSchema).min(1),
});

export type ScenarioTestsFile = z.infer<typeof scenarioTestsFileSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type AttackerState = Scenario['attacker']['states'][number];
/** An attacker state's evidence once loaded: templates are expanded, so every item is concrete. */
export function stateEvidence(state: AttackerState): ExpandedEvidenceItem[] {
  return state.evidence.filter((e): e is ExpandedEvidenceItem => e.kind !== undefined);
}
export type AttackerAccess = AttackerState['access'][number];
export type AttackerTransition = AttackerState['next'][number];
export type Inject = Scenario['injects'][number];
export type TechnicalAction = Scenario['actions'][number];
export type ExpectedResponse = Scenario['expected'][number];
export type ScenarioTest = Scenario['tests'][number];
export type Coach = NonNullable<Scenario['coach']>;
export type Reply = Scenario['replies'][number];
export type ChannelDown = Scenario['channels_down'][number];
export type CoachPhase = (typeof COACH_PHASES)[number];
export type TelemetrySettings = NonNullable<Scenario['telemetry']>;
export type RedHerring = TelemetrySettings['red_herrings'][number];
