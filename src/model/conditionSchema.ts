import { z } from 'zod';
import { durationSchema, idSchema, trafficModeSchema } from './common.js';

/**
 * A condition over the drill state, written as data. Each condition has exactly one test key;
 * `all` / `any` / `not` combine them. The engine resolves every key against a closed registry:
 * nothing in a scenario is ever evaluated as code.
 */
export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  /** An action (technical, `plan.<step>`, `escalate`) has completed, optionally on `target`. */
  done?: string;
  target?: string;
  /** An emergency-plan step is done. */
  plan_step?: string;
  /** A contact has been told, optionally through `channel`. */
  escalated?: string;
  channel?: string;
  /** The component is isolated; `compromised` means every compromised component is. */
  isolated?: string;
  patched?: string;
  compromised?: string;
  snapshot?: string;
  restored?: string;
  /** The portal's current traffic mode. */
  traffic?: 'normal' | 'degraded' | 'lockdown';
  /** The attacker's source address is blocked at a firewall or the WAF. */
  ip_blocked?: boolean;
  waf_rule?: string;
  credentials_reset?: string;
  flag?: string;
  /** The attacker is in one of these states now. */
  attacker_in?: string[];
  /** The attacker has entered this state at some point. */
  attacker_reached?: string;
  severity_at_least?: string;
  /** At least this much simulated time has passed. */
  after?: number;
  contained?: boolean;
  /** Every access of the attacker's current state is cut (its `access:`; decision 0960). */
  access_cut?: boolean;
  /** A formal notification (`notify`) reached this contact, or a contact of this recipient kind. */
  notified?: string;
  /** This obligation's deadline passed without the notification it asks for. */
  obligation_overdue?: string;
}

export const CONDITION_TESTS = [
  'all',
  'any',
  'not',
  'done',
  'plan_step',
  'escalated',
  'isolated',
  'patched',
  'compromised',
  'snapshot',
  'restored',
  'traffic',
  'ip_blocked',
  'waf_rule',
  'credentials_reset',
  'flag',
  'attacker_in',
  'attacker_reached',
  'severity_at_least',
  'after',
  'contained',
  'access_cut',
  'notified',
  'obligation_overdue',
] as const;

export const conditionSchema: z.ZodType<Condition, unknown> = z
  .strictObject({
    get all() {
      return z.array(conditionSchema).min(1).optional();
    },
    get any() {
      return z.array(conditionSchema).min(1).optional();
    },
    get not() {
      return conditionSchema.optional();
    },
    done: idSchema.optional(),
    target: idSchema.optional(),
    plan_step: idSchema.optional(),
    escalated: idSchema.optional(),
    channel: idSchema.optional(),
    isolated: idSchema.optional(),
    patched: idSchema.optional(),
    compromised: idSchema.optional(),
    snapshot: idSchema.optional(),
    restored: idSchema.optional(),
    traffic: trafficModeSchema.optional(),
    ip_blocked: z.boolean().optional(),
    waf_rule: idSchema.optional(),
    credentials_reset: idSchema.optional(),
    flag: idSchema.optional(),
    attacker_in: z.array(idSchema).min(1).optional(),
    attacker_reached: idSchema.optional(),
    severity_at_least: idSchema.optional(),
    after: durationSchema.optional(),
    contained: z.boolean().optional(),
    access_cut: z.boolean().optional(),
    notified: idSchema.optional(),
    obligation_overdue: idSchema.optional(),
  })
  .superRefine((condition, ctx) => {
    const tests = CONDITION_TESTS.filter((key) => condition[key] !== undefined);
    if (tests.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          tests.length === 0
            ? `expected exactly one test (one of ${CONDITION_TESTS.join(', ')})`
            : `expected exactly one test, found ${tests.join(' and ')}: combine them with all/any`,
      });
    }
    if (condition.target !== undefined && condition.done === undefined) {
      ctx.addIssue({ code: 'custom', message: '"target" only qualifies "done"', path: ['target'] });
    }
    if (condition.channel !== undefined && condition.escalated === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: '"channel" only qualifies "escalated"',
        path: ['channel'],
      });
    }
  }) as unknown as z.ZodType<Condition, unknown>;
