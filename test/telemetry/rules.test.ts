import { describe, expect, it } from 'vitest';
import { checkRuleFile, checkScenarioText } from '../../src/model/index.js';
import type { LogLine } from '../../src/telemetry/index.js';
import { architecture, DEFAULT_SCENARIO_FILE, ROOT, scenarioVariant } from '../helpers.js';
import { HOUR, noResponse, plainScenario, shippedRules, telemetryFor } from './helpers.js';

const rules = shippedRules();
const alertsOf = (lines: LogLine[]) =>
  lines.map((l) => ({
    line: l,
    doc: JSON.parse(l.text) as {
      rule: { id: string };
      component: string;
      evidence: Array<{ line: string }>;
    },
  }));

describe('shipped detection rules', () => {
  const scenario = plainScenario();
  const drill = noResponse(scenario);
  const telemetry = telemetryFor(scenario, 7, rules);
  const everything = telemetry.window(0, 4 * HOUR, {}, drill);
  // The same lines as a window of the siem-alerts source alone (which evaluates every stream).
  const alerts = alertsOf(everything.filter((l) => l.source === 'siem-alerts'));
  const malicious = new Set(everything.filter((l) => l.malicious).map((l) => l.text));

  // The scan comes from the scenario's reconnaissance state, which its author rates not malicious
  // (a scan is not yet an incident): the scanner rule fires on the attacker's lines all the same.
  const reconnaissance = new Set(['ttx.ids-scanner']);
  const attackerIp = drill.context.attackerIp;
  it.each(rules.map((r) => r.id))('%s fires on the attack’s own lines', (id) => {
    const fired = alerts.filter((a) => a.doc.rule.id === id);
    expect(fired.length, `${id} never fired`).toBeGreaterThan(0);
    for (const a of fired) {
      if (reconnaissance.has(id)) {
        expect(a.line.malicious).toBe(false);
        expect(a.doc.evidence.some((e) => e.line.includes(attackerIp))).toBe(true);
        continue;
      }
      expect(a.line.malicious).toBe(true);
      expect(a.doc.evidence.some((e) => malicious.has(e.line))).toBe(true);
    }
  });

  it('raises the source text’s signals at the components they are about', () => {
    const at = (id: string) =>
      new Set(alerts.filter((a) => a.doc.rule.id === id).map((a) => a.doc.component));
    // FEServ2 and FEServ3 share the exploited hole: nobody patched them, the attacker took them too.
    expect(at('ttx.web-server-shell')).toEqual(new Set(['FEServ1', 'FEServ2', 'FEServ3']));
    expect(at('ttx.static-media-naming')).toEqual(new Set(['FEServ1']));
    expect(at('ttx.after-hours-login')).toEqual(new Set(['BEServ1']));
    expect(at('ttx.bulk-customer-read')).toEqual(new Set(['DB1']));
  });

  it('stay quiet on two hours of a working morning (the whole day: npm run test:soak)', () => {
    // Friday 08:40-10:40 UTC: administrators' sessions, crawlers, cron jobs, PHP mail() shells.
    const baseline = telemetryFor(scenario, 11, rules);
    const morning = [10, 11].flatMap((h) =>
      baseline.window(h * HOUR, (h + 1) * HOUR, { source: 'siem-alerts' }),
    );
    expect(alertsOf(morning).map((a) => `${a.doc.rule.id} ${a.doc.evidence[0]?.line}`)).toEqual([]);
  });

  it('catch the red herrings a scenario switches on (benign, but they look like the attack)', () => {
    const noisy = plainScenario((s) => ({
      ...s,
      telemetry: {
        volume: 1,
        rules: [],
        red_herrings: [
          { kind: 'after-hours-admin', at: 3_000_000, target: 'FEServ2' },
          { kind: 'static-upload', at: 4_000_000, target: 'FEServ3' },
          { kind: 'vuln-scan', at: 5_000_000 },
          { kind: 'health-flap', at: 840_000 },
          { kind: 'ssh-noise', at: 3_000_000 },
        ],
      },
    }));
    const lines = telemetryFor(noisy, 7, rules).window(0, 4 * HOUR);
    const fired = alertsOf(lines.filter((l) => l.source === 'siem-alerts')).map(
      (a) => `${a.doc.rule.id}@${a.doc.component}`,
    );
    expect(fired).toEqual(
      expect.arrayContaining([
        'ttx.after-hours-login@FEServ2',
        'ttx.after-hours-command@FEServ2',
        'ttx.static-media-naming@FEServ3',
        'ttx.ids-scanner@IPS1',
      ]),
    );
    expect(lines.some((l) => l.source === 'haproxy' && l.text.includes('is DOWN'))).toBe(true);
    expect(
      lines.filter((l) => l.component === 'FW1' && l.text.includes('rule="mgmt-deny"')).length,
    ).toBe(40);
    expect(lines.every((l) => !l.malicious)).toBe(true);
  });

  it('a scenario can add its own rule', () => {
    const withRule = plainScenario((s) => ({
      ...s,
      telemetry: {
        volume: 1,
        red_herrings: [],
        rules: [
          {
            ...rules.find((r) => r.id === 'ttx.ids-scanner')!,
            id: 'acme.health-checks',
            title: 'Health checks',
            level: 'info',
            logsource: { source: 'nginx-access', components: ['FEServ2'] },
            detection: { selection: { path: '/health' }, condition: 'selection' },
          },
        ],
      },
    }));
    const fired = alertsOf(
      telemetryFor(withRule, 7, []).window(0, HOUR, { source: 'siem-alerts' }),
    );
    expect(new Set(fired.map((a) => `${a.doc.rule.id}@${a.doc.component}`))).toEqual(
      new Set(['acme.health-checks@FEServ2']),
    );
  });
});

describe('rule validation', () => {
  it('locates every mistake in a rule file', () => {
    const checked = checkRuleFile(`${ROOT}test/fixtures/rules/rule-errors.yaml`, architecture());
    expect(checked.loaded).toBeUndefined();
    const found = checked.diagnostics.map((d) =>
      `${d.line}:${d.column} ${d.severity} ${d.code} ${d.suggestion ?? ''}`.trim(),
    );
    expect(found).toEqual([
      '5:16 error unknown-reference FEServ1', // components: [FEServ9]
      '8:21 error unknown-reference path', // pth|startswith
      '9:23 error unknown-reference', // path|sounds_like: an unknown modifier
      '11:5 warning unused-selection', // filter (the condition says "filtre")
      '11:20 error unknown-reference static-media', // baseline static-midea
      '13:14 error bad-regex',
      '15:5 warning unused-selection', // spare
      '16:14 error unknown-reference filter', // filtre
    ]);
  });

  it('checks a scenario’s inline rules and red herrings like the rest of the scenario', () => {
    const text = scenarioVariant((doc) => {
      doc.telemetry = {
        red_herrings: [{ kind: 'after-hours-admin', at: '1h', target: 'FEServ7' }],
        rules: [
          {
            id: 'acme.x',
            title: 'x',
            level: 'high',
            logsource: { source: 'auditd' },
            detection: { sel: { exe: '/bin/sh' }, condition: 'sel and nope' },
          },
        ],
      };
    });
    const checked = checkScenarioText(DEFAULT_SCENARIO_FILE, text, architecture());
    expect(checked.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(
      expect.arrayContaining([
        'unknown-reference unknown component "FEServ7"',
        'unknown-reference unknown selection "nope"',
      ]),
    );
  });

  it('accepts every shipped rule file', () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
  });
});
