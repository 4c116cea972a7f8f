import { EcsFlat, EcsVersion } from '@elastic/ecs';
import { describe, expect, it } from 'vitest';
import { toEcsDocument } from '../../src/telemetry/ecs.js';
import { crsMessages } from '../../src/telemetry/formats/crs.js';
import {
  auditExec,
  bindQuery,
  firewallLine,
  mysqlThreadId,
} from '../../src/telemetry/formats/host.js';
import { isKongAdminPath, kongAdminAccess } from '../../src/telemetry/formats/web.js';
import {
  CLASSTYPE_PRIORITY,
  eveAlert,
  eveDns,
  modsecAudit,
  modsecUniqueId,
} from '../../src/telemetry/formats/security.js';
import { sshEntries, sshFingerprint } from '../../src/telemetry/hostEvents.js';
import { createWorld } from '../../src/telemetry/world.js';
import { architecture } from '../helpers.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

/* What a practitioner checks line by line, format by format (pure renderers, no drill). */

const T = Date.parse('2026-03-11T10:00:00Z');

describe('netfilter', () => {
  it('prints the kernel LOG target’s whole field set, in its order', () => {
    const line = firewallLine(T, 'fw1', 'ACCEPT', 'web-in', {
      in: 'eth0',
      out: 'eth1',
      src: '203.0.113.7',
      dst: '198.18.0.10',
      spt: 50_096,
      dpt: 443,
    });
    expect(line).toMatch(
      / ACCEPT IN=eth0 OUT=eth1 MAC=(?:[0-9a-f]{2}:){13}[0-9a-f]{2} SRC=203\.0\.113\.7 DST=198\.18\.0\.10 LEN=60 TOS=0x00 PREC=0x00 TTL=\d+ ID=\d+ DF PROTO=TCP SPT=50096 DPT=443 WINDOW=\d+ RES=0x00 SYN URGP=0$/,
    );
    // The MAC field ends with the IPv4 EtherType; TTLs are what crossed the internet.
    expect(line).toMatch(/MAC=\S+:08:00 /);
    expect(Number(/TTL=(\d+)/.exec(line)![1])).toBeLessThan(255);
  });

  it('drops print an empty OUT= and UDP prints its own length after the ports', () => {
    const line = firewallLine(T, 'fw1', 'DROP', 'blocklist', {
      in: 'eth0',
      out: 'eth1',
      src: '203.0.113.7',
      dst: '198.18.0.10',
      spt: 5353,
      dpt: 53,
      proto: 'UDP',
    });
    expect(line).toMatch(/ DROP IN=eth0 OUT= MAC=/);
    expect(line).toMatch(/LEN=(\d+) .*PROTO=UDP SPT=5353 DPT=53 LEN=\d+$/);
    expect(line).not.toContain('WINDOW=');
  });
});

describe('sshd', () => {
  it('writes SHA256 key fingerprints of 43 base64 characters', () => {
    const fp = sshFingerprint('duck');
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(sshFingerprint('skywalker')).not.toBe(fp);
  });

  it('opens and closes a session as OpenSSH, PAM and logind log it', () => {
    const world = createWorld(architecture(), plainScenario(), '7');
    const host = world.topology.host('FEServ1')!;
    const { auth } = sshEntries(
      world,
      host,
      {
        t: 1000,
        user: 'duck',
        from: '10.0.5.5',
        port: 51_234,
        method: 'publickey',
        commands: [],
        length: 60_000,
      },
      false,
    );
    const messages = auth.map((e) => e.text.replace(/^\w{3} [ \d]\d [\d:]{8} feserv1 /, ''));
    expect(messages[0]).toMatch(
      /^sshd\[(\d+)\]: Accepted publickey for duck from 10\.0\.5\.5 port 51234 ssh2: ED25519 SHA256:[A-Za-z0-9+/]{43}$/,
    );
    const tail = messages.slice(-5).map((m) => m.replace(/\[\d+\]/, ''));
    expect(tail).toEqual([
      'sshd: Received disconnect from 10.0.5.5 port 51234:11: disconnected by user',
      'sshd: Disconnected from user duck 10.0.5.5 port 51234',
      'sshd: pam_unix(sshd:session): session closed for user duck',
      expect.stringMatching(
        /^systemd-logind: Session \d+ logged out\. Waiting for processes to exit\.$/,
      ),
      expect.stringMatching(/^systemd-logind: Removed session \d+\.$/),
    ]);
  });
});

describe('auditd', () => {
  const records = auditExec({
    epochMs: T,
    serial: 4242,
    pid: 3100,
    ppid: 3001,
    uid: 998,
    auid: 4294967295,
    ses: 4294967295,
    tty: '(none)',
    comm: 'sh',
    exe: '/usr/bin/bash',
    argv: ['sh', '-c', 'cat /etc/passwd'],
    key: 'web_exec',
    subj: 'system_u:system_r:httpd_t:s0',
  });

  it('writes a program start as one event group sharing time and serial', () => {
    expect(records.map((r) => /^type=(\w+)/.exec(r)![1])).toEqual([
      'SYSCALL',
      'EXECVE',
      'CWD',
      'PATH',
      'PATH',
      'PROCTITLE',
    ]);
    for (const r of records) expect(r).toContain(' msg=audit(1773223200.000:4242): ');
    expect(records[0]).toContain('comm="sh" exe="/usr/bin/bash"');
    expect(records[3]).toContain('item=0 name="/usr/bin/sh"');
  });

  it('hex-encodes what auditd encodes, and only that', () => {
    const hex = (s: string) => Buffer.from(s).toString('hex').toUpperCase();
    expect(records[1]).toBe(
      `type=EXECVE msg=audit(1773223200.000:4242): argc=3 a0="sh" a1="-c" a2=${hex('cat /etc/passwd')}`,
    );
    expect(records[5]).toMatch(new RegExp(`proctitle=${hex('sh\u0000-c\u0000cat /etc/passwd')}$`));
  });

  it('varies the syscall pointers from event to event', () => {
    const other = auditExec({
      ...{ epochMs: T, serial: 4243, pid: 3101, ppid: 3001, uid: 0, auid: 0, ses: 1 },
      ...{ tty: 'pts0', comm: 'ls', exe: '/usr/bin/ls', argv: ['ls'], key: 'exec', subj: 's0' },
    });
    const args = (r: string) => /a0=(\w+) a1=(\w+) a2=(\w+)/.exec(r)!.slice(1);
    expect(args(other[0]!)).not.toEqual(args(records[0]!));
    for (const a of args(records[0]!)) expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(other[5]).toMatch(/proctitle="ls"$/);
  });
});

describe('ModSecurity v3 with the CRS anomaly scoring', () => {
  const rce = {
    id: '932150',
    msg: 'Remote Command Execution: Direct Unix Command Execution',
    file: 'REQUEST-932-APPLICATION-ATTACK-RCE.conf',
    data: "Matched Data: /bin/sh found within ARGS:a: /bin/sh -c 'id'",
  };

  it('denies through 949110 and correlates in 980130 once the score reaches the threshold', () => {
    const messages = crsMessages({ blocked: true, rules: [rce] });
    expect(messages.map((m) => [m.id, m.disruptive])).toEqual([
      ['932150', false],
      ['949110', true],
      ['980130', false],
    ]);
    expect(messages[0]!.match).toMatch(
      /^Matched "Operator `Rx' with parameter `.+' against variable `ARGS:a' \(Value: `\/bin\/sh -c 'id'' \)$/,
    );
    expect(messages[1]!.msg).toBe('Inbound Anomaly Score Exceeded (Total Score: 5)');
    expect(messages[2]!.msg).toBe(
      'Inbound Anomaly Score Exceeded (Total Inbound Score: 5 - SQLI=0,XSS=0,RFI=0,LFI=0,RCE=5,PHPI=0,HTTP=0,SESS=0): individual paranoia level scores: 5, 0, 0, 0',
    );
    expect(messages[0]!.tags).toContain('paranoia-level/1');
    for (const m of messages) expect(m.lineNumber).toBeGreaterThan(1);
  });

  it('only warns below the threshold or when the request passed', () => {
    expect(crsMessages({ blocked: false, rules: [rce] }).map((m) => m.id)).toEqual(['932150']);
  });

  it('writes the real unique_id form and each message’s match text and line number', () => {
    const id = modsecUniqueId(T, 123_456_789);
    expect(id).toMatch(/^\d{12}\.\d{6}$/);
    expect(id.startsWith(String(T / 1000))).toBe(true);
    const record = JSON.parse(
      modsecAudit(T, {
        ...{ client: '203.0.113.7', port: 50_096, serverIp: '10.0.9.11', uniqueId: id },
        ...{ method: 'GET', path: '/index.php?a=id', ua: 'curl/8.5.0', status: 403 },
        messages: crsMessages({ blocked: true, rules: [rce] }),
      }),
    ).transaction;
    expect(record.host_port).toBe(443);
    expect(record.messages.map((m: { details: { ruleId: string } }) => m.details.ruleId)).toEqual([
      '932150',
      '949110',
      '980130',
    ]);
    expect(record.messages[1].details).toMatchObject({
      match:
        "Matched \"Operator `Ge' with parameter `5' against variable `TX:ANOMALY_SCORE' (Value: `5' )",
      lineNumber: '81',
      file: expect.stringMatching(/REQUEST-949-BLOCKING-EVALUATION\.conf$/),
    });
  });
});

describe('Suricata EVE', () => {
  const flow = { flowId: 1, src: '203.0.113.7', sport: 50_096, dst: '10.0.9.11', dport: 443 };

  it('gives every alert its classtype’s priority as severity', () => {
    for (const [category, priority] of Object.entries(CLASSTYPE_PRIORITY)) {
      const e = JSON.parse(
        eveAlert(T, 0, flow, { sid: 2_000_001, signature: 'ET TEST', category, severity: 9 }),
      );
      expect(e.alert.severity, category).toBe(priority);
    }
    expect(CLASSTYPE_PRIORITY['Web Application Attack']).toBe(1);
    expect(CLASSTYPE_PRIORITY['Detection of a Network Scan']).toBe(3);
  });

  it('writes DNS queries and answers as UDP events of one flow', () => {
    const f = { ...flow, dport: 53, dst: '10.0.5.53', proto: 'UDP' as const };
    const q = JSON.parse(
      eveDns(T, 1, f, { type: 'query', id: 4242, rrname: 'x.example', rrtype: 'TXT' }),
    );
    const a = JSON.parse(
      eveDns(T + 2, 5, f, {
        type: 'answer',
        id: 4242,
        rrname: 'x.example',
        rrtype: 'TXT',
        answers: [{ rrtype: 'TXT', ttl: 60, rdata: 'ok' }],
      }),
    );
    expect([q.proto, q.event_type, q.dns.type, a.dns.type, a.dns.rcode]).toEqual([
      'UDP',
      'dns',
      'query',
      'answer',
      'NOERROR',
    ]);
    expect(a.flow_id).toBe(q.flow_id);
    expect(a.dns.grouped).toEqual({ TXT: ['ok'] });
  });
});

describe('a drill’s baseline', () => {
  const telemetry = telemetryFor(
    plainScenario((s) => ({ ...s, start_time: '2026-03-11T09:00:00Z' })),
    7,
    [],
  );
  const lines = telemetry.window(0, 0.5 * HOUR);

  it('gives MySQL connections rising thread ids with connect, query and quit in order', () => {
    const db = lines.filter((l) => l.component === 'DB1' && l.source === 'mysql-general');
    const byThread = new Map<number, string[]>();
    let last = 0;
    for (const l of db) {
      const [, thread, command] = /^\S+\t\s*(\d+) (\w+)/.exec(l.text)!;
      const id = Number(thread);
      if (command === 'Connect') {
        expect(id).toBeGreaterThan(last);
        last = id;
      }
      byThread.set(id, [...(byThread.get(id) ?? []), command!]);
    }
    expect(byThread.size).toBeGreaterThan(50);
    for (const commands of byThread.values())
      expect(commands).toEqual(['Connect', 'Query', 'Quit']);
    expect(mysqlThreadId(T, 1)).toBe(mysqlThreadId(T, 0) + 1);
  });

  it('never sends from a network or broadcast address', () => {
    const sources = lines.flatMap((l) =>
      [
        ...l.text.matchAll(
          /(?:SRC=|"src_ip":"|"client_ip":"|^|from |client )(\d+\.\d+\.\d+\.\d+)\b/g,
        ),
      ].map((m) => m[1]!),
    );
    expect(sources.length).toBeGreaterThan(1000);
    expect(sources.filter((ip) => /\.(0|255)$/.test(ip))).toEqual([]);
  });
});

describe('ECS export', () => {
  const night = plainScenario();
  const drill = noResponse(night);
  const telemetry = telemetryFor(night, 7, []);
  const window = telemetry.window(0.5 * HOUR, 0.75 * HOUR, {}, drill);
  const docs = window
    .filter((l) => l.source !== 'inject')
    .map((l) => ({
      line: l,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      doc: toEcsDocument(l, telemetry.world.epoch0) as Record<string, any>,
    }));

  it('maps the parsed fields to ECS names, typed as ECS declares them', () => {
    const web = docs.find((d) => d.line.source === 'nginx-access')!.doc;
    expect(web).toMatchObject({
      ecs: { version: EcsVersion },
      event: { kind: 'event', category: ['web'], type: ['access'], outcome: 'success' },
      source: { ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) },
      url: { path: expect.stringMatching(/^\//), original: expect.any(String) },
      http: { request: { method: 'GET' }, response: { status_code: expect.any(Number) } },
      user_agent: { original: expect.any(String) },
    });
    const exec = docs.find(
      (d) => d.line.source === 'auditd' && d.line.text.startsWith('type=SYSCALL'),
    )!.doc;
    expect(exec).toMatchObject({
      event: { category: ['process'], type: ['start'] },
      process: { name: expect.any(String), executable: expect.stringMatching(/^\//) },
    });
    const fw = docs.find(
      (d) => d.line.source === 'firewall' && d.line.text.includes(' DROP '),
    )!.doc;
    expect(fw).toMatchObject({
      event: { category: ['network'], type: ['connection', 'denied'], outcome: 'failure' },
      destination: { port: expect.any(Number) },
      network: { transport: 'tcp' },
    });
    const alert = docs.find((d) => d.line.source === 'eve' && d.line.text.includes('"alert"'));
    if (alert) expect(alert.doc.event.kind).toBe('alert');
  });

  it('uses only field names the @elastic/ecs definitions have', () => {
    const flat = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? flat(v as Record<string, unknown>, `${prefix}${k}.`)
          : [`${prefix}${k}`],
      );
    const names = new Set(docs.flatMap((d) => flat(d.doc)));
    expect(names.size).toBeGreaterThan(20);
    for (const name of names) expect(EcsFlat, name).toHaveProperty([name]);
  });

  it('carries the same events as the raw files', () => {
    for (const spec of telemetry.streams) {
      const raw = telemetry.writeStream(spec, 0.5 * HOUR, 0.75 * HOUR, drill, () => undefined);
      const ecs = docs.filter(
        (d) => d.line.component === spec.component && d.line.source === spec.source,
      ).length;
      expect(ecs, spec.file).toBe(raw);
    }
  });
});

describe('formats for the evidence to come (DNS resolver, Kong Admin API)', () => {
  it('writes BIND 9 query-log lines', () => {
    expect(bindQuery(T + 251, '10.0.1.11', 45_678, 'x1.example.net', 'TXT', '10.0.5.53')).toMatch(
      /^11-Mar-2026 10:00:00\.251 queries: info: client @0x[0-9a-f]{12} 10\.0\.1\.11#45678 \(x1\.example\.net\): query: x1\.example\.net IN TXT \+E\(0\)K \(10\.0\.5\.53\)$/,
    );
  });

  it('knows the Kong Admin API’s real routes from made-up ones', () => {
    for (const path of [
      '/status',
      '/services',
      '/services/payments/routes',
      '/consumers/partner-x/key-auth',
      '/plugins/8f1c2a',
      '/routes/r1/plugins?size=100',
    ])
      expect(isKongAdminPath(path), path).toBe(true);
    for (const path of ['/admin', '/api/keys/export', '/consumers/x/passwords', '/services/a/b/c'])
      expect(isKongAdminPath(path), path).toBe(false);
    expect(kongAdminAccess('10.0.5.5', T, 'POST', '/consumers', 201, 312, 'curl/8.5.0')).toBe(
      '10.0.5.5 - - [11/Mar/2026:10:00:00 +0000] "POST /consumers HTTP/1.1" 201 312 "-" "curl/8.5.0"',
    );
  });
});
