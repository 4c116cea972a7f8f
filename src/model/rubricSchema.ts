import { z } from 'zod';
import { durationSchema, idSchema, textSchema, titleSchema } from './common.js';
import { DIMENSION_IDS, type DimensionIdName } from './dimensions.js';

/** Full credit at or under `target`, none at or over `limit`, linear in between. */
const timeTargetSchema = z
  .strictObject({ target: durationSchema, limit: durationSchema })
  .refine((t) => t.limit > t.target, {
    message: 'expected "limit" to be longer than "target"',
    path: ['limit'],
  });

/** One target per incident severity of the architecture (checked by the loader). */
const perSeveritySchema = z.record(idSchema, timeTargetSchema);

const fraction = z.number().min(0).max(1);

/** What every dimension has: its weight in the total and the learning objectives it evidences. */
const dimensionBase = {
  title: titleSchema.optional(),
  /** Share of the total; weights are normalised, so they need not add up to 100. */
  weight: z.number().min(0).max(100),
  /** Ids of scenario learning objectives this dimension evidences (for the HSEEP ratings). */
  objectives: z.array(idSchema).default([]),
  /** The corrective action proposed in the improvement plan when this dimension falls short. */
  corrective_action: textSchema.optional(),
  /**
   * The dimension measures technical play (containing, keeping evidence): in a discussion-only
   * drill (an executive tabletop, with no technical actions) it is not evaluated.
   */
  technical: z.boolean().default(false),
};

const timedDimensionSchema = z.strictObject({ ...dimensionBase, targets: perSeveritySchema });

const escalationDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Credit for a required escalation made after its deadline. */
  late_credit: fraction.default(0.5),
  /** Credit for a required escalation made through another channel than the matrix says. */
  wrong_channel_credit: fraction.default(0.5),
  /** Cost of waking a contact the severity did not call for. */
  over_escalation_penalty: fraction.default(0.1),
  /** Contacts whose needless involvement costs more (PR, upper management). */
  sensitive_contacts: z.array(idSchema).default([]),
  sensitive_penalty: fraction.default(0.25),
});

const impactDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Revenue lost, in hours of full revenue, against targets per severity. */
  revenue: z.strictObject({ weight: fraction, targets: perSeveritySchema }),
  /** Share of the dimension lost when the attacker reaches data of each sensitivity (the worst counts). */
  data_reached: z
    .strictObject({ low: fraction, medium: fraction, high: fraction, critical: fraction })
    .partial()
    .default({}),
  /** Cost of a traffic decision stronger than the architecture's lockdown threshold. */
  over_reaction_penalty: fraction.default(0.3),
});

const planDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Per plan step: its weight (default 1) and the severity from which it is expected. */
  steps: z
    .record(
      idSchema,
      z
        .strictObject({ weight: z.number().min(0).max(10).default(1), required_from: idSchema })
        .partial(),
    )
    .default({}),
  /** Steps that must happen in this order: each started only after the previous one is done. */
  in_order: z.array(idSchema).default([]),
  order_penalty: fraction.default(0.1),
});

const evidenceDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Extra cost of each compromised host restored without a snapshot (evidence destroyed). */
  lost_penalty: fraction.default(0.5),
});

const severityDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Share of the dimension for declaring the severity the evidence showed (the rest: timeliness). */
  accuracy_weight: fraction.default(0.6),
  /** Credit per severity level the final declaration is off by (1 level: this, 2 or more: none). */
  one_off_credit: fraction.default(0.5),
  /** From the evidence of the severity becoming observable to its declaration. */
  declare: timeTargetSchema,
});

const investigationDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** From an item becoming observable to its being marked: full credit within target. */
  find: timeTargetSchema.optional(),
  /** Credit for an item marked at or after `find.limit` (linear in between). */
  late_credit: fraction.default(0.5),
});

const recoveryDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Share of the dimension lost per gap left at the close (a host not restored, a secret not rotated). */
  gap_penalty: fraction.default(0.2),
});

const notificationDimensionSchema = z.strictObject({
  ...dimensionBase,
  /** Credit for a notification sent after its deadline (still owed, worth less). */
  late_credit: fraction.default(0.25),
  /** Cost of notifying someone no obligation the team could know of asked for. */
  needless_penalty: fraction.default(0.25),
});

export const rubricSchema = z.strictObject({
  id: idSchema,
  title: titleSchema,
  description: textSchema.optional(),
  /** Grades by minimum total, best first. */
  grades: z
    .array(z.strictObject({ grade: z.string().min(1).max(16), min: z.number().min(0).max(100) }))
    .min(1),
  /** HSEEP ratings: an objective's share of its dimensions' points needed for P, S and M. */
  ratings: z.strictObject({ P: fraction, S: fraction, M: fraction }),
  /** A dimension at or above this share is a strength; below `improve_below` an area to improve. */
  strength_at: fraction.default(0.9),
  improve_below: fraction.default(0.75),
  /** Share of a dimension lost for each of the scenario's expected responses missed. */
  missed_expected_penalty: fraction.default(0.15),
  dimensions: z.strictObject({
    'time-to-detect': timedDimensionSchema.optional(),
    'time-to-escalate': timedDimensionSchema.optional(),
    'time-to-contain': timedDimensionSchema.optional(),
    escalation: escalationDimensionSchema.optional(),
    impact: impactDimensionSchema.optional(),
    plan: planDimensionSchema.optional(),
    evidence: evidenceDimensionSchema.optional(),
    severity: severityDimensionSchema.optional(),
    investigation: investigationDimensionSchema.optional(),
    recovery: recoveryDimensionSchema.optional(),
    notification: notificationDimensionSchema.optional(),
  }),
});

export type Rubric = z.infer<typeof rubricSchema>;
export type RubricDimensions = Rubric['dimensions'];
export type DimensionId = keyof RubricDimensions;
export type TimeTarget = z.infer<typeof timeTargetSchema>;

export { DIMENSION_IDS };
// Every dimension id has a rubric section, and every rubric section is a dimension id.
DIMENSION_IDS satisfies readonly DimensionId[];
null as unknown as DimensionId satisfies DimensionIdName;
