import type { Component } from '../../model/index.js';
import type { Acknowledged, DrillView } from './drillView.js';

/** What the trainee may see about a component, in order of precedence. */
export const COMPONENT_STATUSES = [
  'compromised',
  'isolated',
  'locked down',
  'degraded',
  'alerting',
  'suspected',
  'normal',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** One glyph per status, so the map reads without colour (NO_COLOR). */
export const STATUS_GLYPH: Record<ComponentStatus, string> = {
  compromised: 'X',
  isolated: '#',
  'locked down': '=',
  degraded: '~',
  alerting: '!',
  suspected: '?',
  normal: '',
};

/** Actions that examine a host closely enough to confirm a compromise on it. */
const INVESTIGATIONS = new Set(['query-siem', 'forensic-snapshot']);

/** When the attacker compromised the component (from the trace), if they did. */
export function compromisedAt(drill: DrillView, id: string): number | undefined {
  for (const entry of drill.trace) {
    if (entry.type === 'attacker.entered' && entry.compromises.includes(id)) return entry.t;
  }
  return undefined;
}

/**
 * Ground truth `compromised` is shown only when the trainee has evidence for it: an investigation
 * of that component (SIEM search, forensic snapshot) completed after it was compromised, or once
 * the drill is over. Otherwise the map would tell the trainee what the drill wants them to find
 * (see docs/decisions/0300-what-the-trainee-sees.md).
 */
export function isCompromiseVisible(drill: DrillView, id: string): boolean {
  const state = drill.context.components[id];
  if (!state?.compromised) return false;
  if (drill.isEnded) return true;
  const since = compromisedAt(drill, id);
  if (since === undefined) return false;
  return drill.context.completed.some((action) => {
    const kind = drill.compiled.actions.get(action.do)?.kind;
    return (
      kind !== undefined &&
      INVESTIGATIONS.has(kind) &&
      action.target === id &&
      action.doneAt >= since
    );
  });
}

/** Fired alert injects about (or raised by) a component. */
export function alertsAbout(drill: DrillView, id: string): string[] {
  const out: string[] = [];
  for (const fired of drill.context.fired) {
    const inject = drill.compiled.injects.get(fired.id);
    if (inject?.type !== 'alert') continue;
    if (inject.source === id || inject.about.includes(id)) out.push(inject.id);
  }
  return out;
}

/** Every status that applies to the component now, most important first (never empty). */
export function componentStatuses(
  drill: DrillView,
  component: Component,
  acknowledged: Acknowledged,
): ComponentStatus[] {
  const ctx = drill.context;
  const state = ctx.components[component.id];
  const statuses = new Set<ComponentStatus>();
  if (isCompromiseVisible(drill, component.id)) statuses.add('compromised');
  if (state?.isolated) statuses.add('isolated');
  if (ctx.traffic === 'lockdown' && component.exposed_to_internet) statuses.add('locked down');
  if (ctx.traffic === 'degraded' && component.kind === 'load-balancer') statuses.add('degraded');
  const alerts = alertsAbout(drill, component.id);
  if (alerts.some((id) => !acknowledged.has(id))) statuses.add('alerting');
  else if (alerts.length > 0) statuses.add('suspected');
  if (statuses.size === 0) statuses.add('normal');
  return COMPONENT_STATUSES.filter((s) => statuses.has(s));
}
