import type { ActionRequest } from '../engine/index.js';
import type { ControlLine } from './roomFiles.js';

/** What a team's drill session offers the room (the TUI's DrillSession has exactly this). */
export interface FollowingSession {
  readonly drill: { readonly isEnded: boolean };
  readonly clock: {
    readonly isPaused: boolean;
    setPaused(paused: boolean): void;
    setSpeed(speed: 1 | 10 | 60): void;
  };
  tick(): void;
  act(request: ActionRequest): { ok: true } | { ok: false; reason: string };
  /** A line for the team's screen (broadcasts and hints). */
  notice(text: string): void;
}

/** The controls meant for this team that it has not applied yet, in order. */
export function pendingControls(
  controls: readonly ControlLine[],
  team: string,
  appliedUpTo: number,
): ControlLine[] {
  return controls.filter((c) => c.seq > appliedUpTo && (c.to === '*' || c.to === team));
}

const BY = 'facilitator';

/**
 * Applies one room control to a team's session. What changes the drill (pause, resume, an inject
 * triggered or skipped, a hint) goes through `act`, so it lands in the team's own journal at the
 * team's simulated time and the team's drill stays exactly replayable; speed and messages change
 * only what the team sees. Returns what the team is told.
 */
export function applyControl(session: FollowingSession, control: ControlLine): string {
  if (session.drill.isEnded) return '';
  switch (control.do) {
    case 'pause':
      if (session.clock.isPaused) return '';
      session.tick();
      session.clock.setPaused(true);
      session.act({ do: 'facilitator.pause', by: BY });
      return 'The facilitator paused the drill';
    case 'resume':
      if (!session.clock.isPaused) return '';
      session.clock.setPaused(false);
      session.act({ do: 'facilitator.resume', by: BY });
      return 'The facilitator resumed the drill';
    case 'speed':
      session.clock.setSpeed(control.speed);
      return `The facilitator set the speed to ×${control.speed}`;
    case 'inject':
    case 'skip': {
      session.tick();
      const verdict = session.act({
        do: control.do === 'inject' ? 'facilitator.inject' : 'facilitator.skip',
        inject: control.inject,
        by: BY,
      });
      return verdict.ok && control.do === 'inject' ? 'A new event arrived' : '';
    }
    case 'hint':
      session.tick();
      session.act({ do: 'facilitator.hint', text: control.text, by: BY });
      return `HINT: ${control.text}`;
    case 'message':
      return `FACILITATOR: ${control.text}`;
    case 'rate':
      // The evaluator's rating goes into the team's record; the team is not told.
      session.act({
        do: 'facilitator.rate',
        objective: control.objective,
        rating: control.rating,
        ...(control.text ? { text: control.text } : {}),
        by: 'evaluator',
      });
      return '';
  }
}
