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

  it('shows who is off duty or away now, with the backup, and who takes formal notifications', () => {
    const file = `${ROOT}test/fixtures/obligations/contacts.yaml`;
    const evening = orThrow(checkScenarioText(file, readFileSync(file, 'utf8'), arch)).model;
    const drill = new Drill(arch, evening, 3);
    const row = (id: string) => projectEscalation(drill, 'low').contacts.find((c) => c.id === id);
    expect(row('dpo')?.away).toBeUndefined();
    expect(row('ciso')?.away).toContain('out of office');
    expect(row('ciso')?.away).toContain('backup Mouse');
    drill.advanceTo(65 * 60_000); // 19:05 UTC
    expect(row('dpo')?.away).toContain('off duty');
    expect(row('dpo')?.away).toContain('backup Upper management');
    expect(row('dpa')?.recipient).toBe('supervisory-authority');
    expect(row('snow')?.recipient).toBeUndefined();
  });
});

describe('the escalate tab files a notification through its last channel', () => {
  it('Enter on a recipient with the formal-notification channel sends notify, not escalate', async () => {
    const { DrillSession } = await import('../../src/play/session.js');
    const { handleCommand } = await import('../../src/tui/controller.js');
    const { initialUi } = await import('../../src/tui/uiState.js');
    const session = new DrillSession(arch, breach, {
      seed: '3',
      wall: () => 0,
      mode: 'turn-based',
    });
    const view = projectEscalation(session.drill, 'low');
    const ui = {
      ...initialUi({ screen: 'dashboard' }),
      focus: 'work' as const,
      tab: 'escalate' as const,
      contactIndex: view.contacts.findIndex((c) => c.id === 'dpa'),
      channelIndex: view.channels.length - 1,
    };
    const deps = {
      catalog: [],
      session,
      startSession: () => session,
      exit: () => {},
      pageSize: 10,
    };
    const after = handleCommand(ui, 'select', deps);
    expect(after.message).toContain('notifying');
    const started = session.drill.trace.find((e) => e.type === 'action.started');
    expect(started?.type === 'action.started' && started.request).toMatchObject({
      do: 'notify',
      contact: 'dpa',
    });
  });
});
