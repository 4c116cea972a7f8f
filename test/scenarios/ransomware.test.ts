import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/index.js';
import {
  checkScenarioFile,
  orThrow,
  parseDuration,
  type ActionLogEntry,
} from '../../src/model/index.js';
import { architecture, ROOT } from '../helpers.js';

/*
 * ransomware-backups on the persistence model (decision 0960): the stolen backup key is an exposed
 * secret that works on the databases, and purging the vault leaves no db-nightly point.
 */
const arch = architecture();
const scenario = orThrow(checkScenarioFile(`${ROOT}scenarios/ransomware-backups.yaml`, arch)).model;
const at = (d: string) => parseDuration(d)!;
const DB_POINT = 'db-nightly@2026-12-05T03:00:00Z';

describe('ransomware-backups: the key, the vault and the restore', () => {
  it('isolating BEServ2 without rotating the key lets the crew back in to the databases', () => {
    const isolateOnly: ActionLogEntry[] = [{ at: at('6m'), do: 'isolate-host', target: 'BEServ2' }];
    const { trace } = runDrill(arch, scenario, 3, isolateOnly);
    const back = trace.find((e) => e.type === 'attacker.reentered');
    expect(back).toMatchObject({ via: 'backup-key', kind: 'secret', state: 'encryption' });
    // ...and rotating it in time keeps them out.
    const rotated = runDrill(arch, scenario, 3, [
      ...isolateOnly,
      { at: at('8m'), do: 'rotate-secret', value: 'svc-dbbackup' },
    ]);
    expect(rotated.trace.some((e) => e.type === 'attacker.reentered')).toBe(false);
    expect(rotated.outcome.attackerReached).not.toContain('encryption');
  });

  it('after the vault was purged there is no db-nightly point to restore from', () => {
    const late: ActionLogEntry[] = [
      { at: at('59m'), do: 'rotate-secret', value: 'svc-dbbackup' },
      { at: at('1h15m'), do: 'restore-backup', target: 'DB1', value: DB_POINT },
    ];
    const { trace, outcome } = runDrill(arch, scenario, 3, late);
    expect(outcome.attackerReached).toContain('backup-wipe');
    const rejected = trace.find(
      (e) => e.type === 'action.rejected' && e.request.do === 'restore-backup',
    );
    expect(rejected && 'reason' in rejected ? rejected.reason : '').toMatch(/gone/);
  });

  it('with the vault locked in time, last night’s point restores DB1 clean after the encryption', () => {
    const locked: ActionLogEntry[] = [
      { at: at('6m'), do: 'protect-backups' },
      { at: at('59m'), do: 'rotate-secret', value: 'svc-dbbackup' },
      { at: at('1h15m'), do: 'restore-backup', target: 'DB1', value: DB_POINT },
    ];
    const { trace, outcome } = runDrill(arch, scenario, 3, locked);
    expect(outcome.attackerReached).toEqual(expect.arrayContaining(['wipe-refused', 'encryption']));
    expect(outcome.attackerReached).not.toContain('backup-wipe');
    expect(trace.find((e) => e.type === 'host.restored' && e.component === 'DB1')).toMatchObject({
      how: 'backup',
      point: DB_POINT,
      clean: true,
    });
  });
});
