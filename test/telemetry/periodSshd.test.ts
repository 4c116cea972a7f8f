import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, orThrow, type Scenario } from '../../src/model/index.js';
import { parseLine } from '../../src/telemetry/rules/parseLine.js';
import { architecture, ROOT } from '../helpers.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

/*
 * sshd writes what the host's OpenSSH of the drill's date wrote: Debian 7 runs 6.0p1 (MD5 key
 * fingerprints, named only at LogLevel VERBOSE, RSA keys, sysvinit: no systemd-logind), CentOS 7 in
 * 2014 runs 6.4p1 (the key's MD5 in the Accepted line, logind present). An `OpenSSH x.y` stack
 * entry overrides the OS default; today's hosts keep SHA256 and ED25519.
 */

const DRUPAGEDDON = `${ROOT}scenarios/drupageddon-advisory.yaml`;

function drupageddon(): Scenario {
  return orThrow(checkScenarioText(DRUPAGEDDON, readFileSync(DRUPAGEDDON, 'utf8'), architecture()))
    .model;
}

/** The auth log lines of every host whose file matches `file`, over the first `hours`. */
function authLines(scenario: Scenario, file: RegExp, hours: number): string[] {
  const telemetry = telemetryFor(scenario, 7);
  const drill = noResponse(scenario);
  const out: string[] = [];
  for (const spec of telemetry.streams.filter((s) => file.test(s.file))) {
    const chunks: string[] = [];
    telemetry.writeStream(spec, 0, hours * HOUR, drill, (c) =>
      chunks.push(Buffer.from(c).toString('latin1')),
    );
    out.push(...chunks.join('').split('\n').filter(Boolean));
  }
  return out;
}

const MD5 = /[0-9a-f]{2}(?::[0-9a-f]{2}){15}/;

describe('sshd by the OpenSSH of the host and the period', () => {
  const scenario = drupageddon();

  it('Debian 7 (OpenSSH 6.0p1, sysvinit): MD5 fingerprints of RSA keys, no SHA256, no logind', () => {
    // IPS1, WAF1, LB1, LB2, LOG1, DNS1 and SIEM1 run Debian 7 in the 2014 drill.
    const lines = authLines(scenario, /^(IPS1|WAF1|LB1|LB2|LOG1|DNS1|SIEM1)\/auth\.log$/, 6);
    const sshd = lines.filter((l) => / sshd\[\d+\]: /.test(l));
    expect(sshd.length).toBeGreaterThan(5);
    for (const l of lines) {
      expect(l).not.toContain('SHA256:');
      expect(l).not.toContain('ED25519');
      expect(l).not.toContain('systemd-logind');
      expect(l).not.toContain('Disconnected from user');
    }
    const accepted = sshd.filter((l) => l.includes('Accepted publickey'));
    expect(accepted.length).toBeGreaterThan(0);
    for (const l of accepted) expect(l).toMatch(/ port \d+ ssh2$/);
    const keys = sshd.filter((l) => l.includes('Found matching RSA key: '));
    expect(keys.length).toBe(accepted.length * 2);
    for (const l of keys) expect(l).toMatch(new RegExp(`Found matching RSA key: ${MD5.source}$`));
    expect(
      sshd.some((l) => /Received disconnect from [\d.]+: 11: disconnected by user$/.test(l)),
    ).toBe(true);
    // The SIEM still reads the login.
    expect(parseLine('auth', accepted[0]!)).toMatchObject({ event: 'accepted', program: 'sshd' });
  });

  it('the older login lines render alike in any cut of the window', () => {
    const telemetry = telemetryFor(scenario, 7);
    const drill = noResponse(scenario);
    for (const file of ['DNS1/auth.log', 'SIEM1/auth.log', 'FEServ1/secure']) {
      const spec = telemetry.streams.find((s) => s.file === file)!;
      const render = (cuts: number[]) => {
        const chunks: string[] = [];
        for (let i = 0; i + 1 < cuts.length; i++)
          telemetry.writeStream(spec, cuts[i]!, cuts[i + 1]!, drill, (c) =>
            chunks.push(Buffer.from(c).toString('latin1')),
          );
        return chunks.join('');
      };
      const whole = render([0, 3 * HOUR]);
      expect(whole).toContain('sshd[');
      // Cut at every minute: a session starting on a minute keeps its lines on one side.
      expect(render(Array.from({ length: 181 }, (_, i) => i * 60_000))).toBe(whole);
    }
  });

  it('CentOS 7 in 2014 (OpenSSH 6.4p1): the RSA key MD5 in the Accepted line, logind present', () => {
    const lines = authLines(scenario, /^(FE|BE)Serv\d\/secure$/, 6);
    const accepted = lines.filter((l) => l.includes('Accepted publickey'));
    expect(accepted.length).toBeGreaterThan(0);
    for (const l of accepted) expect(l).toMatch(new RegExp(` ssh2: RSA ${MD5.source}$`));
    expect(lines.some((l) => l.includes('systemd-logind'))).toBe(true);
    for (const l of lines) expect(l).not.toContain('SHA256:');
  });

  it('an OpenSSH stack entry overrides the OS default', () => {
    // Today's drill with every host pinned to OpenSSH 6.4 (CentOS 7 and Debian 12 alike).
    const components = architecture().components.map((c) => ({
      id: c.id,
      stack: [...(c.stack ?? []), 'OpenSSH 6.4'],
    }));
    const pinned = authLines(
      plainScenario((s) => ({
        ...s,
        architecture_overrides: {
          components,
          contacts: [],
          escalation_matrix: {},
          obligations: [],
        },
      })),
      /\/(secure|auth\.log)$/,
      6,
    );
    const accepted = pinned.filter((l) => l.includes('Accepted publickey'));
    expect(accepted.length).toBeGreaterThan(0);
    for (const l of accepted) expect(l).toMatch(new RegExp(` ssh2: RSA ${MD5.source}$`));
  });

  it("today's hosts keep SHA256 fingerprints of ED25519 keys and logind", () => {
    const lines = authLines(plainScenario(), /\/(secure|auth\.log)$/, 6);
    const accepted = lines.filter((l) => l.includes('Accepted publickey'));
    expect(accepted.length).toBeGreaterThan(0);
    for (const l of accepted) expect(l).toMatch(/ ssh2: ED25519 SHA256:[A-Za-z0-9+/]{43}$/);
    expect(lines.some((l) => l.includes('systemd-logind'))).toBe(true);
  });
});
