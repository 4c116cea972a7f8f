import { formatDuration, formatElapsed } from '../model/index.js';
import { describeRequest } from './describeTrace.js';
import type { Results } from './resultsSchema.js';
import { md, plain } from './textSafety.js';

type Action = Results['actions'][number];

/** Where a team's actions first differ from the leader's (index into both action logs). */
export interface Divergence {
  index: number;
  /** This team's action there, or undefined when its log ended first. */
  action?: Action;
  /** The leader's action there, or undefined when the leader's log ended first. */
  leader?: Action;
}

export interface LeaderboardRow {
  rank: number;
  team: string;
  score: number;
  grade: string;
  contained: boolean;
  /** Simulated ms from the first malicious event to containment. */
  timeToContain?: number;
  /** Undefined for the leader and for teams that did exactly what the leader did. */
  divergence?: Divergence;
}

export interface Leaderboard {
  /** The drill code (or scenario and seed for results without one). */
  code: string;
  rows: LeaderboardRow[];
}

const key = (a: Action) => JSON.stringify(Object.entries(a).sort(([x], [y]) => x.localeCompare(y)));

/** The first index where two action logs differ (time, action, target, ...); undefined if equal. */
export function firstDifference(
  a: readonly Action[],
  b: readonly Action[],
): Divergence | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && key(x) === key(y)) continue;
    return { index: i, ...(x ? { action: x } : {}), ...(y ? { leader: y } : {}) };
  }
  return undefined;
}

const teamOf = (r: Results) => r.participants.team ?? r.participants.trainee ?? '(no team)';

/**
 * Ranks the teams of each drill code: by score (high first), then time to contain (short first,
 * never-contained last), then team name. Each team's first difference from the leader is shown.
 */
export function leaderboards(drills: readonly Results[]): Leaderboard[] {
  const groups = new Map<string, Results[]>();
  for (const r of drills) {
    const code = r.code ?? `${r.scenario.id} seed ${r.seed}`;
    groups.set(code, [...(groups.get(code) ?? []), r]);
  }
  return [...groups.keys()].sort().map((code) => {
    const ttc = (r: Results) => r.score.measures.timeToContain ?? Number.POSITIVE_INFINITY;
    const ranked = [...groups.get(code)!].sort(
      (a, b) =>
        b.score.total - a.score.total || ttc(a) - ttc(b) || teamOf(a).localeCompare(teamOf(b)),
    );
    const leader = ranked[0]!;
    return {
      code,
      rows: ranked.map((r, i) => {
        const divergence = i === 0 ? undefined : firstDifference(r.actions, leader.actions);
        const t = r.score.measures.timeToContain;
        return {
          rank: i + 1,
          team: teamOf(r),
          score: r.score.total,
          grade: r.score.grade,
          contained: r.outcome.contained,
          ...(t !== undefined ? { timeToContain: t } : {}),
          ...(divergence ? { divergence } : {}),
        };
      }),
    };
  });
}

const actionText = (a: Action | undefined) => {
  if (!a) return 'nothing more';
  const { at, ...request } = a;
  return `${describeRequest(request)} at ${formatElapsed(at)}`;
};

/** "action 3: isolate-host on FEServ1 at T+00:20:00 (leader: block-ip ... at ...)". */
export function divergenceText(row: LeaderboardRow): string {
  if (row.rank === 1) return 'leader';
  const d = row.divergence;
  if (!d) return 'same actions as the leader';
  return `action ${d.index + 1}: ${actionText(d.action)} (leader: ${actionText(d.leader)})`;
}

/** The leaderboards as a terminal table (text made safe for the terminal). */
export function leaderboardTable(boards: readonly Leaderboard[]): string {
  const out: string[] = [];
  for (const board of boards) {
    out.push(`Leaderboard ${plain(board.code)} (${board.rows.length} teams)`);
    out.push(
      `${'#'.padStart(3)}  ${'team'.padEnd(20)} ${'score'.padStart(5)}  grade  ${'to contain'.padEnd(14)}  first difference from the leader`,
    );
    for (const r of board.rows) {
      const contained =
        r.timeToContain !== undefined
          ? formatDuration(r.timeToContain)
          : r.contained
            ? 'yes'
            : 'no';
      out.push(
        `${String(r.rank).padStart(3)}  ${plain(r.team).slice(0, 20).padEnd(20)} ${String(r.score).padStart(5)}  ${plain(r.grade).padEnd(5)}  ${contained.padEnd(14)}  ${plain(divergenceText(r))}`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** The leaderboards in Markdown. */
export function leaderboardMarkdown(boards: readonly Leaderboard[]): string {
  const out: string[] = [];
  for (const board of boards) {
    out.push(`## Leaderboard ${md(board.code)}`, '');
    out.push('| # | Team | Score | Grade | Time to contain | First difference from the leader |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const r of board.rows)
      out.push(
        `| ${r.rank} | ${md(r.team)} | ${r.score} | ${md(r.grade)} | ${r.timeToContain !== undefined ? formatDuration(r.timeToContain) : r.contained ? 'yes' : 'not contained'} | ${md(divergenceText(r))} |`,
      );
    out.push('');
  }
  return out.join('\n');
}
