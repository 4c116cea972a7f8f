import { z } from 'zod';
import { DURATION_HINT, DURATION_PATTERN, parseDuration } from './duration.js';

/** Ids are short, readable and stable: letters, digits, dots, dashes and underscores. */
export const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, {
  message: 'expected an id: a letter, then letters, digits, ".", "-" or "_" (at most 64)',
});

/** Free text from a YAML file; bounded so a pasted novel cannot stall the UI. */
export const textSchema = z.string().max(4000, { message: 'expected at most 4000 characters' });
export const titleSchema = z
  .string()
  .min(1)
  .max(200, { message: 'expected at most 200 characters' });

/** A duration such as `15m`, parsed to simulated milliseconds. */
export const durationSchema = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { message: `expected ${DURATION_HINT}` })
  .refine((text) => text !== '', { message: `expected ${DURATION_HINT}` })
  .transform((text) => parseDuration(text) ?? 0);

export const trafficModeSchema = z.enum(['normal', 'degraded', 'lockdown']);
export type TrafficMode = z.infer<typeof trafficModeSchema>;

export const alertSeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
