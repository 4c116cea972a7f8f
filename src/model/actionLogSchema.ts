import { z } from 'zod';
import { durationSchema, idSchema } from './common.js';
import { INDICATOR_KINDS, indicatorValueSchema } from './indicators.js';

/** One timed entry of a drill's action log: what was done, when (simulated), by whom. */
export const actionLogEntrySchema = z.strictObject({
  at: durationSchema,
  /** The action id: a technical action, `plan.<step>`, `escalate`, `declare-severity`, `note`, `end`. */
  do: idSchema,
  target: idSchema.optional(),
  /** The indicator the action is aimed at: an address, an account, a file path, a domain, a host. */
  value: indicatorValueSchema.optional(),
  /** For `mark`: what kind of indicator `value` is (address, account, host, path, domain, hash). */
  indicator: z.enum(INDICATOR_KINDS).optional(),
  contact: idSchema.optional(),
  channel: idSchema.optional(),
  severity: idSchema.optional(),
  text: z.string().max(4000).optional(),
  /** For facilitator.inject / facilitator.skip: the inject. */
  inject: idSchema.optional(),
  /** Who took it (a participant's name or role). */
  by: z.string().max(80).optional(),
  /** For decide: the decision point (an inject's `decision.id`), the option chosen, who owns it. */
  decision: idSchema.optional(),
  option: idSchema.optional(),
  owner: z.string().max(200).optional(),
  /** For decide: the follow-up agreed (the rationale goes in `text`). */
  followup: z.string().max(4000).optional(),
  /** For facilitator.rate: the objective and the evaluator's rating (observations in `text`). */
  objective: idSchema.optional(),
  rating: z.enum(['P', 'S', 'M', 'U', 'NE']).optional(),
});

export type ActionLogEntryInput = z.input<typeof actionLogEntrySchema>;

/** An action script for `ttx run --actions`: a list, or an object with `actions`. */
export const actionScriptSchema = z.union([
  z.array(actionLogEntrySchema),
  z.strictObject({
    description: z.string().max(4000).optional(),
    seed: z.union([z.number().int(), z.string().max(64)]).optional(),
    actions: z.array(actionLogEntrySchema),
  }),
]);
