import type { LogSource } from '../../model/index.js';
import { isoTime } from '../clock.js';
import type { LogLine } from '../logLine.js';
import type { World } from '../world.js';
import type { CompiledRule } from './compileRule.js';
import { parseLine, type Fields } from './parseLine.js';

/** How long the SIEM takes from the evidence to the alert (collection and correlation). */
export const SIEM_DELAY_MS = 15_000;
const MAX_EVIDENCE = 5;

/**
 * The simulated SIEM: parses every line, merges auditd records of one event (SYSCALL + EXECVE),
 * runs the rules, and raises one alert per rule and component per grouping period, carrying the
 * evidence lines. `lines` must cover whole grouping periods (see `siemSpan`) and be sorted by t.
 */
export function siemAlerts(
  world: World,
  rules: readonly CompiledRule[],
  lines: readonly LogLine[],
  host: string,
  /** The parser, or a cache of it (the same line always gives the same fields). */
  parse: (line: LogLine) => Fields | undefined = (line) =>
    parseLine(line.source as LogSource, line.text),
): LogLine[] {
  const bySource = new Map<string, CompiledRule[]>();
  for (const r of rules)
    bySource.set(r.rule.logsource.source, [...(bySource.get(r.rule.logsource.source) ?? []), r]);
  const groups = new Map<
    string,
    {
      rule: CompiledRule;
      component: string;
      evidence: LogLine[];
      count: number;
      malicious: boolean;
    }
  >();
  const pendingAudit = new Map<string, { fields: Fields; line: LogLine }>();
  for (const line of lines) {
    const candidates = bySource.get(line.source);
    if (!candidates) continue;
    let fields = parse(line);
    if (!fields) continue;
    let evidence = [line];
    if (line.source === 'auditd') {
      // auditd writes one event as several records; the SIEM joins them by their event id.
      const key = `${line.component}|${fields.event_id}`;
      if (fields.type === 'SYSCALL') {
        pendingAudit.set(key, { fields, line });
        continue;
      }
      const first = pendingAudit.get(key);
      if (first) {
        pendingAudit.delete(key);
        fields = { ...first.fields, ...fields, type: 'SYSCALL' };
        evidence = [first.line, line];
      }
    }
    fields.component = line.component;
    fields.message = line.text;
    fields.business_hours = world.profile.isBusinessHours(world.epoch0 + line.t);
    for (const rule of candidates) {
      if (!rule.matches(fields)) continue;
      const period = Math.floor(line.t / rule.groupMs);
      const key = `${rule.rule.id}|${line.component}|${period}`;
      const group = groups.get(key) ?? {
        rule,
        component: line.component,
        evidence: [],
        count: 0,
        malicious: false,
      };
      group.count++;
      group.malicious ||= evidence.some((e) => e.malicious);
      for (const e of evidence) if (group.evidence.length < MAX_EVIDENCE) group.evidence.push(e);
      groups.set(key, group);
    }
  }
  const alerts: LogLine[] = [];
  for (const g of groups.values()) {
    const t = g.evidence[0]!.t + SIEM_DELAY_MS;
    const doc = {
      '@timestamp': isoTime(world.epoch0 + t),
      host,
      rule: {
        id: g.rule.rule.id,
        name: g.rule.rule.title,
        level: g.rule.rule.level,
        tags: g.rule.rule.tags,
      },
      component: g.component,
      source: g.evidence[0]!.source,
      matches: g.count,
      evidence: g.evidence.map((e) => ({
        '@timestamp': isoTime(world.epoch0 + e.t),
        component: e.component,
        source: e.source,
        line: e.text,
      })),
    };
    alerts.push({
      t,
      component: world.topology.oneWithRole('siem')?.id ?? '',
      source: 'siem-alerts',
      text: JSON.stringify(doc),
      malicious: g.malicious,
    });
  }
  return alerts;
}

/** The span of source lines the SIEM must read to raise every alert due in [from, to). */
export function siemSpan(
  rules: readonly CompiledRule[],
  from: number,
  to: number,
): { from: number; to: number } {
  const group = Math.max(60_000, ...rules.map((r) => r.groupMs));
  return {
    from: Math.floor((from - SIEM_DELAY_MS) / group) * group,
    to: Math.ceil((to - SIEM_DELAY_MS) / group) * group,
  };
}
