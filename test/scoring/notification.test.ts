import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestPolicy } from '../../src/authoring/bestPolicy.js';
import { runDrill } from '../../src/engine/index.js';
import {
  checkRubricFile,
  checkScenarioFile,
  checkScenarioText,
  orThrow,
  parseDuration,
  type ActionLogEntry,
} from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { GOLDEN_DIR, architecture, ROOT } from '../helpers.js';

const FILE = `${ROOT}test/fixtures/obligations/breach.yaml`;
const arch = architecture();
const breach = orThrow(checkScenarioText(FILE, readFileSync(FILE, 'utf8'), arch)).model;
const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;
const h = (d: string) => parseDuration(d)!;

function notification(actions: Array<Record<string, string>>, scenario = breach, seed = 3) {
  const log = actions.map((a) => ({ ...a, at: h(a.at!) }) as ActionLogEntry);
  const result = runDrill(arch, scenario, seed, log);
  return scoreDrill({ architecture: arch, scenario, rubric, result }).dimensions.find(
    (d) => d.id === 'notification',
  )!;
}
const finding = (dim: ReturnType<typeof notification>, text: string) =>
  dim.findings.find(
    (f) => f.text.startsWith('Notify the supervisory authority') && f.text.includes(text),
  );

describe('the notify-and-communicate dimension', () => {
  it('a personal-data breach not notified within 72 hours of awareness is the obligation finding', () => {
    const dim = notification([]);
    expect(dim.evaluated).toBe(true);
    const art33 = dim.findings.find((f) => f.text.includes('supervisory-authority'))!;
    expect(art33.code).toBe('notification.overdue');
    expect(art33.points).toBe(0);
    expect(art33.t).toBe(h('73h'));
    expect(dim.points).toBe(0);
  });

  it('notifying in time earns it', () => {
    const dim = notification([{ at: '1h30m', do: 'notify', contact: 'dpa' }]);
    const art33 = dim.findings.find((f) => f.text.includes('supervisory-authority'))!;
    expect(art33.code).toBe('notification.on-time');
    expect(art33.points).toBeGreaterThan(0);
    // Two obligations started (Art. 33 and, the data being critical, Art. 34): one of two met.
    expect(dim.share).toBeCloseTo(0.5, 5);
  });

  it('late earns the late credit; all met on time earns the whole dimension', () => {
    const late = notification([{ at: '75h', do: 'notify', contact: 'dpa' }]);
    expect(late.findings.find((f) => f.code === 'notification.late')).toBeDefined();
    expect(late.share).toBeCloseTo(0.5 * rubric.dimensions.notification!.late_credit, 5);
    const all = notification([
      { at: '1h30m', do: 'notify', contact: 'dpa' },
      { at: '2h', do: 'notify', contact: 'customers' },
    ]);
    expect(all.share).toBe(1);
    expect(finding(all, 'dpa notified')).toBeDefined();
  });

  it('a notification nobody could know was owed costs; a voluntary report to the police does not', () => {
    const early = notification([
      { at: '10m', do: 'notify', contact: 'dpa' },
      { at: '10m', do: 'notify', contact: 'police' },
    ]);
    const codes = early.findings.map((f) => f.code);
    expect(codes).toContain('notification.needless');
    expect(early.findings.filter((f) => f.code === 'notification.needless')).toHaveLength(1);
    expect(early.findings.find((f) => f.code === 'notification.needless')?.text).toContain('dpa');
  });

  it('nothing to notify and nobody notified: not evaluated', () => {
    const fp = orThrow(checkScenarioFile(`${GOLDEN_DIR}fp-marketing-upload.yaml`, arch)).model;
    const dim = notification([], fp);
    expect(dim.evaluated).toBe(false);
  });

  it('the model answer notifies once it could know an obligation applies, and meets them all', () => {
    const log = bestPolicy(arch, breach, 3);
    const notify = log.filter((a) => a.do === 'notify');
    expect(notify.map((a) => a.contact).sort()).toEqual(['customers', 'dpa']);
    // Not before the leak sample made the team aware (T+1h).
    expect(Math.min(...notify.map((a) => a.at))).toBeGreaterThanOrEqual(h('1h'));
    const result = runDrill(arch, breach, 3, log);
    const dim = scoreDrill({
      architecture: arch,
      scenario: breach,
      rubric,
      result,
    }).dimensions.find((d) => d.id === 'notification')!;
    expect(dim.share).toBe(1);
  });
});

describe('notify and communicate: what each finding says and points at', () => {
  const ART33 =
    'Notify the supervisory authority of a personal data breach (GDPR, supervisory-authority, within 3d)';
  const AWARE = 'aware at T+01:00:00: inject leak-sample shows personal-data; due T+73:00:00';
  const types = (f: { events: Array<{ type: string }> }) => f.events.map((e) => e.type);

  it('overdue: the deadline passed with nobody notified, pointing at the start and the deadline', () => {
    const art33 = notification([]).findings.find((f) => f.text.startsWith(ART33))!;
    expect(art33.text).toBe(`${ART33}: nobody was notified by the deadline (${AWARE})`);
    expect(art33.recommendation).toBe(
      'Notify dpa (supervisory-authority) once you know; a first notification may be completed later.',
    );
    expect(types(art33)).toEqual(['obligation.started', 'obligation.overdue']);
  });

  it('missing: the drill ended before the deadline, pointing at the start only', () => {
    const short = { ...breach, end: { ...breach.end, time_limit: h('10h') } };
    const art33 = notification([], short).findings.find((f) => f.text.startsWith(ART33))!;
    expect(art33.code).toBe('notification.missing');
    expect(art33.text).toBe(`${ART33}: nobody was notified by the end of the drill (${AWARE})`);
    expect(types(art33)).toEqual(['obligation.started']);
  });

  it('on time and late: who was notified when, pointing at the start and the notification', () => {
    const dim = notification([
      { at: '1h30m', do: 'notify', contact: 'dpa' },
      { at: '75h', do: 'notify', contact: 'customers' },
    ]);
    const [onTime, late] = dim.findings;
    expect(onTime!.text).toBe(`${ART33}: dpa notified at T+01:45:00 (${AWARE})`);
    expect(onTime!.recommendation).toBeUndefined();
    expect(types(onTime!)).toEqual(['obligation.started', 'obligation.met']);
    expect(late!.code).toBe('notification.late');
    expect(late!.text).toMatch(/: customers notified at T\+75:15:00 \(late\) \(aware at /);
    expect(late!.recommendation).toBe(
      'Start the notification when you become aware, not when the clock runs out.',
    );
    expect(types(late!)).toEqual(['obligation.started', 'obligation.met']);
  });

  it('needless: said with its time, costs the penalty, points at the notification', () => {
    const needless = notification([{ at: '1m', do: 'notify', contact: 'dpa' }]).findings.find(
      (f) => f.code === 'notification.needless',
    )!;
    expect(needless.text).toBe(
      'dpa notified at T+00:16:00 although no obligation the team could know of asked for it',
    );
    expect(needless.points).toBeLessThan(0);
    expect(needless.recommendation).toMatch(/^Notify when an obligation applies to what you know/);
    expect(types(needless)).toEqual(['action.started', 'action.done']);
  });

  it('a notification done at the very moment its obligation started is owed, not needless', () => {
    // The dpa notification takes 15m; the leak sample makes the team aware at T+1h.
    const dim = notification([{ at: '45m', do: 'notify', contact: 'dpa' }]);
    expect(dim.findings.map((f) => f.code)).not.toContain('notification.needless');
  });

  it('a contact of the recipient an obligation owes, not the one it names, counts as that recipient', () => {
    // A second desk of the acquirer: no obligation names it, PCI DSS owes its recipient. No card
    // data was reached here, so telling it is needless.
    const acquirer = arch.contacts.find((c) => c.id === 'acquirer')!;
    const twoDesks = {
      ...arch,
      contacts: [...arch.contacts, { ...acquirer, id: 'acquirer-hotline' }],
    };
    const result = runDrill(twoDesks, breach, 3, [
      { at: h('1m'), do: 'notify', contact: 'acquirer-hotline' } as ActionLogEntry,
    ]);
    const dim = scoreDrill({
      architecture: twoDesks,
      scenario: breach,
      rubric,
      result,
    }).dimensions.find((d) => d.id === 'notification')!;
    expect(
      dim.findings.filter((f) => f.code === 'notification.needless').map((f) => f.text),
    ).toEqual([expect.stringMatching(/^acquirer-hotline notified at /)]);
  });

  it('nothing started but somebody notified: evaluated, the dimension less the needless call', () => {
    const quiet = { ...breach, end: { ...breach.end, time_limit: h('50m') } };
    const dim = notification([{ at: '1m', do: 'notify', contact: 'dpa' }], quiet);
    expect(dim.evaluated).toBe(true);
    expect(dim.findings[0]).toEqual({
      code: 'notification.none-required',
      points: dim.max,
      text: 'no obligation to notify applied to what the team could know',
      events: [],
    });
    expect(dim.share).toBeCloseTo(1 - rubric.dimensions.notification!.needless_penalty, 5);
  });

  it('nothing started and nobody notified: the not-evaluated finding in words', () => {
    const quiet = { ...breach, end: { ...breach.end, time_limit: h('50m') } };
    expect(notification([], quiet).findings).toEqual([
      {
        code: 'notification.not-evaluated',
        points: 0,
        text: 'no obligation to notify applied to what the team could know (not evaluated)',
        events: [],
      },
    ]);
  });
});
