import { isoUtc, utcParts, type Inject, type Scenario, type SimMs } from '../model/index.js';
import type { DrillContext } from './types.js';

/**
 * Inject text may name a few facts of the drill as placeholders; they are filled from this
 * closed list, never evaluated: {{attacker_ip}}, {{time}} (ISO wall time when it fired), {{clock}}
 * (its hour and minute, `23:07 UTC`), {{weekday}} (`Thursday`), {{elapsed}}.
 */
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function wallTime(scenario: Scenario, t: SimMs): string {
  return isoUtc(Date.parse(scenario.start_time) + t).replace('.000Z', 'Z');
}

export function fillPlaceholders(
  text: string,
  scenario: Scenario,
  ctx: DrillContext,
  firedAt: SimMs,
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'attacker_ip':
        return ctx.attackerIp;
      case 'time':
        return wallTime(scenario, firedAt);
      case 'clock': {
        const p = utcParts(Date.parse(scenario.start_time) + firedAt);
        return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} UTC`;
      }
      case 'weekday':
        return WEEKDAYS[utcParts(Date.parse(scenario.start_time) + firedAt).weekday]!;
      case 'elapsed':
        return String(Math.floor(firedAt / 1000));
      default:
        return whole;
    }
  });
}

/** An inject's body and lines as the trainee sees them at `firedAt`. */
export function renderInject(
  inject: Inject,
  scenario: Scenario,
  ctx: DrillContext,
  firedAt: SimMs,
): { body?: string; lines: string[] } {
  return {
    ...(inject.body !== undefined
      ? { body: fillPlaceholders(inject.body, scenario, ctx, firedAt) }
      : {}),
    lines: inject.lines.map((line) => fillPlaceholders(line, scenario, ctx, firedAt)),
  };
}
