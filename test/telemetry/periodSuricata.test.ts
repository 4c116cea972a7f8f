import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, orThrow, type Scenario } from '../../src/model/index.js';
import type { FlowEnds } from '../../src/telemetry/formats/security.js';
import {
  eve2Alert,
  eve2Dns,
  eve2Http,
  eve2Tls,
  idsProduct,
  tlsVersion2014,
} from '../../src/telemetry/products/suricata2.js';
import { parseLine } from '../../src/telemetry/rules/parseLine.js';
import { architecture, ROOT } from '../helpers.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

/*
 * The 2014 drill's IPS runs Suricata 2.0 (its architecture_overrides): its eve.json has what 2.0
 * wrote, no flow records, flow ids, interface names, SNI or TLS 1.3, and the SIEM still reads it.
 * Every other scenario's IPS (Suricata 6 in the shared architecture) keeps its EVE.
 */

const DRUPAGEDDON = `${ROOT}scenarios/drupageddon-advisory.yaml`;

function drupageddon(): Scenario {
  return orThrow(checkScenarioText(DRUPAGEDDON, readFileSync(DRUPAGEDDON, 'utf8'), architecture()))
    .model;
}

function eveLines(scenario: Scenario, hours: number): string[] {
  const telemetry = telemetryFor(scenario, 7);
  const spec = telemetry.streams.find((s) => s.file === 'IPS1/suricata/eve.json');
  if (!spec) throw new Error('no eve stream');
  const chunks: string[] = [];
  telemetry.writeStream(spec, 0, hours * HOUR, noResponse(scenario), (c) =>
    chunks.push(Buffer.from(c).toString('utf8')),
  );
  return chunks.join('').split('\n').filter(Boolean);
}

const ENDS: FlowEnds = {
  flowId: 123456789,
  src: '203.0.113.7',
  sport: 50_096,
  dst: '10.0.9.10',
  dport: 80,
};
const T = Date.UTC(2014, 9, 15, 16, 4, 12, 123);

describe('a Suricata 2.0 IPS (the 2014 drill)', () => {
  const scenario = drupageddon();
  const lines = eveLines(scenario, 3);
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('is chosen from the IPS stack, not from the scenario', () => {
    expect(idsProduct(architecture(), 'IPS1')).toBe('suricata');
    // The shipped default drill with IPS1 on Suricata 2.0: the 2.0 records, whatever the id.
    const other = eveLines(
      plainScenario((s) => ({
        ...s,
        architecture_overrides: {
          components: [{ id: 'IPS1', stack: ['Suricata 2.0'] }],
          contacts: [],
          escalation_matrix: {},
          obligations: [],
        },
      })),
      1,
    );
    expect(other.length).toBeGreaterThan(100);
    // One expect over the lines (one per line cost more than the lines did): the offenders, if any.
    expect(other.filter((line) => /"flow_id"|"event_type":"flow"|"sni"/.test(line))).toEqual([]);
  });

  it('writes no flow event, no flow_id, no in_iface, no SNI and no TLS 1.3', () => {
    expect(events.length).toBeGreaterThan(1_000);
    const types = new Set(events.map((e) => e.event_type));
    expect(types.has('flow')).toBe(false);
    expect(types.has('tls')).toBe(true);
    const later = ['"flow_id"', '"in_iface"', '"sni"', 'TLS 1.3', '"app_proto"'];
    expect(lines.filter((line) => later.some((text) => line.includes(text)))).toEqual([]);
    // 2.0 printed the time without a UTC offset.
    const time = /^\{"timestamp":"2014-10-15T\d\d:\d\d:\d\d\.\d{6}","event_type":"/;
    expect(lines.filter((line) => !time.test(line))).toEqual([]);
  });

  it("logs the shop's certificate in tls records: subject, issuerdn, SHA-1 fingerprint, version", () => {
    const tls = events.filter((e) => e.event_type === 'tls');
    expect(tls.length).toBeGreaterThan(100);
    for (const e of tls) {
      const t = e.tls as Record<string, string>;
      expect(Object.keys(t)).toEqual(['subject', 'issuerdn', 'fingerprint', 'version']);
      expect(t.subject).toMatch(/CN=www\.acme\.example$/);
      expect(t.fingerprint).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){19}$/);
      expect(['TLS 1.2', 'TLS 1.1']).toContain(t.version);
    }
    expect(tlsVersion2014('Go 1.1 package http')).toBe('TLS 1.1');
    expect(tlsVersion2014('curl/7.35.0')).toBe('TLS 1.2');
  });

  it('writes alerts, http and one dns record per query or answer in the 2.0 layout', () => {
    const alert = eve2Alert(T, 456, ENDS, {
      sid: 2002677,
      signature: 'ET SCAN Nikto Web App Scan in Progress',
      category: 'Web Application Attack',
      severity: 2,
    });
    expect(alert).toBe(
      '{"timestamp":"2014-10-15T16:04:12.123456","event_type":"alert","src_ip":"203.0.113.7","src_port":50096,"dest_ip":"10.0.9.10","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2002677,"rev":6,"signature":"ET SCAN Nikto Web App Scan in Progress","category":"Web Application Attack","severity":1}}',
    );
    const http = JSON.parse(
      eve2Http(T, 456, ENDS, {
        method: 'GET',
        path: '/news/CHANGELOG.txt',
        status: 200,
        bytes: 109_413,
        ua: 'python-requests/2.4.3',
        referer: '-',
      }),
    );
    expect(Object.keys(http.http)).toEqual([
      'hostname',
      'url',
      'http_user_agent',
      'http_content_type',
      'http_method',
      'protocol',
      'status',
      'length',
    ]);
    expect(http.http.status).toBe('200');
    expect(http).not.toHaveProperty('tx_id');
    const dnsEnds: FlowEnds = { ...ENDS, dport: 53, proto: 'UDP' };
    const query = JSON.parse(eve2Dns(T, 1, dnsEnds, { id: 4242, name: 'x.example', type: 'A' }));
    expect(query.dns).toEqual({
      type: 'query',
      id: 4242,
      rrname: 'x.example',
      rrtype: 'A',
      tx_id: 0,
    });
    const answer = JSON.parse(
      eve2Dns(T, 1, dnsEnds, { id: 4242, name: 'x.example', type: 'A', answer: '192.0.2.1' }),
    );
    expect(answer.dns).toEqual({
      type: 'answer',
      id: 4242,
      rcode: 'NOERROR',
      rrname: 'x.example',
      rrtype: 'A',
      ttl: 60,
      rdata: '192.0.2.1',
    });
    expect(eve2Tls(T, 1, { ...ENDS, dport: 443 }, 'curl/7.35.0')).not.toContain('sni');
  });

  it('the SIEM parser reads 2.0 records into the same fields', () => {
    const tls = lines.find((l) => l.includes('"event_type":"tls"'))!;
    expect(parseLine('eve', tls)).toMatchObject({
      event_type: 'tls',
      src_ip: expect.stringMatching(/^\d/),
      dest_ip: expect.stringMatching(/^10\./),
      dest_port: 443,
    });
    const alert = eve2Alert(T, 1, ENDS, {
      sid: 2019284,
      signature: 'ET WEB_SERVER Possible Command Injection (bin/sh)',
      category: 'Web Application Attack',
      severity: 1,
    });
    expect(parseLine('eve', alert)).toEqual({
      event_type: 'alert',
      src_ip: '203.0.113.7',
      dest_ip: '10.0.9.10',
      dest_port: 80,
      signature: 'ET WEB_SERVER Possible Command Injection (bin/sh)',
      signature_id: 2019284,
    });
    const http = eve2Http(T, 1, ENDS, {
      method: 'GET',
      path: '/cgi-bin/test.cgi',
      status: 404,
      bytes: 3_650,
      ua: 'Mozilla/5.0 (compatible; Nessus SOC weekly scan)',
      referer: '-',
    });
    expect(parseLine('eve', http)).toMatchObject({
      event_type: 'http',
      path: '/cgi-bin/test.cgi',
      user_agent: 'Mozilla/5.0 (compatible; Nessus SOC weekly scan)',
    });
  });
});

describe('a Suricata 6 IPS (the shared architecture) keeps its EVE', () => {
  it('flow events with flow ids, SNI and TLS 1.3 as before', () => {
    const lines = eveLines(plainScenario(), 1);
    expect(lines.some((l) => l.includes('"event_type":"flow"'))).toBe(true);
    expect(lines.some((l) => l.includes('"sni":"www.acme.example","version":"TLS 1.3"'))).toBe(
      true,
    );
    for (const l of lines)
      expect(l).toMatch(/^\{"timestamp":"[^"]+\+0000","flow_id":\d+,"in_iface"/);
  });
});
