import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillView, Telemetry } from '../../src/telemetry/index.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';
import { tool } from './tools.js';

/*
 * The generated files as real tools read them: goaccess, ausearch, jq and lnav parse every line
 * with no error. Small windows (an hour around the attack at night, an hour of a working morning)
 * keep this fast; the whole drill is the benchmark's job.
 */

const dir = mkdtempSync(join(tmpdir(), 'ttx-tools-'));
const files = new Map<string, { path: string; lines: number }>();

function writeAll(
  name: string,
  telemetry: Telemetry,
  from: number,
  to: number,
  drill?: DrillView,
): void {
  for (const spec of telemetry.streams) {
    const path = join(dir, name, spec.file);
    mkdirSync(dirname(path), { recursive: true });
    const chunks: Buffer[] = [];
    const lines = telemetry.writeStream(spec, from, to, drill, (c) => chunks.push(Buffer.from(c)));
    writeFileSync(path, Buffer.concat(chunks));
    files.set(`${name}/${spec.file}`, { path, lines });
  }
}

beforeAll(() => {
  // Night: the attack (no response) between T+30m and T+1h30m.
  const night = plainScenario();
  const drill = noResponse(night);
  writeAll('night', telemetryFor(night, 7), 0.5 * HOUR, 1.25 * HOUR, drill);
  // A Wednesday morning: administrators' SSH sessions, sudo, cron, the full baseline.
  const day = plainScenario((s) => ({ ...s, start_time: '2026-03-11T09:00:00Z' }));
  writeAll('day', telemetryFor(day, 11), 0, 0.5 * HOUR);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const matching = (suffix: string) =>
  [...files]
    .filter(([key, f]) => key.endsWith(suffix) && f.lines > 0)
    .map(([key, f]) => ({
      key,
      ...f,
    }));

describe('real tools read the generated logs', () => {
  it('goaccess parses every nginx and Kong access log (COMBINED) with 0 invalid lines', () => {
    const logs = [
      ...matching('nginx/access.log'),
      ...matching('kong/access.log'),
      ...matching('kong/admin_access.log'),
    ];
    expect(logs.length).toBeGreaterThanOrEqual(7);
    for (const log of logs) {
      const report = join(dir, 'goaccess.json');
      const ga = spawnSync(
        tool('goaccess'),
        [log.path, '--log-format=COMBINED', '--no-global-config', '-o', report],
        { encoding: 'utf8' },
      );
      expect(ga.status, `${log.key}: ${ga.stderr}`).toBe(0);
      const general = JSON.parse(readFileSync(report, 'utf8')).general;
      expect(general.failed_requests, log.key).toBe(0);
      expect(general.valid_requests, log.key).toBe(log.lines);
    }
  });

  it('ausearch -if -i reads every auditd file with no error and finds every event', () => {
    const logs = matching('audit/audit.log');
    expect(logs.length).toBeGreaterThan(20);
    for (const log of logs) {
      const run = spawnSync(tool('ausearch'), ['-if', log.path, '-i'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(run.stderr, log.key).toBe('');
      expect(run.status, log.key).toBe(0);
      const text = readFileSync(log.path, 'utf8');
      const events = new Set([...text.matchAll(/msg=audit\(([\d.]+:\d+)\)/g)].map((m) => m[1]));
      // ausearch prints one `----` separator per event it assembled.
      expect(run.stdout.split('\n').filter((l) => l === '----').length, log.key).toBe(events.size);
    }
  });

  it('jq reads every line of every JSON log', () => {
    const logs = [
      ...matching('suricata/eve.json'),
      ...matching('modsec_audit.log'),
      ...matching('alerts.json'),
    ];
    expect(logs.map((l) => l.key)).toEqual(
      expect.arrayContaining(['night/IPS1/suricata/eve.json', 'night/WAF1/modsec_audit.log']),
    );
    for (const log of logs) {
      const run = spawnSync(tool('jq'), ['-c', '.', log.path], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(run.stderr, log.key).toBe('');
      expect(run.status, log.key).toBe(0);
      expect(run.stdout.split('\n').filter(Boolean).length, log.key).toBe(log.lines);
    }
  });

  it('lnav recognises the formats it knows on every line', () => {
    const expectations: Array<[string, string]> = [
      ['nginx/access.log', 'access_log'],
      ['kong/access.log', 'access_log'],
      ['kong/admin_access.log', 'access_log'],
      ['/secure', 'syslog_log'],
      ['/messages', 'syslog_log'],
      ['firewall.log', 'syslog_log'],
      ['haproxy.log', 'syslog_log'],
      ['slapd.log', 'syslog_log'],
    ];
    const logs = expectations.flatMap(([suffix, format]) =>
      matching(suffix).map((log) => ({ ...log, format })),
    );
    expect(logs.length).toBeGreaterThan(20);
    // One lnav run over every file: the format it detected and the lines it parsed, per file.
    const run = spawnSync(
      tool('lnav'),
      [
        '-n',
        '-c',
        ';SELECT log_path, log_format, count(*) AS n FROM all_logs GROUP BY log_path, log_format',
        '-c',
        ':write-csv-to -',
        ...logs.map((l) => l.path),
      ],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 },
    );
    expect(run.status, run.stderr).toBe(0);
    const seen = new Map(
      run.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((row) => {
          const [path = '', format = '', n = ''] = row.split(',');
          return [path, `${format} ${n}`];
        }),
    );
    for (const log of logs) expect(seen.get(log.path), log.key).toBe(`${log.format} ${log.lines}`);
  });
});
