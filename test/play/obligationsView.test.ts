import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/engine/index.js';
import { checkScenarioText, orThrow } from '../../src/model/index.js';
import { NOTIFY_CHANNEL, projectEscalation } from '../../src/play/projections/actions.js';
import { architecture, ROOT } from '../helpers.js';

const FILE = `${ROOT}test/fixtures/obligations/breach.yaml`;
const arch = architecture();
const breach = orThrow(checkScenarioText(FILE, readFileSync(FILE, 'utf8'), arch)).model;

describe('the escalate form shows what the team owes and files notifications', () => {
  it('no clock before awareness; the open clock after; met once the notification is done', () => {
    const drill = new Drill(arch, breach, 3);
    drill.advanceTo(30 * 60_000);
    expect(projectEscalation(drill, 'low').obligations).toEqual([]);
    drill.advanceTo(61 * 60_000);
    const open = projectEscalation(drill, 'low').obligations.find((o) => o.id === 'gdpr-art33');
    expect(open).toMatchObject({ contact: 'dpa', state: 'open', dueAt: 73 * 3_600_000 });
    // The formal notification is the form's last channel; the engine takes it as `notify`.
    const view = projectEscalation(drill, 'low');
    expect(view.channels.at(-1)?.id).toBe(NOTIFY_CHANNEL);
    drill.act({ do: 'notify', contact: 'dpa' });
    drill.advanceTo(80 * 60_000);
    expect(
      projectEscalation(drill, 'low').obligations.find((o) => o.id === 'gdpr-art33')?.state,
    ).toBe('met');
  });
});
