/* eslint-disable @typescript-eslint/no-explicit-any -- the fixture's YAML edited as data */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Drill, type TraceEntry } from '../../src/engine/index.js';
import { drillFacts, MISSING_PHP_BYTES, type Fact } from '../../src/evidence/index.js';
import { hostConsole, runShell } from '../../src/investigation/index.js';
import { checkScenarioText, orThrow, type Scenario } from '../../src/model/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, ROOT } from '../helpers.js';

/*
 * What goes through an artefact answers for what is there (issue 14): while the trainee has the web
 * shell removed, the attacker's requests to it are 404s (the access log and every device on the
 * path read the same fact) and the commands it ran do not happen; a deleted backdoor account's
 * logins fail; an item that names the artefact (`through:`) stops. Placed again, it answers again.
 */
const arch = architecture();
const MIN = 60_000;
const SHELL = '/var/www/shop/public/media/static/thumb.php';
const FE_BASH = `${ROOT}scenarios/fe-bash-rce.yaml`;

const doc = parse(readFileSync(`${ROOT}test/fixtures/engine/leftovers.yaml`, 'utf8')) as Record<
  string,
  any
>;
const state = doc.attacker.states.find((s: { id: string }) => s.id === 'shell');
state.leaves.push({ id: 'backdoor-user', kind: 'account', on: 'FEServ1', account: 'svc-x' });
state.evidence.push(
  {
    id: 'backdoor-login',
    kind: 'auth',
    on: 'FEServ1',
    service: 'ssh',
    user: 'svc-x',
    method: 'password',
    every: '5m',
  },
  {
    id: 'upload',
    kind: 'connection',
    on: 'FEServ1',
    to: 'attacker',
    port: 443,
    bytes: 5000,
    every: '5m',
    through: 'web-shell',
  },
);
const scenario: Scenario = orThrow(checkScenarioText('through.yaml', stringify(doc), arch)).model;

const removeShell = { do: 'remove-artefact', target: 'FEServ1', value: SHELL };
const removeUser = { do: 'remove-artefact', target: 'FEServ1', value: 'svc-x' };

function drillWith(requests: Array<typeof removeShell>, at = 30): Drill {
  const drill = new Drill(arch, scenario, 1);
  drill.advanceTo(MIN);
  for (const request of requests) drill.act(request);
  drill.advanceTo(at * MIN);
  return drill;
}

const factsOf = (drill: Drill, trace: readonly TraceEntry[] = drill.trace): Fact[] =>
  drillFacts(drill.compiled, trace, drill.context.seed, { from: 0, to: 30 * MIN });
const removedAt = (drill: Drill) => drill.trace.find((e) => e.type === 'artefact.removed')!.t;
const byItem = (facts: Fact[], item: string) => facts.filter((f) => f.item === item);

describe('a removed web shell answers 404', { timeout: 60_000 }, () => {
  const untouched = drillWith([]);
  const removed = drillWith([removeShell]);
  const t = removedAt(removed);

  it('its requests before the removal are 200 with the shell’s output, after it 404', () => {
    const requests = byItem(factsOf(removed), 'planted.shell-requests');
    const before = requests.filter((f) => f.t < t);
    const after = requests.filter((f) => f.t >= t);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(2);
    for (const f of before) expect([f.status, (f.fields as any).bytes]).toEqual([200, 1400]);
    for (const f of after)
      expect([f.status, (f.fields as any).bytes]).toEqual([404, MISSING_PHP_BYTES]);
    // The same requests, at the same times: the attacker still asks, the server has nothing.
    expect(requests.map((f) => f.t)).toEqual(
      byItem(factsOf(untouched), 'planted.shell-requests').map((f) => f.t),
    );
    for (const f of byItem(factsOf(untouched), 'planted.shell-requests'))
      expect(f.status).toBe(200);
  });

  it('the commands it ran stop at the removal, and what names it (through:) too', () => {
    for (const item of ['planted.shell-commands', 'upload']) {
      const kept = byItem(factsOf(untouched), item);
      const cut = byItem(factsOf(removed), item);
      expect(kept.some((f) => f.t >= t)).toBe(true);
      expect(cut.length).toBeGreaterThan(0);
      expect(cut.every((f) => f.t < t)).toBe(true);
    }
  });

  it('FEServ1’s access log shows the 404s after the removal and no shell process runs', () => {
    const telemetry = createTelemetry(removed.compiled, 1);
    const spec = telemetry.streams.find((s) => s.file === 'FEServ1/nginx/access.log')!;
    const chunks: string[] = [];
    telemetry.writeStream(spec, 0, 30 * MIN, removed, (c) =>
      chunks.push(Buffer.from(c).toString('latin1')),
    );
    const shellLines = chunks
      .join('')
      .split('\n')
      .filter((l) => l.includes('POST /media/static/thumb.php'));
    expect(shellLines.some((l) => / 200 1400 /.test(l))).toBe(true);
    expect(shellLines.filter((l) => / 404 16 /.test(l)).length).toBeGreaterThan(2);
    // The last lines are all 404s: nothing answers after the removal.
    expect(shellLines.at(-1)).toMatch(/ 404 16 /);
    const ctx = hostConsole(removed.compiled, telemetry, removed, 'FEServ1')!;
    expect(runShell(ctx, 'ps aux').lines.join('\n')).not.toContain('ls -la /home/*/.ssh');
  });

  it('placed again, it answers again and its commands run again', () => {
    const back = 20 * MIN;
    const trace: TraceEntry[] = [
      ...removed.trace,
      { t: back, type: 'artefact.placed', artefact: 'web-shell', component: 'FEServ1' },
    ];
    const facts = factsOf(removed, trace);
    const requests = byItem(facts, 'planted.shell-requests');
    expect(requests.filter((f) => f.t >= back).length).toBeGreaterThan(0);
    for (const f of requests.filter((f) => f.t >= back)) expect(f.status).toBe(200);
    for (const f of requests.filter((f) => f.t >= t && f.t < back)) expect(f.status).toBe(404);
    expect(byItem(facts, 'planted.shell-commands').some((f) => f.t >= back)).toBe(true);
  });
});

describe('a deleted backdoor account’s logins fail', { timeout: 60_000 }, () => {
  it('success before the removal, failure after it; the web shell is untouched', () => {
    const removed = drillWith([removeUser]);
    const t = removedAt(removed);
    const logins = byItem(factsOf(removed), 'backdoor-login');
    expect(logins.filter((f) => f.t < t).map((f) => (f.fields as any).outcome)).toContain(
      'success',
    );
    const after = logins.filter((f) => f.t >= t);
    expect(after.length).toBeGreaterThan(2);
    for (const f of after) expect((f.fields as any).outcome).toBe('failure');
    for (const f of byItem(factsOf(removed), 'planted.shell-requests')) expect(f.status).toBe(200);
  });
});

describe('through: names an artefact of the scenario', () => {
  it('lint refuses one that names nothing', () => {
    const bad = structuredClone(doc);
    bad.attacker.states[0].evidence.at(-1).through = 'no-such-artefact';
    const result = checkScenarioText('bad.yaml', stringify(bad), arch);
    expect(result.loaded).toBeUndefined();
    expect(JSON.stringify(result.diagnostics)).toContain('no-such-artefact');
  });
});

describe('fe-bash-rce: the shipped web shell and reverse shell', { timeout: 120_000 }, () => {
  const fe = orThrow(checkScenarioText(FE_BASH, readFileSync(FE_BASH, 'utf8'), arch)).model;
  // Seed 7 without a response: foothold at 47m32s, the reverse shell from 56m32s, BEServ1 at 86m57s.
  const play = (requests: Array<{ do: string; target: string; value: string }>, at = 75) => {
    const drill = new Drill(arch, fe, 7);
    drill.advanceTo(60 * MIN);
    for (const request of requests) drill.act(request);
    drill.advanceTo(at * MIN);
    return drill;
  };
  const facts = (drill: Drill, to = 75) =>
    drillFacts(drill.compiled, drill.trace, drill.context.seed, { from: 0, to: to * MIN });
  const console = (drill: Drill, command: string) => {
    const ctx = hostConsole(drill.compiled, createTelemetry(drill.compiled, 7), drill, 'FEServ1')!;
    return runShell(ctx, command).lines.join('\n');
  };

  it('killing bash on FEServ1 closes the connection to the attacker and leaves ps', () => {
    const untouched = play([]);
    const killed = play([{ do: 'kill-process', target: 'FEServ1', value: 'bash' }]);
    expect(killed.trace.some((e) => e.type === 'action.misdirected')).toBe(false);
    const kill = killed.trace.find((e) => e.type === 'process.killed')!;
    expect(kill).toMatchObject({ component: 'FEServ1', process: 'bash' });
    const shell = (drill: Drill) => byItem(facts(drill), 'reverse-shell');
    expect(shell(untouched)[0]!.until).toBe(75 * MIN); // open: the stay goes on
    expect(shell(killed)[0]).toMatchObject({ until: kill.t, endedBy: 'kill' });
    expect(byItem(facts(killed), 'reverse-shell-process')[0]).toMatchObject({ until: kill.t });
    expect(console(untouched, 'ps aux')).toContain('/dev/tcp/');
    expect(console(killed, 'ps aux')).not.toContain('/dev/tcp/');
    expect(console(untouched, 'ss -tanp')).toContain(':4444');
    expect(console(killed, 'ss -tanp')).not.toContain(':4444');
  });

  it('removing thumb.php turns its requests into 404s in FEServ1’s access log, and its commands stop', () => {
    const removed = play([{ do: 'remove-artefact', target: 'FEServ1', value: SHELL }], 86);
    const t = removedAt(removed);
    const requests = byItem(facts(removed, 86), 'shell.shell-requests');
    expect(requests.filter((f) => f.t >= t).length).toBeGreaterThan(3);
    for (const f of requests) expect(f.status).toBe(f.t < t ? 200 : 404);
    const commands = byItem(facts(removed, 86), 'shell.shell-commands');
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.every((f) => f.t < t)).toBe(true);
    const telemetry = createTelemetry(removed.compiled, 7);
    const shellLines = (file: string) => {
      const spec = telemetry.streams.find((s) => s.file === file)!;
      const chunks: string[] = [];
      telemetry.writeStream(spec, 45 * MIN, 86 * MIN, removed, (c) =>
        chunks.push(Buffer.from(c).toString('latin1')),
      );
      return chunks
        .join('')
        .split('\n')
        .filter((l) => l.includes('POST /media/static/thumb.php'));
    };
    const gone = requests.filter((f) => f.t >= t).length;
    // The web server, the load balancer in front of it and nginx's error log tell the same story.
    for (const file of ['FEServ1/nginx/access.log', 'LB1/haproxy.log']) {
      const lines = shellLines(file);
      expect(lines.filter((l) => / 404 16 /.test(l)).length, file).toBe(gone);
      expect(lines.filter((l) => / 200 1400 /.test(l)).length, file).toBe(requests.length - gone);
    }
    expect(
      shellLines('FEServ1/nginx/error.log').filter((l) => l.includes('Primary script unknown'))
        .length,
    ).toBe(gone);
  });
});
