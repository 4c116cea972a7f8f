import { z } from 'zod';

/** The kinds of indicator a trainee notes in the notebook and aims actions at. */
export const INDICATOR_KINDS = ['address', 'account', 'host', 'path', 'domain', 'hash'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/**
 * An indicator as typed or copied by the trainee: printable text, no control characters, short
 * enough to show on one line (a long URL path still fits).
 */
export const indicatorValueSchema = z
  .string()
  .min(1)
  .max(400)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, { message: 'expected printable text' });

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether a value is a dotted IPv4 address (what `block-ip` takes). */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** The kind a value most likely is, for a notebook entry marked without one. */
export function guessIndicatorKind(value: string): IndicatorKind {
  if (isIpv4(value)) return 'address';
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value)) return 'hash';
  if (value.startsWith('/')) return 'path';
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value)) return 'domain';
  if (/^[A-Z][A-Za-z]*\d+$/.test(value)) return 'host';
  return 'account';
}
