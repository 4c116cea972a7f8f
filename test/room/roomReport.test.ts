import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishDrill } from '../../src/cli/commands/play.js';
import { checkArchitectureFile, orThrow } from '../../src/model/index.js';
import { DrillSession } from '../../src/play/session.js';
import {
  appendControl,
  applyControl,
  openRoom,
  pendingControls,
  readControls,
  roomPaths,
} from '../../src/room/index.js';
import { ARCHITECTURE_FILE, cli } from '../helpers.js';
import { decisionScenario, fakeWall } from '../tui/helpers.js';

/*
 * The after-action report of a room drill: two teams of one room, each rated by the evaluator
 * from the room and each recording its own decision; each team's report has its own decision log
 * and its own evaluator's ratings beside the computed ones.
 */
describe('the after-action reports of a room drill', () => {
  it('hold, per team, its decision log and the evaluator ratings sent from the room', async () => {
    const paths = roomPaths(mkdtempSync(join(tmpdir(), 'ttx-room-aar-')));
    openRoom(paths, 'fe-bash-rce-0007', new Date('2026-12-01T10:00:00Z'));
    const architecture = orThrow(checkArchitectureFile(ARCHITECTURE_FILE));
    const scenario = decisionScenario();
    const choice = { Blue: 'block-now', Red: 'watch' } as const;
    const rating = { Blue: 'P', Red: 'U' } as const;
    const files: string[] = [];
    for (const team of ['Blue', 'Red'] as const) {
      const session = new DrillSession(architecture.model, scenario, {
        seed: '7',
        wall: fakeWall().now,
        mode: 'turn-based',
      });
      session.actor = team;
      session.wait(8 * 60_000); // the scan and its decision point came up at 6m
      expect(
        session.act({
          do: 'decide',
          decision: 'scan-response',
          option: choice[team],
          owner: `${team} lead`,
          text: `${team} rationale`,
        }),
      ).toEqual({ ok: true });
      // The evaluator rates this team from the room: a control for it alone.
      appendControl(
        paths,
        team,
        { do: 'rate', objective: 'detect', rating: rating[team], text: `${team} seen` },
        new Date(),
      );
      for (const control of pendingControls(readControls(paths), team, 0))
        applyControl(session, control);
      session.end();
      const extras = await finishDrill(session, architecture, {
        team,
        code: 'fe-bash-rce-0007',
        resultsDir: paths.results,
      });
      files.push(extras.resultsPath!);
    }
    expect(readdirSync(paths.results).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    for (const [i, team] of (['Blue', 'Red'] as const).entries()) {
      const other = team === 'Blue' ? 'Red' : 'Blue';
      const report = await cli(['export', files[i]!, '--format', 'markdown']);
      expect(report.code, report.stderr).toBe(0);
      const md = report.stdout;
      expect(md).toContain('## Decision log');
      expect(md).toContain(`${team} rationale`);
      expect(md).not.toContain(`${other} rationale`);
      expect(md).toContain("## Evaluators' ratings");
      expect(md).toContain('Computed (ttx)');
      expect(md).toMatch(
        new RegExp(`\\| detect \\| \\S+ \\| ${rating[team]} \\(evaluator\\) \\| ${team} seen \\|`),
      );
    }
  });
});
