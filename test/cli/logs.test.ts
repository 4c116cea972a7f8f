import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliRun } from '../helpers.js';
import { tool } from '../telemetry/tools.js';

const ttx = (...args: string[]) => cli(args);

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('ttx logs', () => {
  const out = mkdtempSync(join(tmpdir(), 'ttx-logs-'));
  let run: CliRun;
  beforeAll(async () => {
    run = await ttx('logs', 'fe-bash-rce', '--seed', '7', '--out', join(out, 'a'));
  }, 120_000);

  it('writes one file per component and source, named like the real ones', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = files(join(out, 'a'));
    for (const f of [
      'FEServ1/nginx/access.log',
      'FEServ1/nginx/error.log',
      'FEServ1/php-fpm/error.log',
      'FEServ1/secure',
      'FEServ1/audit/audit.log',
      'WAF1/modsec_audit.log',
      'IPS1/suricata/eve.json',
      'FW1/firewall.log',
      'LB1/haproxy.log',
      'LDAP1/slapd.log',
      'DB1/mysql/general.log',
      'EBUS1/kong/access.log',
      'SIEM1/alerts.json',
      'IPS1/auth.log',
    ])
      expect(written).toContain(f);
    expect(written.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('the whole drill’s nginx access logs parse in goaccess (COMBINED) with zero invalid lines', async () => {
    const logs = ['FEServ1', 'FEServ2', 'FEServ3'].map((c) =>
      join(out, 'a', c, 'nginx/access.log'),
    );
    const expected = logs.reduce(
      (n, f) => n + readFileSync(f, 'utf8').split('\n').filter(Boolean).length,
      0,
    );
    const report = join(out, 'goaccess.json');
    const ga = spawnSync(
      tool('goaccess'),
      [...logs, '--log-format=COMBINED', '--no-global-config', '-o', report],
      { encoding: 'utf8' },
    );
    expect(ga.status, ga.stderr).toBe(0);
    const general = JSON.parse(readFileSync(report, 'utf8')).general;
    expect(general.failed_requests).toBe(0);
    expect(general.valid_requests).toBe(expected);
    expect(expected).toBeGreaterThan(10_000);
  });

  it('gives identical bytes for the same scenario, seed and window', async () => {
    const again = await ttx(
      'logs',
      'fe-bash-rce',
      '--seed',
      '7',
      '--out',
      join(out, 'b'),
      '--from',
      '20m',
      '--to',
      '1h10m',
    );
    const once = await ttx(
      'logs',
      'fe-bash-rce',
      '--seed',
      '7',
      '--out',
      join(out, 'c'),
      '--from',
      '20m',
      '--to',
      '1h10m',
    );
    expect(again.code).toBe(0);
    expect(once.code).toBe(0);
    const a = files(join(out, 'b'));
    expect(a).toEqual(files(join(out, 'c')));
    for (const f of a) expect(sha(join(out, 'c', f)), f).toBe(sha(join(out, 'b', f)));
  }, 60_000);

  it('writes ECS NDJSON for one component', async () => {
    const r = await ttx(
      'logs',
      '--seed',
      '7',
      '--component',
      'WAF1',
      '--format',
      'ecs-ndjson',
      '--to',
      '1h',
      '--out',
      join(out, 'ecs'),
    );
    expect(r.code).toBe(0);
    const written = files(join(out, 'ecs'));
    expect(written).toContain('WAF1/modsec_audit.log.ndjson');
    expect(written.every((f) => f.startsWith('WAF1/'))).toBe(true);
    for (const line of readFileSync(join(out, 'ecs', 'WAF1/modsec_audit.log.ndjson'), 'utf8')
      .trim()
      .split('\n')) {
      const doc = JSON.parse(line);
      expect(doc).toMatchObject({
        '@timestamp': expect.any(String),
        ecs: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
        message: expect.any(String),
        event: {
          dataset: 'modsecurity.auditlog',
          category: ['web', 'intrusion_detection'],
          outcome: expect.stringMatching(/^(success|failure)$/),
        },
        source: { ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) },
        url: { path: expect.any(String) },
        http: { response: { status_code: expect.any(Number) } },
        host: { name: 'waf1' },
      });
      expect(JSON.stringify(doc)).not.toContain('malicious');
    }
  });

  it('rejects bad options with a one-line usage error', async () => {
    expect((await ttx('logs', '--format', 'xml')).code).toBe(2);
    expect((await ttx('logs', '--component', 'FEServ9')).stderr).toMatch(
      /^ttx: no log stream matches/,
    );
    expect((await ttx('logs', '--syslog', 'ftp://127.0.0.1:514')).code).toBe(2);
    expect((await ttx('logs', '--from', 'soon')).stderr).toMatch(/not a duration/);
  });
});

describe('ttx logs --syslog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-rsyslog-'));
  const port = 20_000 + (process.pid % 20_000);
  const received = join(dir, 'received.log');
  const receivedTcp = join(dir, 'received-tcp.log');
  let rsyslog: ReturnType<typeof spawn> | undefined;

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'rsyslog.conf'),
      [
        // Long HTTP lines and bursts: a larger message size and socket buffer, as on a real collector.
        `global(workDirectory="${dir}" maxMessageSize="64k")`,
        'module(load="imudp")',
        'module(load="imtcp")',
        'template(name="fields" type="string" string="%hostname% %app-name% %msgid% %msg%\\n")',
        `ruleset(name="udp") { action(type="omfile" file="${received}" template="fields") }`,
        `ruleset(name="tcp") { action(type="omfile" file="${receivedTcp}" template="fields") }`,
        `input(type="imudp" address="127.0.0.1" port="${port}" rcvBufSize="8m" ruleset="udp")`,
        `input(type="imtcp" address="127.0.0.1" port="${port + 1}" ruleset="tcp")`,
        '',
      ].join('\n'),
    );
    rsyslog = spawn(
      tool('rsyslogd'),
      ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')],
      { stdio: 'ignore' },
    );
    await new Promise((ok) => setTimeout(ok, 1_500));
  }, 20_000);

  afterAll(() => {
    rsyslog?.kill('SIGTERM');
  });

  async function stream(url: string, file: string): Promise<string[]> {
    const r = await ttx(
      'logs',
      '--seed',
      '7',
      '--component',
      'FEServ1',
      '--to',
      '2h',
      '--syslog',
      url,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = Number(/sent (\d+) syslog messages/.exec(r.stdout)?.[1]);
    expect(sent).toBeGreaterThan(5_000);
    let lines: string[] = [];
    for (let i = 0; i < 100; i++) {
      lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
      if (lines.length >= sent) break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(lines.length).toBe(sent);
    return lines;
  }

  it('a real rsyslog on 127.0.0.1 receives every line of a streamed drill over UDP', async () => {
    const lines = await stream(`udp://127.0.0.1:${port}`, received);
    // rsyslog parsed our RFC 5424 header: host name and app name are the component and source.
    expect(lines.some((l) => l.startsWith('feserv1 nginx-access - '))).toBe(true);
    expect(lines.some((l) => l.startsWith('feserv1 auditd - type=EXECVE'))).toBe(true);
    expect(relative(dir, received)).toBe('received.log');
  }, 60_000);

  it('and over TCP with octet counting (RFC 6587): the same messages, none split or merged', async () => {
    const udp = existsSync(received)
      ? readFileSync(received, 'utf8').split('\n').filter(Boolean)
      : [];
    const tcp = await stream(`tcp://127.0.0.1:${port + 1}`, receivedTcp);
    expect(tcp.some((l) => l.startsWith('feserv1 auditd - type=PROCTITLE'))).toBe(true);
    expect(tcp).toEqual(udp);
  }, 60_000);

  it('says so when nobody listens on the TCP port', async () => {
    const r = await ttx('logs', '--to', '1m', '--syslog', `tcp://127.0.0.1:${port + 2}`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^ttx: --syslog: cannot connect to tcp:\/\/127\.0\.0\.1:\d+/);
  });
});
