import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/telemetry/rules/parseLine.js';
import { checkScenarioFile, orThrow, type Scenario } from '../../src/model/index.js';
import { architecture, ROOT } from '../helpers.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';
import { tool } from './tools.js';

/*
 * The product of the period writes the logs (issue 14): a drill whose architecture (with the
 * scenario's overrides) runs an older product gets that product's format, chosen by the data,
 * never by the scenario's id.
 */

function linesOf(scenario: Scenario, file: string): string[] {
  const telemetry = telemetryFor(scenario, 7);
  const spec = telemetry.streams.find((s) => s.file === file);
  if (!spec) throw new Error(`no stream ${file}`);
  const chunks: string[] = [];
  telemetry.writeStream(spec, 0, HOUR, noResponse(scenario), (c) =>
    chunks.push(Buffer.from(c).toString('latin1')),
  );
  return chunks.join('').split('\n').filter(Boolean);
}

const withStack = (id: string, stack: string[]) =>
  plainScenario((s) => ({
    ...s,
    architecture_overrides: {
      components: [{ id, stack }],
      contacts: [],
      escalation_matrix: {},
      obligations: [],
    },
  }));

describe("the resolver's query log follows its BIND version", () => {
  it('BIND 9.18 (the shipped architecture): the 9.11 form, client object, name repeated, EDNS and cookie flags', () => {
    const lines = linesOf(plainScenario(), 'DNS1/named/query.log');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines)
      expect(line).toMatch(
        /^\d\d-\w{3}-\d{4} [\d:.]+ queries: info: client @0x[0-9a-f]{12} [\d.]+#\d+ \([^)]+\): query: \S+ IN \w+ \+E\(0\)K \([\d.]+\)$/,
      );
  });

  it('BIND 9.8 (a 2014 drill): no client object, no repeated name, a stub resolver sends no EDNS', () => {
    const lines = linesOf(withStack('DNS1', ['BIND 9.8']), 'DNS1/named/query.log');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      expect(line).toMatch(
        /^\d\d-\w{3}-\d{4} [\d:.]+ queries: info: client [\d.]+#\d+: query: \S+ IN \w+ \+ \([\d.]+\)$/,
      );
      // The SIEM parses both forms into the same fields.
      expect(parseLine('dns-query', line)).toMatchObject({
        src_ip: expect.stringMatching(/^10\./),
        query: expect.any(String),
        qtype: expect.any(String),
        dest_ip: '10.0.5.53',
      });
    }
  });
});

describe('the API gateway writes what its product writes', () => {
  const wso2 = withStack('EBUS1', ['WSO2 API Manager 1.7', 'RabbitMQ 3.3']);

  it('WSO2 API Manager: one Tomcat access log (combined) named by the day, no Kong logs', () => {
    const files = telemetryFor(wso2, 7)
      .streams.filter((s) => s.component === 'EBUS1')
      .map((s) => s.file);
    expect(files).toContain('EBUS1/wso2am/repository/logs/http_access_2026-03-12.log');
    expect(files.filter((f) => f.includes('kong'))).toEqual([]);
    const lines = linesOf(wso2, 'EBUS1/wso2am/repository/logs/http_access_2026-03-12.log');
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) {
      // `combined` and nothing after it (Kong's proxy log adds two latencies).
      expect(line).toMatch(/^[\d.]+ - - \[[^\]]+\] "[A-Z]+ \S+ HTTP\/1\.1" \d{3} \d+ "-" "[^"]*"$/);
      expect(parseLine('wso2-access', line)).toMatchObject({ status: expect.any(Number) });
    }
    // The period's monitoring: a Nagios check of the console, not a Prometheus scrape.
    expect(lines.some((l) => l.includes('check_http'))).toBe(true);
    expect(lines.some((l) => l.includes('Prometheus'))).toBe(false);
    // goaccess reads it as COMBINED with no invalid line.
    const dir = mkdtempSync(join(tmpdir(), 'ttx-wso2-'));
    try {
      const log = join(dir, 'http_access.log');
      writeFileSync(log, `${lines.join('\n')}\n`);
      const report = join(dir, 'goaccess.json');
      const ga = spawnSync(
        tool('goaccess'),
        [log, '--log-format=COMBINED', '--no-global-config', '-o', report],
        { encoding: 'utf8' },
      );
      expect(ga.status, ga.stderr).toBe(0);
      const general = JSON.parse(readFileSync(report, 'utf8')).general;
      expect(general.failed_requests).toBe(0);
      expect(general.valid_requests).toBe(lines.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Kong (the shipped architecture) keeps its proxy and Admin API logs', () => {
    const files = telemetryFor(plainScenario(), 7)
      .streams.filter((s) => s.component === 'EBUS1')
      .map((s) => s.file);
    expect(files).toEqual(
      expect.arrayContaining(['EBUS1/kong/access.log', 'EBUS1/kong/admin_access.log']),
    );
  });
});

describe('the clients follow the year the drill is set in', () => {
  const userAgents = (scenario: Scenario) => {
    const lines = linesOf(scenario, 'FEServ1/nginx/access.log');
    expect(lines.length).toBeGreaterThan(100);
    return new Set(lines.map((l) => /"([^"]*)"$/.exec(l)![1]!));
  };

  it('October 2014: browsers, crawlers and tools of the mid-2010s, none released later', () => {
    const agents = [
      ...userAgents(plainScenario((s) => ({ ...s, start_time: '2014-10-15T16:00:00Z' }))),
    ];
    expect(agents.some((ua) => ua.includes('iPhone OS 7_1_2'))).toBe(true);
    expect(agents.some((ua) => ua.includes('Windows NT 6.1'))).toBe(true);
    // No client of a later release (the attack's own requests keep the author's agent).
    for (const ua of agents)
      expect(ua).not.toMatch(/Windows NT 10|iPhone OS 1\d_|Android 1\d|Chrome\/1\d\d\.|curl\/8/);
  });

  it('October 2014: the attacker’s login form posts come from a browser of the time too', () => {
    const drill = orThrow(
      checkScenarioFile(`${ROOT}scenarios/drupageddon-advisory.yaml`, architecture()),
    ).model;
    const telemetry = telemetryFor(drill, 7);
    const spec = telemetry.streams.find((s) => s.file === 'FEServ3/nginx/access.log')!;
    const chunks: string[] = [];
    telemetry.writeStream(spec, 0, 4 * HOUR, noResponse(drill), (c) =>
      chunks.push(Buffer.from(c).toString('latin1')),
    );
    const logins = chunks
      .join('')
      .split('\n')
      .filter((l) => l.includes('"POST /news/user/login'));
    expect(logins.length).toBeGreaterThan(0);
    for (const line of logins) expect(line).toContain('Chrome/37.0');
  });

  it('2026: today’s browsers, with the same visits (only the strings differ)', () => {
    const now = plainScenario();
    // Same weekday and hour as the default's Thursday 22:40, eleven years before: same traffic.
    const then = plainScenario((s) => ({ ...s, start_time: '2015-03-12T22:40:00Z' }));
    const agents = [...userAgents(now)];
    expect(agents.some((ua) => ua.includes('Windows NT 10.0'))).toBe(true);
    expect(agents.some((ua) => ua.includes('Windows NT 6.1'))).toBe(false);
    expect(linesOf(then, 'FEServ1/nginx/access.log')).toHaveLength(
      linesOf(now, 'FEServ1/nginx/access.log').length,
    );
  });
});
