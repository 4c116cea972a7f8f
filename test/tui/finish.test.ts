import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishDrill } from '../../src/cli/commands/play.js';
import { runDrill } from '../../src/engine/index.js';
import { readResultsFile } from '../../src/export/index.js';
import { checkArchitectureFile, orThrow } from '../../src/model/index.js';
import { ARCHITECTURE_FILE, defaultScenario } from '../helpers.js';
import { newSession, untilFired } from './helpers.js';

describe('the end of a played drill', () => {
  it('scores it, saves results with the action log and notes, and replays to the same score', async () => {
    const { session } = newSession({ mode: 'turn-based' });
    untilFired(session, 'siem-bash-exec');
    session.act({ do: 'plan.confirm' });
    session.act({ do: 'note', text: 'bash from php-fpm on FEServ1' });
    session.act({ do: 'isolate-host', target: 'FEServ1' });
    session.act({ do: 'block-ip', target: 'FW1', value: '198.51.100.23' });
    session.end();
    expect(session.actionLog.map((a) => a.do)).toEqual([
      'plan.confirm',
      'note',
      'isolate-host',
      'block-ip',
      'end',
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'ttx-finish-'));
    const architecture = orThrow(checkArchitectureFile(ARCHITECTURE_FILE));
    const extras = await finishDrill(session, architecture, { resultsDir: dir, trainee: 'alice' });
    expect(extras.resultsError).toBeUndefined();
    expect(extras.score?.max).toBe(100);
    // Eleven dimensions, severity assessment, investigation, recovery and notification included.
    expect(extras.score?.items).toHaveLength(11);
    expect(existsSync(extras.resultsPath!)).toBe(true);

    const saved = readResultsFile(extras.resultsPath!);
    expect(saved.participants.trainee).toBe('alice');
    expect(saved.notes).toEqual([
      expect.objectContaining({ text: 'bash from php-fpm on FEServ1' }),
    ]);
    expect(saved.actions.map((a) => a.do)).toContain('note');
    expect(saved.score.total).toBe(extras.score!.total);
    // The saved seed and action log are the drill: replaying them gives the same outcome.
    const replayed = runDrill(architecture.model, defaultScenario(), saved.seed, saved.actions);
    expect(JSON.stringify(replayed.outcome)).toBe(JSON.stringify(saved.outcome));
    expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(session.drill.trace));
  });

  it('says why when results cannot be written, instead of crashing', async () => {
    const { session } = newSession({ mode: 'turn-based' });
    session.end();
    const architecture = orThrow(checkArchitectureFile(ARCHITECTURE_FILE));
    // A results "folder" below a regular file cannot be created (ENOTDIR).
    const file = join(mkdtempSync(join(tmpdir(), 'ttx-finish-')), 'plain-file');
    writeFileSync(file, 'x');
    const extras = await finishDrill(session, architecture, { resultsDir: join(file, 'results') });
    expect(extras.resultsPath).toBeUndefined();
    expect(extras.resultsError).toMatch(/^not saved: /);
    expect(extras.score?.total).toBeGreaterThanOrEqual(0);
  });
});
