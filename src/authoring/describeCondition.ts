import { formatDuration, type Condition } from '../model/index.js';

/** A condition as short readable text: `any(ip_blocked, waf_rule php-fpm-rce, traffic lockdown)`. */
export function describeCondition(condition: Condition): string {
  const c = condition;
  if (c.all) return `all(${c.all.map(describeCondition).join(', ')})`;
  if (c.any) return `any(${c.any.map(describeCondition).join(', ')})`;
  if (c.not) return `not ${describeCondition(c.not)}`;
  if (c.done !== undefined) return `done ${c.done}${c.target ? ` on ${c.target}` : ''}`;
  if (c.escalated !== undefined)
    return `escalated ${c.escalated}${c.channel ? ` by ${c.channel}` : ''}`;
  if (c.ip_blocked !== undefined) return c.ip_blocked ? 'ip_blocked' : 'ip not blocked';
  if (c.attacker_in !== undefined) return `attacker_in ${c.attacker_in.join('|')}`;
  if (c.after !== undefined) return `after ${formatDuration(c.after)}`;
  if (c.contained !== undefined) return c.contained ? 'contained' : 'not contained';
  for (const [key, value] of Object.entries(c)) {
    if (value !== undefined) return `${key} ${String(value)}`;
  }
  return 'always';
}
