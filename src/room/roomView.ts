import { replayDrill } from '../engine/index.js';
import { decisionLog, openDecisions } from '../play/projections/decisions.js';
import type { Architecture, Scenario, SimMs } from '../model/index.js';
import { formatElapsed, stripControl } from '../model/index.js';
import type { JournalContents } from '../session/index.js';

/** One team as the room sees it: all of it from the team's journal, its heartbeat and results. */
export interface TeamSnapshot {
  team: string;
  journal: JournalContents;
  /** Milliseconds since the team's terminal last said it was there. */
  sinceHeartbeat: number;
  /** The saved results' score, once the drill has ended. */
  score?: { total: number; grade: string };
}

export type TeamStatus = 'running' | 'paused' | 'ended' | 'disconnected';

export interface TeamRow {
  team: string;
  members: string;
  clock: string;
  simNow: SimMs;
  status: TeamStatus;
  severity: string;
  /** The team's latest actions, newest last: `T+00:35:00 escalate soc-provider`. */
  recent: string[];
  contained: boolean;
  /** The team's decisions so far (`T+00:40:00  question: option (owner)`), and the open points. */
  decisions: string[];
  openDecisions: string[];
  /** Revealed when the team's drill has ended. */
  score?: string;
}

/** A pause is the last word until a resume; the facilitator's start counts as a resume. */
function isPaused(journal: JournalContents): boolean {
  let paused = false;
  for (const a of journal.actions) {
    if (a.do === 'facilitator.pause') paused = true;
    if (a.do === 'facilitator.resume') paused = false;
  }
  return paused;
}

const describe = (a: JournalContents['actions'][number]): string =>
  stripControl(
    [formatElapsed(a.at), a.do, a.target ?? a.contact ?? a.severity ?? a.inject ?? a.option ?? '']
      .filter(Boolean)
      .join(' '),
  );

/**
 * The room's projection of one team. Containment comes from replaying the team's journal (the
 * engine is deterministic, so the room computes exactly what the team's own process has); the
 * score stays hidden until the team's drill has ended.
 */
export function teamRow(
  snapshot: TeamSnapshot,
  inputs: { architecture: Architecture; scenario: Scenario },
  staleAfter: number,
): TeamRow {
  const j = snapshot.journal;
  const drill = replayDrill(
    inputs.architecture,
    inputs.scenario,
    j.header.seed,
    j.actions,
    j.lastAt,
  );
  const ended = j.ended || drill.isEnded;
  const declared = [...j.actions].reverse().find((a) => a.do === 'declare-severity')?.severity;
  const status: TeamStatus = ended
    ? 'ended'
    : snapshot.sinceHeartbeat > staleAfter
      ? 'disconnected'
      : isPaused(j)
        ? 'paused'
        : 'running';
  return {
    team: stripControl(snapshot.team),
    members: stripControl(
      (j.header.team?.participants ?? []).map((p) => `${p.name} (${p.role})`).join(', '),
    ),
    clock: formatElapsed(Math.max(j.lastAt, drill.now)),
    simNow: Math.max(j.lastAt, drill.now),
    status,
    severity: declared ?? '-',
    recent: j.actions
      .filter((a) => !a.do.startsWith('facilitator.'))
      .slice(-3)
      .map(describe),
    contained: drill.context.contained,
    decisions: decisionLog(drill),
    openDecisions: openDecisions(drill).map((d) => d.question),
    ...(ended && snapshot.score
      ? { score: `${snapshot.score.total} (${snapshot.score.grade})` }
      : {}),
  };
}

/**
 * Pace: simulated seconds per wall second since the previous look, per team (the room keeps the
 * previous samples; a paused or disconnected team has pace 0).
 */
export class PaceMeter {
  private readonly last = new Map<string, { sim: SimMs; wall: number; pace: number }>();
  sample(team: string, sim: SimMs, wall: number): number {
    const previous = this.last.get(team);
    if (!previous) {
      this.last.set(team, { sim, wall, pace: 0 });
      return 0;
    }
    // Clock checkpoints come about once a second: measure over a few of them.
    if (wall - previous.wall < 5_000) return previous.pace;
    const pace = Math.max(0, (sim - previous.sim) / (wall - previous.wall));
    this.last.set(team, { sim, wall, pace });
    return pace;
  }
}
