import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/exitCodes.js';
import { searchCommand } from '../../src/cli/commands/search.js';
import {
  compileQuery,
  indexLines,
  QuerySyntaxError,
  SearchIndex,
  searchDocs,
  type SearchDoc,
} from '../../src/investigation/index.js';
import { Drill } from '../../src/engine/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, defaultScenario } from '../helpers.js';

const EXPLOIT = 'url.path:*PHP%0Ais_the_shittiest_lang*';
// fe-bash-rce, seed 7: the attacker (198.51.100.23) gets in at T+27m37s.
const INITIAL_ACCESS = 27 * 60_000 + 37_000;

function search(at: string, query: string) {
  let text = '';
  searchCommand('fe-bash-rce', { seed: '7', at, query, json: true }, (s) => (text += s));
  return JSON.parse(text) as {
    total: number;
    at: number;
    hits: Array<{ t: number; component: string; fields: Record<string, unknown> }>;
    histogram: Array<{ count: number }>;
    action: { do: string; text: string };
  };
}

// Each search generates every log of the drill up to --at: give it room on a loaded machine.
describe('ttx search', { timeout: 90_000 }, () => {
  it('finds the exploit requests after the initial access and none before', () => {
    expect(search('27m', EXPLOIT).total).toBe(0);
    const after = search('32m', `${EXPLOIT} AND component:FEServ1 AND source:nginx-access`);
    expect(after.total).toBeGreaterThan(0);
    expect(after.hits.every((h) => h.t >= INITIAL_ACCESS && h.t <= 32 * 60_000)).toBe(true);
    expect(after.hits.every((h) => h.fields.src_ip === '198.51.100.23')).toBe(true);
    expect(after.histogram.reduce((n, b) => n + b.count, 0)).toBe(after.total);
    expect(after.action).toEqual({ at: 32 * 60_000, do: 'search', text: expect.any(String) });
  });

  it('never reads past --at', () => {
    const early = search('30m', 'source.ip:198.51.100.23');
    expect(early.total).toBeGreaterThan(0);
    expect(early.hits.every((h) => h.t <= 30 * 60_000)).toBe(true);
  });

  it('answers a syntax error with its position, not a stack trace', () => {
    const run = () => search('45m', 'source.ip:(198.51.100.23');
    expect(run).toThrow(CliError);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).toMatch(/query syntax error: .* at column 11/);
      expect((error as Error).message).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe('the query language', () => {
  const doc = (fields: SearchDoc['fields'], text = ''): SearchDoc => ({
    t: 0,
    component: 'FEServ1',
    source: 'nginx-access',
    text,
    fields,
  });
  const matches = (query: string, d: SearchDoc) => compileQuery(query).predicate(d);
  const hit = doc(
    {
      src_ip: '203.0.113.7',
      path: '/index.php?a=id',
      status: 502,
      user_agent: 'Go-http-client/1.1',
    },
    '203.0.113.7 - - "GET /index.php?a=id HTTP/1.1" 502',
  );

  it.each([
    ['source.ip:203.0.113.7', true],
    ['src_ip:203.0.113.70', false],
    ['source.ip:203.0.113.*', true],
    ['http.response.status_code:>=500', true],
    ['status:<500', false],
    ['status:[500 TO 599]', true],
    ['status:{502 TO 599]', false],
    ['url.path:/index.php*', true],
    ['url.path:/index\\.ph./', true],
    ['user_agent:Go-http-client/1.1', true],
    ['path:"a=id"', true],
    ['path:"A=ID"', false],
    ['GET', true],
    ['NOT GET', false],
    ['-status:502', false],
    ['user.name:*', false],
    ['src_ip:* AND NOT user:*', true],
    ['component:feserv1 (status:200 OR status:502)', true],
  ])('%s -> %s', (query, expected) => {
    expect(matches(query, hit)).toBe(expected);
  });

  it('locates syntax errors', () => {
    expect(() => compileQuery('status:(502')).toThrow(QuerySyntaxError);
    expect(() => compileQuery('status:502 AND')).toThrow(/incomplete/);
  });

  it('reports fields no line has', () => {
    const docs = indexLines([
      { t: 0, component: 'FEServ1', source: 'nginx-access', text: 'x', malicious: false },
    ]);
    expect(searchDocs(docs, 'sorce.ip:1.2.3.4', 10).unknownFields).toEqual(['sorce.ip']);
  });
});

describe('the drill index (SearchIndex)', { timeout: 90_000 }, () => {
  // fe-bash-rce seed 7, the first hour: the index must answer exactly as a scan of every line.
  const drill = new Drill(architecture(), defaultScenario(), 7);
  drill.advanceTo(3_600_000);
  const lines = createTelemetry(drill.compiled, 7).window(0, 3_600_000, {}, drill);
  const docs = indexLines(lines);
  const index = new SearchIndex();
  for (let from = 0; from < lines.length; from += 997) index.add(lines.slice(from, from + 997));

  it.each([
    'source.ip:198.51.100.23',
    'SOURCE.IP:198.51.100.23 AND NOT status:200',
    'component:feserv1 AND status:[500 TO 599]',
    'url.path:*PHP%0A* AND http.response.status_code:>=500',
    'url.path:*php%0a*',
    'status:<300 AND source:nginx-access',
    'status:{199 TO 300}',
    'component:FEServ1 OR component:FEServ2',
    'NOT source.ip:198.51.100.23 AND method:POST',
    'user:*',
    'php AND source.ip:198.51.100.23',
    'src_ip:"198.51"',
    'path:/\\/index\\.php.*/',
  ])('%s: the same hits as scanning every line', (query) => {
    for (const at of [10 * 60_000, 30 * 60_000, 3_600_000]) {
      const scanned = searchDocs(docs, query, at, { limit: 100_000 });
      const indexed = searchDocs(index, query, at, { limit: 100_000 });
      expect(indexed.total).toBe(scanned.total);
      expect(indexed.hits.map((h) => h.t)).toEqual(scanned.hits.map((h) => h.t));
      expect(indexed.histogram).toEqual(scanned.histogram);
      expect(indexed.unknownFields).toEqual(scanned.unknownFields);
    }
  });

  it('knows every field it has seen, and none it has not', () => {
    expect(searchDocs(index, 'no_such_field:1', 3_600_000).unknownFields).toEqual([
      'no_such_field',
    ]);
    expect(index.size).toBe(lines.length);
  });
});
