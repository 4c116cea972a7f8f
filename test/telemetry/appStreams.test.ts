import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import { evidenceItemSchema, type Scenario } from '../../src/model/index.js';
import { architecture } from '../helpers.js';
import { HOUR, plainScenario, telemetryFor } from './helpers.js';

/*
 * The streams the application-level facts land in: the resolver's query log, Kong's Admin API
 * log, and rsyslog's catch-all file (a CMS's login record, a deploy). Ids come from the
 * architecture's roles, so the test holds on another architecture.
 */

const arch = architecture();
const withRole = (role: string) => arch.components.find((c) => c.roles.includes(role))!;
const fe = withRole('web-front-end');
const gateway = withRole('api-gateway');
const resolver = withRole('dns-resolver');
const extra = [
  { kind: 'dns', on: fe.id, name: 'x1y2z3.tunnel.example', type: 'TXT', at: '1m' },
  {
    kind: 'api',
    on: gateway.id,
    method: 'POST',
    path: '/consumers',
    status: 201,
    admin: true,
    at: '2m',
  },
  { kind: 'auth', on: fe.id, service: 'cms', user: 'e.editor', at: '3m' },
  {
    kind: 'deploy',
    on: fe.id,
    pipeline: 'shop-release',
    commit: '3f2a9c1',
    artefact: 'shop-2.4.1.tar.gz',
    actor: 'jenkins',
    at: '4m',
  },
].map((item) => evidenceItemSchema.parse(item));

const scenario = plainScenario((s): Scenario => ({
  ...s,
  attacker: {
    ...s.attacker,
    states: s.attacker.states.map((st) =>
      st.id === s.attacker.initial ? { ...st, evidence: [...st.evidence, ...extra] } : st,
    ),
  },
}));
const drill = runDrill(arch, scenario, 7, []);
const lines = telemetryFor(scenario, 7, []).window(
  0,
  10 * 60_000,
  {},
  {
    trace: drill.trace,
    context: drill.context,
  },
);
// The items sit in the scan state (ground truth: not yet an incident), so pick them by content.
const of = (component: string, source: string) =>
  lines.filter(
    (l) =>
      l.component === component &&
      l.source === source &&
      /x1y2z3|\/consumers|e\.editor|shop-release/.test(l.text),
  );

describe('application-level facts in their own logs', () => {
  it('a DNS query shows in the resolver’s BIND query log with the asking host, and the IPS sees the resolver', () => {
    const query = of(resolver.id, 'dns-query');
    expect(query).toHaveLength(1);
    expect(query[0]!.text).toMatch(
      /queries: info: client @0x[0-9a-f]{12} \S+#\d+ \(x1y2z3\.tunnel\.example\): query: x1y2z3\.tunnel\.example IN TXT \+E\(0\)K \(\S+\)$/,
    );
    const eve = lines
      .filter((l) => l.source === 'eve' && l.text.includes('x1y2z3'))
      .map((l) => JSON.parse(l.text));
    expect(eve.length).toBeGreaterThan(0);
    expect(new Set(eve.map((e) => e.proto))).toEqual(new Set(['UDP']));
    expect(eve.every((e) => [e.src_ip, e.dest_ip].includes(resolver.address ?? e.src_ip))).toBe(
      true,
    );
  });

  it('an Admin API call goes to admin_access.log, not to the proxy’s access log', () => {
    expect(of(gateway.id, 'kong-admin').map((l) => l.text)).toEqual([
      expect.stringMatching(/"POST \/consumers HTTP\/1\.1" 201 /),
    ]);
    expect(of(gateway.id, 'kong-access').some((l) => l.text.includes('/consumers'))).toBe(false);
  });

  it('a CMS login and a deploy leave their records in the host’s syslog file', () => {
    const syslog = of(fe.id, 'syslog').map((l) => l.text);
    expect(
      syslog.some((t) => /shop-cms\[\d+\]: login user=e\.editor ip=\S+ method=password$/.test(t)),
    ).toBe(true);
    expect(syslog).toContainEqual(
      expect.stringMatching(
        / deploy: pipeline=shop-release artefact=shop-2\.4\.1\.tar\.gz commit=3f2a9c1 actor=jenkins outcome=success$/,
      ),
    );
  });

  it('the quiet streams have their baseline', () => {
    const all = telemetryFor(scenario, 7, []).window(0, HOUR);
    expect(
      all.filter((l) => l.component === resolver.id && l.source === 'dns-query').length,
    ).toBeGreaterThan(20);
    expect(all.some((l) => l.component === gateway.id && l.source === 'kong-admin')).toBe(true);
    expect(all.some((l) => l.source === 'syslog' && l.text.endsWith('rsyslogd: -- MARK --'))).toBe(
      true,
    );
  });
});
