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
