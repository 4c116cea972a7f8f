import { runDrill, type DrillOutcome } from '../engine/index.js';
import {
  parseDuration,
  parseIpv4,
  type ActionLogEntry,
  type Architecture,
  type Rubric,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import { scoreDrill } from './scoreDrill.js';
import type { Score } from './types.js';

/** `T+00:52:58`, `00:52:58`, `52:58` or a duration (`52m58s`): simulated time from T+0. */
export function parseDrillTime(text: string): SimMs | undefined {
  const clock = /^(?:T\+)?(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (clock) {
    const [, h = '0', m = '0', s = '0'] = clock;
    if (Number(m) > 59 || Number(s) > 59) return undefined;
    return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
  }
  return parseDuration(text.trim());
}

/**
 * One action from the command line: `<action> [word ...] [key=value ...]`. A bare word is the
 * contact then the channel for `escalate`, the contact for `notify`, the severity for `declare-severity`, an address for
 * the value, else the target; `key=value` names any field (target, value, contact, channel,
 * severity, text). Returns a message instead of throwing.
 */
export function parseActionSpec(
  text: string,
  scenario: Scenario,
  architecture: Architecture,
): Omit<ActionLogEntry, 'at'> | string {
  const [name, ...words] = text.trim().split(/\s+/);
  if (!name) return 'an empty action';
  const request: Record<string, string> = { do: name };
  const known =
    ['escalate', 'notify', 'declare-severity', 'note', 'end'].includes(name) ||
    name.startsWith('plan.') ||
    scenario.actions.some((a) => a.id === name);
  if (!known) return `no action "${name}" in ${scenario.id}`;
  const positional: string[] = [];
  for (const word of words) {
    const kv = /^(target|value|contact|channel|severity|text)=(.+)$/.exec(word);
    if (kv) request[kv[1]!] = kv[2]!;
    else positional.push(word);
  }
  for (const word of positional) {
    if (name === 'escalate') {
      if (request.contact === undefined) request.contact = word;
      else request.channel = word;
    } else if (name === 'notify') request.contact ??= word;
    else if (name === 'declare-severity') request.severity = word;
    else if (parseIpv4(word) !== undefined) request.value = word;
    else request.target = word;
  }
  if (name === 'escalate') {
    if (!architecture.contacts.some((c) => c.id === request.contact))
      return `escalate needs a contact of the architecture (got "${request.contact ?? ''}")`;
    request.channel ??= architecture.channels[0]!.id;
  }
  if (name === 'notify' && !architecture.contacts.some((c) => c.id === request.contact))
    return `notify needs a contact of the architecture (got "${request.contact ?? ''}")`;
  return request as unknown as Omit<ActionLogEntry, 'at'>;
}

/** What changes in a replay: actions added at a time, and indices of the log (0-based) removed. */
export interface WhatIfChange {
  add: ActionLogEntry[];
  drop: number[];
}

export interface WhatIfSide {
  outcome: DrillOutcome;
  score: Score;
}

export interface WhatIf {
  actions: ActionLogEntry[];
  before: WhatIfSide;
  after: WhatIfSide;
  /** Per dimension: points before and after (undefined: not evaluated on that side). */
  dimensions: Array<{ id: string; title: string; before?: number; after?: number; max: number }>;
}

/**
 * Replays a saved drill from its seed and action log with actions added or removed, and scores
 * both. Pure: (architecture, scenario, rubric, seed, actions, change) -> the two sides.
 */
export function whatIf(
  inputs: { architecture: Architecture; scenario: Scenario; rubric: Rubric },
  seed: string,
  actions: readonly ActionLogEntry[],
  change: WhatIfChange,
): WhatIf {
  const side = (log: readonly ActionLogEntry[]): WhatIfSide => {
    const result = runDrill(inputs.architecture, inputs.scenario, seed, log);
    return { outcome: result.outcome, score: scoreDrill({ ...inputs, result }) };
  };
  const dropped = new Set(change.drop);
  const changed = [...actions.filter((_, i) => !dropped.has(i)), ...change.add];
  const before = side(actions);
  const after = side(changed);
  const ids = [
    ...new Set([...before.score.dimensions, ...after.score.dimensions].map((d) => d.id)),
  ];
  const dimensions = ids.map((id) => {
    const b = before.score.dimensions.find((d) => d.id === id);
    const a = after.score.dimensions.find((d) => d.id === id);
    return {
      id,
      title: (a ?? b)!.title,
      ...(b?.evaluated ? { before: b.points } : {}),
      ...(a?.evaluated ? { after: a.points } : {}),
      max: Math.max(a?.max ?? 0, b?.max ?? 0),
    };
  });
  return { actions: changed, before, after, dimensions };
}
