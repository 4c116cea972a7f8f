import {
  formatDuration,
  formatElapsed,
  type Architecture,
  type ExpectedResponse,
  type Inject,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import { describeCondition } from './describeCondition.js';
import { scenarioFacts } from './scenarioFacts.js';

/** One line of the Master Scenario Events List: an inject, when it comes, from whom, what to do. */
export interface TimelineRow {
  id: string;
  /** `6m`, `on_enter initial-access +1m`, `on_action query-siem FEServ1`, `manual`. */
  trigger: string;
  /** Nominal simulated time (no jitter, no response), when it can be known. */
  estimatedAt?: SimMs;
  type: Inject['type'];
  /** The component (alerts, logs) or contact (calls, e-mails) it comes from. */
  from: string;
  /** The components it is about. */
  to: string[];
  title: string;
  body: string;
  severity: Inject['severity'];
  malicious: boolean;
  condition?: string;
  expected: ExpectedResponse[];
}

/** The trigger of an inject as one short text (the MSEL "time" column; `parseTrigger` reads it). */
export function formatTrigger(inject: Inject): string {
  const delay = inject.delay ? ` +${formatDuration(inject.delay)}` : '';
  if (inject.at !== undefined) return formatDuration(inject.at);
  if (inject.on_enter !== undefined) return `on_enter ${inject.on_enter}${delay}`;
  if (inject.on_action !== undefined)
    return `on_action ${inject.on_action}${inject.on_target ? ` ${inject.on_target}` : ''}${delay}`;
  return 'manual';
}

/** Every inject of a scenario in MSEL order: by nominal time, then the untimed ones as written. */
export function timelineRows(architecture: Architecture, scenario: Scenario): TimelineRow[] {
  const facts = scenarioFacts(architecture, scenario);
  const rows = scenario.injects.map((inject, index): TimelineRow & { index: number } => {
    let estimatedAt: SimMs | undefined;
    if (inject.at !== undefined) estimatedAt = inject.at;
    else if (inject.on_enter !== undefined && facts.earliest.has(inject.on_enter))
      estimatedAt = facts.earliest.get(inject.on_enter)! + (inject.delay ?? 0);
    return {
      index,
      id: inject.id,
      trigger: formatTrigger(inject),
      ...(estimatedAt !== undefined ? { estimatedAt } : {}),
      type: inject.type,
      from: inject.source ?? inject.from ?? '',
      to: inject.about,
      title: inject.title,
      body: inject.body ?? '',
      severity: inject.severity,
      malicious: inject.malicious,
      ...(inject.when ? { condition: describeCondition(inject.when) } : {}),
      expected: scenario.expected.filter((e) => e.inject === inject.id),
    };
  });
  rows.sort(
    (a, b) => (a.estimatedAt ?? Infinity) - (b.estimatedAt ?? Infinity) || a.index - b.index,
  );
  return rows.map(({ index: _index, ...row }) => row);
}

/** An expected response as one line: `isolate-host FEServ1 within 45m: why`. */
export function formatExpected(response: ExpectedResponse): string {
  const who = [response.target, response.contact, response.channel].filter(Boolean).join(' ');
  return `${response.id}: ${response.action}${who ? ` ${who}` : ''} within ${formatDuration(response.within)} - ${response.why}`;
}

export function estimatedText(row: TimelineRow): string {
  return row.estimatedAt === undefined ? '' : formatElapsed(row.estimatedAt);
}
