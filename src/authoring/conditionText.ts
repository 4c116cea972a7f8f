import { stringify } from 'yaml';
import { formatDuration, type Condition } from '../model/index.js';

/** A condition back in the form an author writes it (durations as text), for YAML and CSV. */
export function conditionInput(condition: Condition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all' || key === 'any') out[key] = (value as Condition[]).map(conditionInput);
    else if (key === 'not') out[key] = conditionInput(value as Condition);
    else if (key === 'after') out[key] = formatDuration(value as number);
    else out[key] = value;
  }
  return out;
}

/** A condition as one line of YAML flow syntax: `{ traffic: lockdown }`. */
export function conditionFlow(condition: Condition): string {
  return stringify(conditionInput(condition), { collectionStyle: 'flow', lineWidth: 0 }).trim();
}
