import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { leaderboards, readResultsFile, type Leaderboard, type Results } from '../export/index.js';
import type { Architecture, Scenario } from '../model/index.js';
import { readJournal, type JournalContents } from '../session/index.js';
import { HEARTBEAT_STALE_MS, sinceHeartbeat, type RoomPaths } from './roomFiles.js';
import { PaceMeter, teamRow, type TeamRow } from './roomView.js';

export interface RoomSnapshot {
  teams: Array<TeamRow & { pace: number; problem?: string }>;
  /** Once at least one team has finished: the ranking of the finished teams. */
  leaderboard?: Leaderboard;
}

/**
 * Follows a room folder: every look checks each team's journal, heartbeat and (when it has ended)
 * its results. A journal is read again only when its size or modification time changed (a team
 * writes a clock line a second; most looks find most journals as they were), and a team's drill is
 * replayed only when its journal moved, so following 20 teams costs a few reads and replays a second.
 */
export class RoomMonitor {
  private readonly pace = new PaceMeter();
  private readonly rows = new Map<string, { key: string; row: TeamRow }>();
  private readonly results = new Map<string, Results>();
  private readonly journals = new Map<string, { stamp: string; journal: JournalContents }>();

  constructor(
    readonly paths: RoomPaths,
    private readonly inputs: { architecture: Architecture; scenario: Scenario },
  ) {}

  /** The team's journal, read again only when the file changed since the last look. */
  private journalOf(file: string): JournalContents {
    const stat = statSync(file);
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.journals.get(file);
    if (cached?.stamp === stamp) return cached.journal;
    const journal = readJournal(file);
    this.journals.set(file, { stamp, journal });
    return journal;
  }

  look(nowMs: number): RoomSnapshot {
    const files = existsSync(this.paths.teams)
      ? readdirSync(this.paths.teams)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
      : [];
    const teams: RoomSnapshot['teams'] = [];
    for (const name of files) {
      const file = join(this.paths.teams, name);
      const stem = name.replace(/\.jsonl$/, '');
      try {
        const journal = this.journalOf(file);
        const team = journal.header.team?.name ?? stem;
        const since = sinceHeartbeat(join(this.paths.teams, `${stem}.alive`), nowMs);
        let result = this.results.get(file);
        if (!result && journal.resultsFile && existsSync(journal.resultsFile)) {
          result = readResultsFile(journal.resultsFile);
          this.results.set(file, result);
        }
        const key = `${journal.actions.length}:${journal.lastAt}:${journal.ended}:${since > HEARTBEAT_STALE_MS}:${result !== undefined}`;
        let cached = this.rows.get(file);
        if (!cached || cached.key !== key) {
          cached = {
            key,
            row: teamRow(
              {
                team,
                journal,
                sinceHeartbeat: since,
                ...(result
                  ? { score: { total: result.score.total, grade: result.score.grade } }
                  : {}),
              },
              this.inputs,
              HEARTBEAT_STALE_MS,
            ),
          };
          this.rows.set(file, cached);
        }
        teams.push({ ...cached.row, pace: this.pace.sample(file, cached.row.simNow, nowMs) });
      } catch (error) {
        teams.push({
          team: stem,
          members: '',
          clock: '-',
          simNow: 0,
          status: 'disconnected',
          severity: '-',
          recent: [],
          contained: false,
          decisions: [],
          openDecisions: [],
          pace: 0,
          problem: error instanceof Error ? error.message.split('\n')[0]! : String(error),
        });
      }
    }
    // A team whose journal is gone (the folder was cleaned) leaves no cache behind.
    for (const file of this.journals.keys())
      if (!files.includes(file.slice(this.paths.teams.length + 1))) this.journals.delete(file);
    const finished = [...this.results.values()];
    const board = finished.length ? leaderboards(finished)[0] : undefined;
    return { teams, ...(board ? { leaderboard: board } : {}) };
  }
}
