import { describe, expect, it } from 'vitest';
import { Sight } from '../../src/authoring/sight.js';
import { compileScenarioData } from '../../src/engine/index.js';
import type { Fact } from '../../src/evidence/index.js';
import { architecture, defaultScenario } from '../helpers.js';

const arch = architecture();
const compiled = compileScenarioData(arch, defaultScenario());
const sight = new Sight(compiled);
const OUTSIDE = '203.0.113.9';
const fact = (kind: string, fields: Record<string, unknown>, extra: Partial<Fact> = {}): Fact =>
  ({
    id: 'x#0/i/0',
    t: 0,
    kind,
    on: 'FEServ1',
    from: { kind: 'address', ip: OUTSIDE },
    state: 's',
    entry: 0,
    occurrence: 0,
    malicious: false,
    fields: { kind, ...fields },
    outcome: 'delivered',
    path: [],
    ...extra,
  }) as unknown as Fact;
const signs = (f: Fact, shown: Fact[] = [f]) => sight.signsOf(f, shown);

describe('Sight: the architecture severity signs, read from the lines alone', () => {
  it('tells an exploit attempt from a scan, and ours from outside', () => {
    expect(signs(fact('http', { method: 'GET', path: '/index.php', query: 'a=1' }))).toEqual([
      'reached-server',
    ]);
    expect(signs(fact('http', { method: 'GET', path: '/CHANGELOG.txt' }))).toEqual([]);
    expect(
      signs(
        fact(
          'http',
          { method: 'POST', path: '/cms/upload.php' },
          { from: { kind: 'address', ip: '10.20.4.57' } },
        ),
      ),
    ).toEqual([]);
    expect(signs(fact('http', { method: 'POST', path: '/x' }, { outcome: 'blocked' }))).toEqual([]);
    expect(sight.outside('10.0.1.11')).toBe(false);
    expect(sight.outside(OUTSIDE)).toBe(true);
  });

  it('calls code and persistence an implant, not a picture', () => {
    expect(
      signs(
        fact('file', { path: '/var/www/shop/public/media/static/thumb.php', action: 'create' }),
      ),
    ).toEqual(['implant']);
    expect(signs(fact('file', { path: '/var/spool/cron/nginx', action: 'modify' }))).toEqual([
      'implant',
    ]);
    expect(
      signs(
        fact('file', {
          path: '/var/www/shop/public/media/static/Banner (2).PNG',
          action: 'create',
        }),
      ),
    ).toEqual([]);
  });

  it('reads bulk reads, credentials and data leaving at their thresholds', () => {
    expect(signs(fact('db', { statement: 'select', rows: 1000 }))).toEqual(['data-read']);
    expect(signs(fact('db', { statement: 'select', rows: 999 }))).toEqual([]);
    expect(signs(fact('db', { statement: 'dump', rows: 1 }))).toEqual(['data-read']);
    const to = (ip: string) => ({ to: { kind: 'address', ip } }) as Partial<Fact>;
    expect(signs(fact('connection', { bytes: 10 * 1024 * 1024 }, to(OUTSIDE)))).toEqual([
      'data-leaves',
    ]);
    expect(signs(fact('connection', { bytes: 10 * 1024 * 1024 - 1 }, to(OUTSIDE)))).toEqual([
      'commands',
    ]);
    expect(signs(fact('connection', { bytes: 1e9 }, to('10.0.3.11')))).toEqual([]);
    const bind = (result: number) => fact('directory', { operation: 'bind', result });
    expect(signs(bind(0), [bind(49), bind(0)])).toEqual(['credentials']);
    expect(signs(bind(0), [bind(0)])).toEqual([]);
    // An admin entry added is an account the attacker controls, not a credential taken.
    expect(signs(fact('directory', { operation: 'add', result: 0 }))).toEqual(['login']);
  });

  it('gives the highest severity whose signs were met, as the architecture lists them', () => {
    const levels = arch.severities.map((s) => s.id);
    for (const s of arch.severities)
      for (const sign of s.signs)
        expect(arch.severities.find((x) => x.signs.includes(sign))?.id, sign).toBe(s.id);
    expect(levels.indexOf(arch.severities.find((s) => s.signs.includes('data-read'))!.id)).toBe(
      levels.length - 1,
    );
    expect(new Sight(compiled).severity()).toBe(compiled.scenario.severity);
  });
});
