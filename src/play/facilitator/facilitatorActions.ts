import type { DrillSession } from '../session.js';
import type { FacilitatorView } from './facilitatorView.js';

/** Who the journal names for facilitator actions. */
export const FACILITATOR = 'facilitator';

/** Runs `run` with the facilitator as the actor: the journal names them on what it records. */
export const asFacilitator = <T>(session: DrillSession, run: () => T): T => {
  const previous = session.actor;
  session.actor = FACILITATOR;
  try {
    return run();
  } finally {
    session.actor = previous;
  }
};

/**
 * Start, pause and resume. The clock freezes exactly: the drill is brought to the clock's time
 * first, then the clock stops, and the journal gets `facilitator.pause` at that simulated time.
 */
export function startOrPause(session: DrillSession, hasStarted: boolean): string {
  if (session.drill.isEnded) return 'the drill has ended';
  session.tick();
  const isPausing = hasStarted && !session.clock.isPaused;
  session.clock.setPaused(isPausing);
  asFacilitator(session, () =>
    session.act(
      isPausing
        ? { do: 'facilitator.pause' }
        : { do: 'facilitator.resume', ...(hasStarted ? {} : { text: 'start' }) },
    ),
  );
  return isPausing ? 'Paused: no simulated time passes' : hasStarted ? 'Resumed' : 'Started';
}

function verdict(result: { ok: true } | { ok: false; reason: string }, done: string): string {
  return result.ok ? done : `Not done: ${result.reason}`;
}

export function triggerNow(session: DrillSession, inject: string): string {
  session.tick();
  return verdict(
    asFacilitator(session, () => session.act({ do: 'facilitator.inject', inject })),
    `Fired ${inject} now`,
  );
}

export function skipInject(session: DrillSession, inject: string): string {
  session.tick();
  return verdict(
    asFacilitator(session, () => session.act({ do: 'facilitator.skip', inject })),
    `Skipped ${inject}`,
  );
}

export function revealHint(session: DrillSession, hint: FacilitatorView['hints'][number]): string {
  session.tick();
  asFacilitator(session, () => session.act({ do: 'facilitator.hint', text: hint.text }));
  return `HINT: ${hint.text}`;
}

export function observe(session: DrillSession, text: string): string {
  const clean = text.trim();
  if (!clean) return 'Empty observation: nothing recorded';
  session.tick();
  asFacilitator(session, () =>
    session.act({ do: 'facilitator.observe', text: clean.slice(0, 4000) }),
  );
  return 'Observation recorded';
}

export function endDrill(session: DrillSession): void {
  asFacilitator(session, () => session.end());
}
