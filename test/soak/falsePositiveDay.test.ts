import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/telemetry/index.js';
import { HOUR, plainScenario, shippedRules, telemetryFor } from '../telemetry/helpers.js';

const alertsOf = (lines: LogLine[]) =>
  lines.map(
    (l) => JSON.parse(l.text) as { rule: { id: string }; evidence: Array<{ line: string }> },
  );

describe('shipped detection rules over a whole day (soak)', () => {
  it('stay quiet on a day of baseline traffic (false positives measured: 0)', () => {
    // 24 hours from Thursday 22:40 UTC: a night, a working Friday with administrators' sessions,
    // PHP mail() shells, crawlers, scanners, cron jobs, a nightly backup.
    const baseline = telemetryFor(plainScenario(), 11, shippedRules());
    // Hour by hour, as the SIEM would run: a whole day of every stream at once is ~1.5M lines.
    const day = Array.from({ length: 24 }, (_, h) =>
      baseline.window(h * HOUR, (h + 1) * HOUR, { source: 'siem-alerts' }),
    ).flat();
    const lines = baseline.window(0, 24 * HOUR, { component: 'FEServ1', source: 'auditd' });
    expect(lines.some((l) => l.text.includes('key="web_exec"'))).toBe(true); // sendmail ran
    expect(alertsOf(day).map((a) => `${a.rule.id} ${a.evidence[0]?.line}`)).toEqual([]);
  });
});
