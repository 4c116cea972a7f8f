import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import type { LogLine } from '../../src/telemetry/index.js';
import { architecture } from '../helpers.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

const scenario = plainScenario();
const drill = noResponse(scenario);
const telemetry = telemetryFor(scenario, 7, []);
const whole = telemetry.window(0, 4 * HOUR, {}, drill);
const of = (source: string, component?: string) =>
  whole.filter((l) => l.source === source && (!component || l.component === component));

describe('telemetry windows', () => {
  it('are sorted by time and inside the window', () => {
    // The first line earlier than the one before it, if any (one expect, not one per line).
    expect(whole.findIndex((l, i) => i > 0 && l.t < whole[i - 1]!.t)).toBe(-1);
    expect(whole[0]!.t).toBeGreaterThanOrEqual(0);
    expect(whole[whole.length - 1]!.t).toBeLessThan(4 * HOUR);
  });

  it('cover every component with the products’ logs', () => {
    const streams = new Set(whole.map((l) => `${l.component}/${l.source}`));
    for (const s of [
      'FEServ1/nginx-access',
      'FEServ1/nginx-error',
      'FEServ1/php-fpm',
      'FEServ1/auditd',
      'FEServ1/auth',
      'WAF1/modsec-audit',
      'WAF1/nginx-error',
      'IPS1/eve',
      'FW1/firewall',
      'FW2/firewall',
      'LB1/haproxy',
      'LB2/haproxy',
      'LDAP1/slapd',
      'DB1/mysql-general',
      'EBUS1/kong-access',
    ])
      expect(streams, s).toContain(s);
  });

  it('give the same bytes for the same scenario, seed and window', () => {
    const again = telemetryFor(scenario, 7, []).window(0, 4 * HOUR, {}, drill);
    expect(again.map((l) => l.text).join('\n')).toBe(whole.map((l) => l.text).join('\n'));
  });

  it('give different noise but the same attack for another telemetry seed', () => {
    const other = telemetryFor(scenario, 8, []).window(0, 4 * HOUR, {}, drill);
    const benign = (lines: LogLine[]) => lines.filter((l) => !l.malicious).map((l) => l.text);
    const attack = (lines: LogLine[]) =>
      lines.filter((l) => l.malicious).map((l) => `${l.t} ${l.text}`);
    expect(benign(other).slice(0, 200)).not.toEqual(benign(whole).slice(0, 200));
    expect(attack(whole).length).toBeGreaterThan(100);
    expect(attack(other)).toEqual(attack(whole));
  });

  it('produce a window in the middle of a 24-hour drill without the hours before it', () => {
    const day = plainScenario((s) => ({ ...s, end: { ...s.end, time_limit: 24 * HOUR } }));
    const dayDrill = runDrill(architecture(), day, 7, []);
    const t = telemetryFor(day, 7, []);
    const from = 13 * HOUR + 433_017; // not on a minute or slice boundary
    const alone = t.window(from, from + 600_000, {}, dayDrill);
    // The same minutes cut out of a larger window that starts an hour earlier (on other slice
    // boundaries): identical lines, so nothing in the small window depended on what came before.
    const cut = t
      .window(12 * HOUR + 211_000, from + 600_000 + 89_000, {}, dayDrill)
      .filter((l) => l.t >= from && l.t < from + 600_000);
    expect(alone.length).toBeGreaterThan(1000);
    expect(alone.map((l) => `${l.component} ${l.text}`)).toEqual(
      cut.map((l) => `${l.component} ${l.text}`),
    );
  });

  it('write the same bytes through the bulk path as through windows', () => {
    const t = telemetryFor(scenario, 7);
    for (const [component, source] of [
      ['FEServ1', 'nginx-access'],
      ['IPS1', 'eve'],
      ['SIEM1', 'siem-alerts'],
      ['BEServ1', 'auditd'],
    ]) {
      const spec = t.streams.find((s) => s.component === component && s.source === source)!;
      const chunks: Buffer[] = [];
      // T+5m to T+2h: the exploit, the web shell, the alerts and the move to BEServ1 are in it.
      const count = t.writeStream(spec, 5 * 60_000 + 17, 2 * HOUR, drill, (c) =>
        chunks.push(Buffer.from(c)),
      );
      const lines = t.window(5 * 60_000 + 17, 2 * HOUR, { component, source }, drill);
      expect(
        lines.some((l) => l.malicious),
        `${component}/${source}`,
      ).toBe(true);
      expect(count, `${component}/${source}`).toBe(lines.length);
      expect(Buffer.concat(chunks).toString('utf8'), `${component}/${source}`).toBe(
        lines.map((l) => `${l.text}\n`).join(''),
      );
    }
  });

  it('follow the business-hours profile: more customers at noon than at 4 a.m.', () => {
    const t = telemetryFor(plainScenario(), 3, []);
    const count = (h: number) =>
      t
        .window(h * HOUR, (h + 1) * HOUR, { component: 'FEServ1', source: 'nginx-access' })
        .filter((l) => !l.text.includes('/health')).length;
    // T+0 is 22:40 UTC: T+14h is 12:40, T+6h is 04:40.
    expect(count(14)).toBeGreaterThan(4 * count(6));
  });
});

describe('the attack across sources', () => {
  const ip = drill.context.attackerIp;

  it('links the exploit request through FW1, IPS1, WAF1, the LB and the front end', () => {
    const nginx = of('nginx-access', 'FEServ1').find(
      (l) => l.text.startsWith(`${ip} `) && l.text.includes('%0Ais_the_shittiest_lang'),
    )!;
    expect(nginx).toBeDefined();
    const at = nginx.t;
    const near = (lines: LogLine[]) => lines.filter((l) => Math.abs(l.t - at) < 60_000);
    const eve = near(of('eve'))
      .map((l) => JSON.parse(l.text))
      .filter((e) => e.src_ip === ip);
    // HTTPS: the IPS before the TLS terminator sees the handshake's SNI, never the URL, so its
    // URL signatures cannot fire; the WAF, where TLS ends, is the one that sees the exploit.
    expect(eve.filter((e) => e.event_type === 'alert')).toEqual([]);
    const alert = eve.find((e) => e.event_type === 'tls')!;
    expect(alert.tls.sni).toBe('www.acme.example');
    const flow = eve.filter((e) => e.flow_id === alert.flow_id);
    expect(flow.some((e) => e.event_type === 'http' || e.http)).toBe(false);
    expect(alert.dest_port).toBe(443);
    const fw = near(of('firewall', 'FW1')).find((l) => l.text.includes(`SRC=${ip} `))!;
    expect(fw.text).toContain(`SPT=${alert.src_port} `);
    const waf = near(of('modsec-audit'))
      .map((l) => JSON.parse(l.text).transaction)
      .find((tx) => tx.client_ip === ip)!;
    expect(waf.client_port).toBe(alert.src_port);
    expect(waf.request.uri).toContain('%0Ais_the_shittiest_lang');
    const lb = near(of('haproxy')).filter(
      (l) => l.text.includes('be_shop/FEServ1') && l.text.includes('%0Ais_the_shittiest_lang'),
    );
    expect(lb.length).toBeGreaterThan(5);
    expect(near(of('php-fpm', 'FEServ1')).some((l) => l.text.includes('SIGSEGV'))).toBe(true);
  });

  it('shows the web shell request and then its command in auditd', () => {
    const shell = of('nginx-access', 'FEServ1').filter(
      (l) => l.text.startsWith(`${ip} `) && l.text.includes('POST /media/static/thumb.php'),
    );
    expect(shell.length).toBeGreaterThan(2);
    const audit = of('auditd', 'FEServ1');
    for (const request of shell) {
      const exec = audit.find(
        (l) => l.t > request.t && l.t - request.t < 1_000 && l.text.includes('key="web_exec"'),
      );
      expect(exec, `exec after ${request.text}`).toBeDefined();
      expect(exec!.malicious).toBe(true);
    }
  });

  it('follows the attacker to the back end and the database', () => {
    expect(
      of('auth', 'BEServ1').some(
        (l) => l.malicious && l.text.includes('Accepted publickey for svc-shop from 10.0.1.11'),
      ),
    ).toBe(true);
    expect(of('firewall', 'FW2').some((l) => l.malicious && l.text.includes('DPT=22'))).toBe(true);
    expect(
      of('mysql-general', 'DB1').some(
        (l) => l.malicious && l.text.includes('SELECT * FROM customers'),
      ),
    ).toBe(true);
  });

  it('stops at the firewall once the address is blocked', () => {
    const good = plainScenario();
    const response = runDrill(
      architecture(),
      good,
      7,
      good.tests.find((t) => t.id === 'good-response')!.actions,
    );
    const lines = telemetryFor(good, 7, []).window(0, 4 * HOUR, {}, response);
    const blockedAt = response.trace.find(
      (e) => e.type === 'action.done' && e.request.do === 'block-ip',
    )!.t;
    const after = lines.filter(
      (l) => l.t > blockedAt && l.text.includes(response.context.attackerIp),
    );
    expect(after.filter((l) => l.component !== 'FW1' && l.source !== 'inject')).toEqual([]);
    expect(
      lines.filter((l) => l.text.includes('lateral') || (l.component === 'BEServ1' && l.malicious)),
    ).toEqual([]);
  });
});

describe('formats', () => {
  it('writes every EVE line as JSON with the documented fields, alert/tls/flow sharing flow_id', () => {
    const events = of('eve').map((l) => JSON.parse(l.text));
    for (const e of events) {
      expect(e).toMatchObject({
        flow_id: expect.any(Number),
        event_type: expect.stringMatching(/^(alert|http|tls|dns|fileinfo|flow)$/),
        src_ip: expect.any(String),
        src_port: expect.any(Number),
        dest_ip: expect.any(String),
        dest_port: expect.any(Number),
        proto: expect.stringMatching(/^(TCP|UDP)$/),
      });
      expect(e.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0000$/);
      if (e.event_type === 'alert')
        expect(e.alert).toMatchObject({
          action: expect.any(String),
          gid: 1,
          signature_id: expect.any(Number),
          rev: expect.any(Number),
          signature: expect.any(String),
          category: expect.any(String),
          severity: expect.any(Number),
        });
      if (e.event_type === 'http')
        expect(e.http).toMatchObject({
          hostname: expect.any(String),
          url: expect.any(String),
          http_method: expect.any(String),
          status: expect.any(Number),
        });
      if (e.event_type === 'flow')
        expect(e.flow).toMatchObject({
          pkts_toserver: expect.any(Number),
          bytes_toserver: expect.any(Number),
          start: expect.any(String),
          end: expect.any(String),
          state: expect.any(String),
        });
    }
    const flows = new Set(events.filter((e) => e.event_type === 'flow').map((e) => e.flow_id));
    const alerts = events.filter((e) => e.event_type === 'alert');
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => flows.has(a.flow_id)).length).toBeGreaterThan(0);
    // Inside TLS the IPS reads no URL or header: no alert on a TLS flow (the scan it reports runs
    // over plain HTTP).
    expect(alerts.filter((a) => a.app_proto === 'tls')).toEqual([]);
    expect(alerts.some((a) => a.app_proto === 'http' && a.http.url)).toBe(true);
  });

  it('writes every ModSecurity line as a v3 JSON audit record', () => {
    const records = of('modsec-audit').map((l) => JSON.parse(l.text).transaction);
    expect(records.length).toBeGreaterThan(10);
    for (const tx of records) {
      expect(tx).toMatchObject({
        client_ip: expect.any(String),
        time_stamp: expect.stringMatching(/^\w{3} \w{3} \d\d \d\d:\d\d:\d\d \d{4}$/),
        unique_id: expect.any(String),
        request: { method: expect.any(String), uri: expect.any(String) },
        response: { http_code: expect.any(Number) },
        producer: { modsecurity: expect.stringContaining('ModSecurity v3') },
      });
      expect(tx.messages.length).toBeGreaterThan(0);
      expect(tx.messages[0].details.ruleId).toMatch(/^\d+$/);
    }
    // A block shows in the WAF's nginx error log too, with the same unique id.
    const denied = records.find((tx) => tx.response.http_code === 403)!;
    expect(
      of('nginx-error', 'WAF1').some(
        (l) =>
          l.text.includes('Access denied with code 403') &&
          l.text.includes(`[unique_id "${denied.unique_id}"]`),
      ),
    ).toBe(true);
  });

  it('writes auditd EXECVE arguments as auditd does (hex when they hold a space)', () => {
    const hex = (text: string) => Buffer.from(text, 'hex').toString('utf8');
    const execs = of('auditd', 'FEServ1').filter(
      (l) => l.malicious && l.text.startsWith('type=EXECVE') && l.text.includes('a1="-c"'),
    );
    const wget = execs.find(
      (l) =>
        /a2=([0-9A-F]+)$/.test(l.text) &&
        hex(/a2=([0-9A-F]+)$/.exec(l.text)![1]!).startsWith('wget -q http://'),
    )!;
    expect(wget).toBeDefined();
    expect(
      execs.find((l) => hex(/a2=([0-9A-F]+)$/.exec(l.text)?.[1] ?? '') === 'id; uname -a'),
    ).toBeDefined();
  });
});
