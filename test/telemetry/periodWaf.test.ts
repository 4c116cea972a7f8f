import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, orThrow, type Scenario } from '../../src/model/index.js';
import { wafProduct } from '../../src/telemetry/products/modsec2.js';
import { parseLine } from '../../src/telemetry/rules/parseLine.js';
import { architecture, ROOT } from '../helpers.js';
import { HOUR, noResponse, telemetryFor } from './helpers.js';

/*
 * The 2014 drill's WAF is ModSecurity 2.8 with the OWASP CRS 2.2.9 (its architecture_overrides):
 * the audit log is the native Serial format, the ids are CRS 2 ids, and the Drupal SQL injection
 * (CVE-2014-3704, `name[0 ;...]` array keys in the login form's body) is what the SQLi rules flag.
 */

const DRUPAGEDDON = `${ROOT}scenarios/drupageddon-advisory.yaml`;

function drupageddon(): Scenario {
  return orThrow(checkScenarioText(DRUPAGEDDON, readFileSync(DRUPAGEDDON, 'utf8'), architecture()))
    .model;
}

/** The text of one stream over the first `hours` of the drill (no response). */
function streamText(scenario: Scenario, file: string, hours: number): string {
  const telemetry = telemetryFor(scenario, 7);
  const spec = telemetry.streams.find((s) => s.file === file);
  if (!spec) throw new Error(`no stream ${file}`);
  const chunks: string[] = [];
  telemetry.writeStream(spec, 0, hours * HOUR, noResponse(scenario), (c) =>
    chunks.push(Buffer.from(c).toString('utf8')),
  );
  return chunks.join('');
}

/** CRS 2.2.9 ids (base_rules 9xxxxx of the 2.x numbering) and the operator's local rules. */
const CRS2_IDS =
  /^(?:960035|990002|981231|950001|959073|981173|981257|981248|981245|981251|981243|981176|1000100)$/;
/** CRS 3 ids: 9[1-4]xxxx request rules, 949110 blocking, 980130 correlation. */
const CRS3_IDS = /\b(?:9[1-4]\d{4}|980130)\b/;

describe('a ModSecurity 2.8 + CRS 2.2.9 WAF (the 2014 drill)', () => {
  const scenario = drupageddon();
  const audit = streamText(scenario, 'WAF1/modsec_audit.log', 4);
  const records = audit.split(/\n\n(?=--[0-9a-f]{8}-A--\n)/).filter(Boolean);

  it('writes the native Serial audit log: sections A B (C) F H Z, the 2.x producer, no JSON', () => {
    expect(records.length).toBeGreaterThan(10);
    expect(audit).not.toMatch(/^\{/m);
    expect(audit).not.toContain('OWASP_CRS/3');
    expect(audit).not.toContain('ModSecurity v3');
    for (const record of records) {
      const boundary = /^--([0-9a-f]{8})-A--\n/.exec(record)![1]!;
      const letters = [...record.matchAll(/^--([0-9a-f]{8})-([A-Z])--$/gm)].map((m) => {
        expect(m[1]).toBe(boundary);
        return m[2];
      });
      expect(letters.join('')).toMatch(/^ABC?FHZ$/);
      expect(record).toMatch(
        /^--[0-9a-f]{8}-A--\n\[\d\d\/\w{3}\/2014:\d\d:\d\d:\d\d \+0000\] [A-Za-z]{24} [\d.]+ \d+ [\d.]+ 443\n/,
      );
      expect(record).toContain(
        'Producer: ModSecurity for nginx (STABLE)/2.8.0 (http://www.modsecurity.org/); OWASP_CRS/2.2.9.\n',
      );
      expect(record).toMatch(/\nStopwatch: \d{16} \d+ \(- - -\)\n/);
      expect(record).toContain('\nServer: ModSecurity Standalone\nEngine-Mode: "ENABLED"\n');
      for (const id of record.matchAll(/\[id "(\d+)"\]/g)) expect(id[1]).toMatch(CRS2_IDS);
      expect(record).not.toMatch(CRS3_IDS);
      // CRS 2 rules carry their version, severities are names.
      for (const line of record.split('\n').filter((l) => l.startsWith('Message: ')))
        expect(line).toMatch(
          /^Message: (Warning\.|Access denied with code 403 \(phase 2\)\.) .+ at \S.* \[file "\/etc\/nginx\/modsecurity\/[^"]+\.conf"\] \[line "\d+"\] \[id "\d+"\]/,
        );
    }
    expect(audit).toContain('[ver "OWASP_CRS/2.2.9"]');
    expect(audit).toContain('[severity "CRITICAL"]');
    expect(audit).not.toMatch(/\[severity "\d"\]/);
  });

  it("flags the Drupal injection's POSTs with the SQLi rules, and nothing else with them", () => {
    const sqli = /\[id "(?:981231|950001|959073|981257|981248|981251)"\]/;
    const drupal = records.filter((r) => r.includes('\nPOST /news/?q=node&destination=node '));
    expect(drupal.length).toBeGreaterThan(1);
    for (const record of drupal) {
      // The body with the crafted key is in section C; the rules read it as ARGS_NAMES.
      expect(record).toMatch(/-C--\nname%5B0\+%3Binsert\+into\+users/);
      expect(record).toMatch(sqli);
      expect(record).toContain('at ARGS_NAMES:name[0 ;insert into users');
      expect(record).toContain(
        '[msg "SQL Injection Attack"] [data "Matched Data: insert into found',
      );
      // The parser the SIEM and the search use reads the native record.
      expect(parseLine('modsec-audit', record)).toMatchObject({
        method: 'POST',
        path: '/news/?q=node&destination=node',
        status: 200,
        rule_ids: expect.stringContaining('950001'),
        unique_id: expect.stringMatching(/^[A-Za-z]{24}$/),
      });
    }
    for (const record of records.filter((r) => !drupal.includes(r))) {
      expect(record).not.toMatch(sqli);
      expect(parseLine('modsec-audit', record)).toMatchObject({ method: 'GET' });
    }
    // The scanner's restricted-extension probe is denied by anomaly score (981176).
    const denied = records.filter((r) => r.includes('[id "981176"]'));
    expect(denied.length).toBeGreaterThan(0);
    for (const record of denied) {
      expect(record).toContain('Action: Intercepted (phase 2)\n');
      expect(record).toMatch(
        /\[msg "Inbound Anomaly Score Exceeded \(Total Score: \d+, SQLi=\d+, XSS=0\): Last Matched Message: [^"]+"\]/,
      );
      expect(record).toMatch(/-F--\nHTTP\/1\.1 403 Forbidden\n/);
    }
  });

  it("writes the 2.x module's nginx error lines: [error], pid#0, and the phase-5 correlation 981204", () => {
    const lines = streamText(scenario, 'WAF1/nginx/error.log', 4).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line).toMatch(
        /^2014\/10\/15 \d\d:\d\d:\d\d \[error\] \d+#0: \*\d+ \[client [\d.]+\] ModSecurity: (Warning\.|Access denied with code 403 \(phase 2\)\.) .* \[hostname "www\.acme\.example"\] \[uri "[^"]*"\] \[unique_id "[A-Za-z]{24}"\], client: [\d.]+, server: www\.acme\.example, request: "[A-Z]+ \S+ HTTP\/1\.1", host: "www\.acme\.example"$/,
      );
      expect(line).not.toMatch(CRS3_IDS);
      expect(line).not.toContain('OWASP_CRS/3');
    }
    // 981204 (noauditlog) reaches the error log only.
    expect(lines.some((l) => l.includes('[id "981204"]'))).toBe(true);
    expect(audit).not.toContain('981204');
  });

  it('reads the product from the stack: ModSecurity v3 stays v3, 2.x is native', () => {
    const arch = architecture();
    const waf = arch.components.find((c) => c.kind === 'waf')!;
    expect(wafProduct(arch, waf.id)).toBe('modsec3');
    const old = { ...arch, components: [{ ...waf, stack: ['nginx 1.6', 'ModSecurity 2.8'] }] };
    expect(wafProduct(old, waf.id)).toBe('modsec2');
    const none = { ...arch, components: [{ ...waf, stack: ['nginx 1.6'] }] };
    expect(wafProduct(none, waf.id)).toBe('modsec3');
  });
});
