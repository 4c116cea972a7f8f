import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/telemetry/rules/parseLine.js';
import type { Scenario } from '../../src/model/index.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

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

const withResolver = (stack: string[]) =>
  plainScenario((s) => ({
    ...s,
    architecture_overrides: {
      components: [{ id: 'DNS1', stack }],
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
    const lines = linesOf(withResolver(['BIND 9.8']), 'DNS1/named/query.log');
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
