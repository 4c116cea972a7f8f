import { z } from 'zod';
import type { DrillOutcome, TraceEntry } from '../engine/index.js';
import type { Score } from '../scoring/index.js';
import { DIMENSION_IDS, INDICATOR_KINDS } from '../model/index.js';

/*
 * The results file: one finished drill, versioned (`format: ttx-results/1`). Readers accept only
 * this format; the JSON Schema in schemas/results.schema.json is generated from this zod schema.
 * Times are simulated milliseconds since T+0; `savedAt` is the only wall-clock field.
 */

export const RESULTS_FORMAT = 'ttx-results/1';

const ms = z.number().int().min(0);
const text = z.string().max(4000);
const id = z.string().max(200);

const requestSchema = z.strictObject({
  do: id,
  target: id.optional(),
  value: text.optional(),
  indicator: z.enum(INDICATOR_KINDS).optional(),
  contact: id.optional(),
  channel: id.optional(),
  severity: id.optional(),
  text: text.optional(),
  inject: id.optional(),
  by: z.string().max(80).optional(),
  decision: id.optional(),
  option: id.optional(),
  owner: z.string().max(200).optional(),
  followup: text.optional(),
  objective: id.optional(),
  rating: z.enum(['P', 'S', 'M', 'U', 'NE']).optional(),
});

const mode = z.enum(['normal', 'degraded', 'lockdown']);
const endReason = z.enum(['time-limit', 'condition', 'ended-by-trainee']);

const traceEntrySchema = z.discriminatedUnion('type', [
  z.strictObject({ t: ms, type: z.literal('drill.started'), attackerIp: id, severity: id }),
  z.strictObject({
    t: ms,
    type: z.literal('attacker.entered'),
    state: id,
    compromises: z.array(id),
    data: z.array(id),
  }),
  z.strictObject({ t: ms, type: z.literal('attacker.blocked'), from: id, to: id, reason: text }),
  z.strictObject({ t: ms, type: z.literal('attacker.address-changed'), from: id, to: id }),
  z.strictObject({
    t: ms,
    type: z.literal('inject.fired'),
    inject: id,
    kind: id,
    title: text,
    severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
    source: id.optional(),
    malicious: z.boolean(),
  }),
  z.strictObject({ t: ms, type: z.literal('inject.suppressed'), inject: id }),
  z.strictObject({
    t: ms,
    type: z.literal('action.started'),
    seq: z.number().int(),
    request: requestSchema,
    doneAt: ms,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('action.done'),
    seq: z.number().int(),
    request: requestSchema,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('action.misdirected'),
    seq: z.number().int(),
    request: requestSchema,
    reason: text,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('action.rejected'),
    request: requestSchema,
    reason: text,
  }),
  z.strictObject({ t: ms, type: z.literal('severity.changed'), from: id, to: id, cause: text }),
  z.strictObject({ t: ms, type: z.literal('traffic.changed'), from: mode, to: mode }),
  z.strictObject({ t: ms, type: z.literal('evidence.lost'), component: id }),
  z.strictObject({ t: ms, type: z.literal('artefact.placed'), artefact: id, component: id }),
  z.strictObject({
    t: ms,
    type: z.literal('artefact.removed'),
    artefact: id,
    component: id,
    by: z.enum(['removal', 'wipe']),
  }),
  z.strictObject({ t: ms, type: z.literal('secret.exposed'), secret: id }),
  z.strictObject({ t: ms, type: z.literal('secret.rotated'), secret: id }),
  z.strictObject({ t: ms, type: z.literal('process.killed'), component: id, process: text }),
  z.strictObject({
    t: ms,
    type: z.literal('host.restored'),
    component: id,
    how: z.enum(['rebuild', 'backup']),
    point: z.string().max(200).optional(),
    clean: z.boolean(),
  }),
  z.strictObject({
    t: ms,
    type: z.literal('attacker.reentered'),
    via: id,
    kind: z.enum(['artefact', 'secret']),
    state: id,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('attacker.spread'),
    from: id,
    to: id,
    vulnerability: id,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('incident.closed'),
    gaps: z.array(
      z.strictObject({
        kind: z.enum([
          'not-restored',
          'isolated',
          'not-monitored',
          'root-cause-open',
          'artefact-left',
          'secret-unrotated',
          'unexamined-sibling',
        ]),
        component: id.optional(),
        id: id.optional(),
      }),
    ),
  }),
  z.strictObject({ t: ms, type: z.literal('contained') }),
  z.strictObject({ t: ms, type: z.literal('containment.lost') }),
  z.strictObject({ t: ms, type: z.literal('drill.ended'), reason: endReason }),
  z.strictObject({
    t: ms,
    type: z.literal('obligation.started'),
    obligation: id,
    dueAt: ms,
    cause: text,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('obligation.met'),
    obligation: id,
    contact: id,
    late: z.boolean(),
  }),
  z.strictObject({ t: ms, type: z.literal('obligation.overdue'), obligation: id }),
  z.strictObject({
    t: ms,
    type: z.literal('escalation.undelivered'),
    seq: z.number().int(),
    contact: id,
    channel: id,
    reason: text,
  }),
  z.strictObject({
    t: ms,
    type: z.literal('contact.unavailable'),
    seq: z.number().int(),
    contact: id,
    backup: id.optional(),
    reason: text,
  }),
]);

const outcomeSchema = z.strictObject({
  contained: z.boolean(),
  containedAt: ms.optional(),
  firstMaliciousAt: ms.optional(),
  attackerState: id,
  attackerReached: z.array(id),
  objectiveReached: z.boolean(),
  compromised: z.array(id),
  dataReached: z.array(id),
  severity: id,
  revenueLost: z.number().min(0),
  endedAt: ms.optional(),
  endReason: endReason.optional(),
});

const dimensionId = z.enum(DIMENSION_IDS);

const findingSchema = z.strictObject({
  code: id,
  points: z.number(),
  text,
  t: ms.optional(),
  events: z.array(z.strictObject({ index: z.number().int().min(0), t: ms, type: id })),
  recommendation: text.optional(),
});

const scoreSchema = z.strictObject({
  rubric: id,
  total: z.number().min(0).max(100),
  grade: z.string().max(16),
  evaluated: z.boolean(),
  projection: z
    .strictObject({
      endedAt: ms,
      endReason: z.string().max(40),
      attackerWouldReach: z.array(id),
      dataWouldReach: z.array(id),
      contained: z.boolean(),
    })
    .optional(),
  dimensions: z.array(
    z.strictObject({
      id: dimensionId,
      title: text,
      max: z.number().min(0),
      points: z.number().min(0),
      share: z.number().min(0).max(1),
      evaluated: z.boolean(),
      findings: z.array(findingSchema),
    }),
  ),
  objectives: z.array(
    z.strictObject({
      id,
      description: text,
      rating: z.enum(['P', 'S', 'M', 'U', 'N/E']),
      share: z.number(),
      dimensions: z.array(dimensionId),
    }),
  ),
  strengths: z.array(text),
  areasForImprovement: z.array(text),
  improvementPlan: z.array(
    z.strictObject({
      objective: text,
      capability: text,
      issue: text,
      correctiveAction: text,
      capabilityElement: z.enum(['Planning', 'Organization', 'Equipment', 'Training', 'Exercise']),
      responsibleOrg: text,
      poc: text,
      start: text,
      completion: text,
    }),
  ),
  measures: z.strictObject({
    timeToDetect: ms.optional(),
    timeToEscalate: ms.optional(),
    timeToContain: ms.optional(),
    escalationAccuracy: z.number().min(0).max(1).optional(),
    revenueLost: z.number().min(0),
    missedSteps: z.array(id),
    severity: id,
  }),
});

const fileRef = z.strictObject({
  id,
  title: text.optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const resultsSchema = z.strictObject({
  format: z.literal(RESULTS_FORMAT),
  /** Wall-clock time the shell saved the file (ISO 8601); never part of the drill itself. */
  savedAt: z.iso.datetime().optional(),
  scenario: fileRef,
  architecture: fileRef,
  rubric: fileRef,
  seed: z.string().max(64),
  /** The drill code (scenario + seed) every team of a workshop types to run the same drill. */
  code: z.string().max(120).optional(),
  participants: z.strictObject({
    trainee: z.string().max(200).optional(),
    team: z.string().max(200).optional(),
    /** The team's members and their roles (incident lead, communications, network, systems...). */
    members: z
      .array(z.strictObject({ name: z.string().max(200), role: z.string().max(200) }))
      .max(50)
      .optional(),
  }),
  /** The timed action log the drill is a function of (`at` in simulated ms). */
  actions: z.array(requestSchema.extend({ at: ms })),
  notes: z.array(z.strictObject({ at: ms, text, by: z.string().max(80).optional() })),
  /** The decision log: each decision point's option chosen, owner, rationale and follow-up. */
  decisions: z
    .array(
      z.strictObject({
        at: ms,
        decision: id,
        question: text,
        option: id,
        label: text,
        owner: z.string().max(200).optional(),
        rationale: text.optional(),
        followup: text.optional(),
        by: z.string().max(80).optional(),
      }),
    )
    .optional(),
  /** The evaluators' ratings of the objectives (facilitator.rate): the latest per objective. */
  evaluations: z
    .array(
      z.strictObject({
        at: ms,
        objective: id,
        rating: z.enum(['P', 'S', 'M', 'U', 'NE']),
        notes: text.optional(),
        by: z.string().max(80).optional(),
      }),
    )
    .optional(),
  /** The facilitator's observations (facilitator.observe), stamped with simulated time. */
  observations: z
    .array(z.strictObject({ at: ms, text, by: z.string().max(80).optional() }))
    .optional(),
  summary: z.strictObject({
    entries: z.number().int().min(0),
    injectsFired: z.number().int().min(0),
    actionsDone: z.number().int().min(0),
    actionsRejected: z.number().int().min(0),
    startTime: z.string().max(64),
  }),
  trace: z.array(traceEntrySchema),
  outcome: outcomeSchema,
  score: scoreSchema,
  /** `sha256:<hex>` of the document without this field (see resultsDigest); absent in old files. */
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
});

export type Results = z.infer<typeof resultsSchema>;

// The file format must describe exactly what the engine and scoring produce.
type Assert<T extends true> = T;
export type _TraceMatches = Assert<
  TraceEntry extends z.infer<typeof traceEntrySchema> ? true : false
>;
export type _OutcomeMatches = Assert<
  DrillOutcome extends z.infer<typeof outcomeSchema> ? true : false
>;
export type _ScoreMatches = Assert<Score extends z.infer<typeof scoreSchema> ? true : false>;

/** The JSON Schema of the results file (draft-7), for schemas/results.schema.json. */
export function resultsJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://ttx.acme.example/schemas/results.schema.json',
    title: 'ttx drill results',
    ...z.toJSONSchema(resultsSchema, { target: 'draft-7', io: 'output' }),
  };
}
