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
import { ROOT, runCli } from '../helpers.js';
import { tool } from '../telemetry/tools.js';

const BIN = join(ROOT, 'bin/ttx.js');

const ttx = (...args: string[]) => runCli(args, { bin: BIN });

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
  expect(build.status).toBe(0);
});

describe('ttx logs', () => {
  const out = mkdtempSync(join(tmpdir(), 'ttx-logs-'));
  let run: ReturnType<typeof ttx>;
  beforeAll(() => {
    run = ttx('logs', 'fe-bash-rce', '--seed', '7', '--out', join(out, 'a'));
  }, 120_000);

  it('writes one file per component and source, named like the real ones', () => {
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

  it('the whole drill’s nginx access logs parse in goaccess (COMBINED) with zero invalid lines', () => {
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

  it('gives identical bytes for the same scenario, seed and window', () => {
    const again = ttx(
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
    const once = ttx(
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

  it('writes ECS NDJSON for one component', () => {
    const r = ttx(
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
        message: expect.any(String),
        event: { dataset: 'modsecurity.audit' },
        host: { name: 'waf1' },
      });
      expect(JSON.stringify(doc)).not.toContain('malicious');
    }
  });

  it('rejects bad options with a one-line usage error', () => {
    expect(ttx('logs', '--format', 'xml').code).toBe(2);
    expect(ttx('logs', '--component', 'FEServ9').stderr).toMatch(/^ttx: no log stream matches/);
    expect(ttx('logs', '--syslog', 'tcp://127.0.0.1:514').code).toBe(2);
    expect(ttx('logs', '--from', 'soon').stderr).toMatch(/not a duration/);
  });
});

describe('ttx logs --syslog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-rsyslog-'));
  const port = 20_000 + (process.pid % 20_000);
  const received = join(dir, 'received.log');
  let rsyslog: ReturnType<typeof spawn> | undefined;

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'rsyslog.conf'),
      [
        // Long HTTP lines and bursts: a larger message size and socket buffer, as on a real collector.
        `global(workDirectory="${dir}" maxMessageSize="64k")`,
        'module(load="imudp")',
        `input(type="imudp" address="127.0.0.1" port="${port}" rcvBufSize="8m")`,
        'template(name="fields" type="string" string="%hostname% %app-name% %msgid% %msg%\\n")',
        `*.* action(type="omfile" file="${received}" template="fields")`,
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

  it('a real rsyslog on 127.0.0.1 receives every line of a streamed drill', async () => {
    const r = ttx(
      'logs',
      '--seed',
      '7',
      '--component',
      'FEServ1',
      '--syslog',
      `udp://127.0.0.1:${port}`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = Number(/sent (\d+) syslog messages/.exec(r.stdout)?.[1]);
    expect(sent).toBeGreaterThan(10_000);
    let lines: string[] = [];
    for (let i = 0; i < 100; i++) {
      lines = existsSync(received)
        ? readFileSync(received, 'utf8').split('\n').filter(Boolean)
        : [];
      if (lines.length >= sent) break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(lines.length).toBe(sent);
    // rsyslog parsed our RFC 5424 header: host name and app name are the component and source.
    expect(lines.some((l) => l.startsWith('feserv1 nginx-access - '))).toBe(true);
    expect(lines.some((l) => l.startsWith('feserv1 auditd - type=EXECVE'))).toBe(true);
    expect(relative(dir, received)).toBe('received.log');
  }, 60_000);
});
