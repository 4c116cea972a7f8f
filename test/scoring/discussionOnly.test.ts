import { describe, expect, it } from 'vitest';
import { Drill, isDiscussionOnly, runDrill, type ActionRequest } from '../../src/engine/index.js';
import {
  checkRubricFile,
  checkScenarioFile,
  orThrow,
  parseDuration,
  type ActionLogEntry,
} from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { architecture, ROOT } from '../helpers.js';

// The golden scoring fixture: FEServ1 is breached at 20m, its alert fires at 25m, and the
// expected response is to isolate FEServ1 within 30m of that alert.
const arch = architecture();
const scenario = orThrow(checkScenarioFile(`${ROOT}test/fixtures/scoring/golden.yaml`, arch)).model;
const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;
const ms = (text: string) => parseDuration(text)!;
const DISCUSSION: ActionLogEntry = { at: 0, do: 'discussion-only' };

/** Takes an action the way the play layer does: the engine's verdict, then the action. */
function act(drill: Drill, request: ActionRequest): { ok: boolean; reason?: string } {
  const verdict = drill.check(request);
  drill.act(request);
  return 'reason' in verdict ? { ok: false, reason: verdict.reason } : { ok: true };
}

describe('discussion-only (executive) drills', () => {
  it('refuse technical actions and the investigation once chosen, and keep the rest', () => {
    const drill = new Drill(arch, scenario, 1);
    expect(act(drill, { do: 'discussion-only' }).ok).toBe(true);
    expect(isDiscussionOnly(drill.context)).toBe(true);
    for (const request of [
      { do: 'isolate-host', target: 'FEServ1' },
      { do: 'search', text: 'status:500' },
      { do: 'shell', target: 'FEServ1', text: 'ps' },
      { do: 'mark', value: '203.0.113.9' },
    ]) {
      const verdict = act(drill, request);
      expect(verdict.ok, request.do).toBe(false);
      expect(verdict.reason).toBe('a discussion-only drill has no technical actions');
    }
    expect(act(drill, { do: 'declare-severity', severity: 'major' }).ok).toBe(true);
    expect(act(drill, { do: 'note', text: 'we call the hosting provider' }).ok).toBe(true);
  });

  it('is chosen before the first action, once', () => {
    const late = new Drill(arch, scenario, 1);
    expect(act(late, { do: 'note', text: 'first' }).ok).toBe(true);
    const refused = act(late, { do: 'discussion-only' });
    expect(refused.reason).toBe('discussion-only is chosen before the first action');

    const twice = new Drill(arch, scenario, 1);
    expect(act(twice, { do: 'facilitator.pause' }).ok).toBe(true); // the facilitator's own controls may come first
    expect(act(twice, { do: 'discussion-only' }).ok).toBe(true);
    expect(act(twice, { do: 'discussion-only' }).ok).toBe(false);
  });

  it('leaves the technical dimensions of the rubric not evaluated, and judges the rest', () => {
    const nothing = runDrill(arch, scenario, 1, [DISCUSSION]);
    const score = scoreDrill({ architecture: arch, scenario, rubric, result: nothing });
    const byId = new Map(score.dimensions.map((d) => [d.id, d]));
    for (const id of ['time-to-contain', 'impact', 'evidence'] as const) {
      expect(byId.get(id)?.evaluated, id).toBe(false);
      expect(byId.get(id)?.findings.map((f) => f.code)).toEqual([`${id}.not-evaluated`]);
    }
    // The expected isolation is technical: it is not expected of an executive team.
    expect(score.dimensions.flatMap((d) => d.findings.map((f) => f.code))).not.toContain(
      'expected.missed',
    );
    expect(byId.get('time-to-escalate')?.evaluated).toBe(true);
    expect(score.evaluated).toBe(true);

    // The same drill played technically is judged on containment (and misses it).
    const technical = scoreDrill({
      architecture: arch,
      scenario,
      rubric,
      result: runDrill(arch, scenario, 1, []),
    });
    expect(technical.dimensions.find((d) => d.id === 'time-to-contain')?.evaluated).toBe(true);
  });

  it('rewards the executive team for escalating and declaring, not for what it could not do', () => {
    const score = (actions: ActionLogEntry[]) =>
      scoreDrill({
        architecture: arch,
        scenario,
        rubric,
        result: runDrill(arch, scenario, 1, actions),
      }).total;
    const idle = score([DISCUSSION]);
    const engaged = score([
      DISCUSSION,
      { at: ms('26m'), do: 'plan.confirm' },
      { at: ms('27m'), do: 'declare-severity', severity: 'major' },
    ]);
    expect(engaged).toBeGreaterThan(idle);
  });
});
