import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, orThrow, type Scenario } from '../../src/model/index.js';
import { PROBES, probesOf } from '../../src/telemetry/catalogue.js';
import { architecture, ROOT } from '../helpers.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

/*
 * Background scanners probe only what existed at the drill's date: each catalogue probe carries
 * the year scanners started asking for it, and a drill set in October 2014 never sees the PHPUnit
 * RCE (2017), leaked .env files (2017), Boa routers (2019) or security.txt (2017).
 */

const DRUPAGEDDON = `${ROOT}scenarios/drupageddon-advisory.yaml`;

function drupageddon(): Scenario {
  return orThrow(checkScenarioText(DRUPAGEDDON, readFileSync(DRUPAGEDDON, 'utf8'), architecture()))
    .model;
}

/** Paths the front ends served over the first `hours` (every front end's access log). */
function servedPaths(scenario: Scenario, hours: number): Set<string> {
  const telemetry = telemetryFor(scenario, 7);
  const drill = noResponse(scenario);
  const paths = new Set<string>();
  for (const spec of telemetry.streams.filter((s) => s.file.endsWith('nginx/access.log'))) {
    const chunks: string[] = [];
    telemetry.writeStream(spec, 0, hours * HOUR, drill, (c) =>
      chunks.push(Buffer.from(c).toString('latin1')),
    );
    for (const line of chunks.join('').split('\n'))
      if (line) paths.add(line.split(' ')[6]!.split('?')[0]!);
  }
  return paths;
}

describe('background probes by the year they appeared', () => {
  it('every catalogue probe names its year', () => {
    for (const p of PROBES) expect(p.since).toBeGreaterThanOrEqual(1994);
    expect(probesOf(2026)).toBe(PROBES);
    expect(probesOf(2014).map((p) => p.path)).not.toContain(
      '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
    );
  });

  it('the 2014 drill sees no probe of a later year, and still the older ones', () => {
    const later = PROBES.filter((p) => p.since > 2014).map((p) => p.path);
    expect(later).toEqual(
      expect.arrayContaining([
        '/.env',
        '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
        '/boaform/admin/formLogin',
        '/.well-known/security.txt',
      ]),
    );
    const paths = servedPaths(drupageddon(), 6);
    for (const p of later) expect(paths.has(p), p).toBe(false);
    expect(paths.has('/wp-login.php')).toBe(true);
    expect(paths.has('/phpmyadmin/')).toBe(true);
  });

  it('a drill set today still draws every probe', () => {
    const paths = servedPaths(plainScenario(), 6);
    expect(paths.has('/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php')).toBe(true);
    expect(paths.has('/boaform/admin/formLogin')).toBe(true);
  });
});
