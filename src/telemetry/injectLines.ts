import { renderInject, type CompiledScenario, type DrillContext } from '../engine/index.js';
import { requiredComponentId } from '../model/index.js';
import type { LogLine } from './logLine.js';

/**
 * The log lines carried by the injects that have fired so far (their `lines`), attributed to the
 * inject's source component. These are the scenario author's evidence lines; generated baseline
 * noise is merged around them by the telemetry generators.
 */
export function injectLogLines(compiled: CompiledScenario, ctx: DrillContext): LogLine[] {
  const lines: LogLine[] = [];
  const siem = requiredComponentId(compiled.architecture, 'siem');
  for (const fired of ctx.fired) {
    const inject = compiled.injects.get(fired.id);
    if (!inject || inject.lines.length === 0) continue;
    const rendered = renderInject(inject, compiled.scenario, ctx, fired.at);
    for (const text of rendered.lines) {
      lines.push({
        t: fired.at,
        component: inject.source ?? inject.about[0] ?? siem,
        source: 'inject',
        text,
        malicious: inject.malicious,
      });
    }
  }
  return lines;
}
