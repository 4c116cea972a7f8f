import { describe, expect, it } from 'vitest';
import { Drill, type ActionRequest } from '../../src/engine/index.js';
import { hostConsole, runShell } from '../../src/investigation/index.js';
import { checkScenarioFile, orThrow } from '../../src/model/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { architecture, ROOT } from '../helpers.js';

/*
 * What the response does to a host shows on its console (decision 0960), on the leftovers
 * fixture: the backup points under /backup, the web shell gone after its removal or a clean
 * restore, back after a restore from a point newer than it.
 */
const arch = architecture();
const scenario = orThrow(
  checkScenarioFile(`${ROOT}test/fixtures/engine/leftovers.yaml`, arch),
).model;
const SHELL = '/var/www/shop/public/media/static/thumb.php';
const MIN = 60_000;

function consoleAfter(steps: Array<[minute: number, ActionRequest]>, at: number) {
  const drill = new Drill(arch, scenario, 1);
  for (const [minute, request] of steps) {
    drill.advanceTo(minute * MIN);
    drill.act(request);
  }
  drill.advanceTo(at * MIN);
  const ctx = hostConsole(drill.compiled, createTelemetry(drill.compiled, 1), drill, 'FEServ1')!;
  return (command: string) => runShell(ctx, command).lines.join('\n');
}

describe('the console after the response', { timeout: 60_000 }, () => {
  it('lists the backup points of the host, newest last, under /backup', () => {
    const ls = consoleAfter([], 5)('ls /backup');
    expect(ls.split(/\s+/)).toEqual([
      'nightly@2026-05-26T02:00:00Z',
      'nightly@2026-05-27T02:00:00Z',
      'nightly@2026-05-28T02:00:00Z',
      'nightly@2026-05-29T02:00:00Z',
      'nightly@2026-05-30T02:00:00Z',
      'nightly@2026-05-31T02:00:00Z',
      'nightly@2026-06-01T02:00:00Z',
    ]);
  });

  it('shows the web shell until it is removed', () => {
    expect(consoleAfter([], 20)(`ls ${SHELL}`)).toBe('thumb.php');
    const removed = consoleAfter(
      [[0, { do: 'remove-artefact', target: 'FEServ1', value: SHELL }]],
      20,
    );
    expect(removed(`ls ${SHELL}`)).toMatch(/No such file or directory/);
  });

  it('a clean restore takes the shell away; a restore from a newer point brings it back', () => {
    const restore = (point: string) =>
      consoleAfter(
        [[0, { do: 'restore-backup', target: 'FEServ1', value: `/backup/${point}` }]],
        70,
      );
    expect(restore('nightly@2026-05-29T02:00:00Z')(`ls ${SHELL}`)).toMatch(/No such file/);
    expect(restore('nightly@2026-05-31T02:00:00Z')(`ls ${SHELL}`)).toBe('thumb.php');
  });
});
