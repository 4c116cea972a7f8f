import type { ParameterValue } from './evidenceSchema.js';

/** Placeholders filled when the drill runs (not template parameters). */
export const RUNTIME_PLACEHOLDERS = ['attacker_ip', 'time', 'elapsed'] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}$/;

/**
 * Fills `{{name}}` from `values` in every string of `value`. A string that is only one
 * placeholder takes the parameter's own type (so `count: '{{requests}}'` becomes a number);
 * placeholders not in `values` stay as written (runtime ones such as `{{attacker_ip}}`).
 */
export function fillParameters(value: unknown, values: Record<string, ParameterValue>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole && Object.prototype.hasOwnProperty.call(values, whole[1]!)) return values[whole[1]!];
    return value.replace(PLACEHOLDER, (text, name: string) =>
      Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : text,
    );
  }
  if (Array.isArray(value)) return value.map((v) => fillParameters(v, values));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fillParameters(v, values);
    return out;
  }
  return value;
}

/** Every placeholder name used in the strings of `value`. */
export function placeholdersIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) out.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) placeholdersIn(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) placeholdersIn(v, out);
  return out;
}
