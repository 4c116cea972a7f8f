import { describe, expect, it } from 'vitest';
import { checkRubricFile, checkScenarioFile, orThrow } from '../../src/model/index.js';
import { telemetryLogSource } from '../../src/play/logSource.js';
import { projectCoach } from '../../src/play/projections/coach.js';
import { DrillSession } from '../../src/play/session.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { createTelemetry } from '../../src/telemetry/index.js';
import { ROOT, architecture } from '../helpers.js';
import { hintTodos, runTodo, type HintTodo } from '../tui/coachFollow.js';
import { fakeWall } from '../tui/helpers.js';

/*
 * Issue 13: following only the coach's hints reaches at least a B on every coached scenario. The
 * newcomer asks for a hint (h), does the first one exactly as its text says (coachFollow.ts), and
 * asks again, until the drill ends; the drill is then scored with the default rubric.
 */

const arch = architecture();
const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;
const COACHED = ['intro-static-webshell', 'fe-bash-rce', 'fp-marketing-upload'];

function follow(id: string, seed: string) {
  const scenario = orThrow(checkScenarioFile(`${ROOT}scenarios/${id}.yaml`, arch)).model;
  const session = new DrillSession(arch, scenario, {
    seed,
    wall: fakeWall().now,
    mode: 'turn-based',
    logSourceFor: (drill) => telemetryLogSource(createTelemetry(drill.compiled, seed)),
  });
  const followed: string[] = [];
  const run = (todo: HintTodo) => {
    for (const done of runTodo(session, todo))
      expect(done, `${followed.at(-1)}: ${JSON.stringify(todo)}`).toMatchObject({ ok: true });
  };
  for (let step = 0; step < 120 && !session.drill.isEnded; step++) {
    const drill = session.drill;
    const [hint] = projectCoach(drill, { askedAtSeq: drill.context.actionSeq }).hints;
    if (!hint) {
      // No hint for the moment: the newcomer waits for what comes next.
      run('wait');
      continue;
    }
    followed.push(hint.id);
    for (const todo of hintTodos(id, hint.id, session)) if (!session.drill.isEnded) run(todo);
  }
  const { drill } = session;
  const score = scoreDrill({
    architecture: arch,
    scenario,
    rubric,
    result: { seed, trace: drill.trace, outcome: drill.outcome, context: drill.context },
  });
  return { session, score, followed };
}

describe('following only the coach', { timeout: 120_000 }, () => {
  it.each(COACHED.flatMap((id) => ['3', '7'].map((seed) => [id, seed])))(
    // Measured: intro 88.6 on both seeds, fe-bash-rce 87.6 / 87.5, fp-marketing-upload 95.5.
    '%s (seed %s) reaches at least a B',
    (id, seed) => {
      const { score, followed, session } = follow(id, seed);
      // On failure: the hints followed and each dimension's points with what it missed.
      const lines = score.dimensions.map(
        (d) =>
          `${d.id} ${d.points}/${d.max} ${d.findings
            .filter((f) => f.points < 0 || f.code.includes('missed'))
            .map((f) => f.code)
            .join(',')}`,
      );
      expect(session.drill.isEnded).toBe(true);
      expect(score.total, `${followed.join(' ')}\n${lines.join('\n')}`).toBeGreaterThanOrEqual(80);
      expect(['A', 'B']).toContain(score.grade);
    },
  );
});
