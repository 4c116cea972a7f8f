import { currentHints, type Drill, type TraceEntry } from '../../engine/index.js';
import { describeTraceEntry } from '../../export/index.js';
import { formatElapsed, stripControl, type ActionLogEntry } from '../../model/index.js';
import { decisionLog, discussionSoFar, openDecisions } from '../projections/decisions.js';
import { visibleSeverity } from '../projections/header.js';
import type { SimClock } from '../simClock.js';
import type { OpenDecision } from './evaluation.js';

/** A team as the facilitator set it up. */
export interface WorkshopTeam {
  name: string;
  participants: Array<{ name: string; role: string }>;
}

/** Everything the facilitator screen shows, as plain strings (no drill objects in components). */
export interface FacilitatorView {
  clock: string;
  status: 'not started' | 'running' | 'paused' | 'ended';
  speed: string;
  code: string;
  title: string;
  team?: string;
  members: string[];
  upcoming: Array<{ id: string; at: string; title: string }>;
  manual: Array<{ id: string; title: string }>;
  hints: Array<{ id: string; text: string }>;
  recent: string[];
  observations: string[];
  contained: boolean;
  severity: string;
  /** The scenario's objectives, with the evaluator's latest rating. */
  objectives: Array<{ id: string; description: string; rating?: string }>;
  /** Decision points that have come up and that the team has not decided yet. */
  openDecisions: OpenDecision[];
  /** Decisions on record: `T+.. question: option (owner)`. */
  decisions: string[];
  /** The discussion questions of the injects fired so far, latest first. */
  discussion: Array<{ title: string; questions: string[] }>;
}

/**
 * Trace entries the team could have seen by now: what it did and what reached its screens. The
 * projector is in the room, so the attacker's hidden moves (and the severity they raise) stay off
 * it until the drill ends; otherwise the false-positive drill's answer is on screen at T+0. The
 * obligations' clocks and what became of the escalations are the team's own knowledge.
 */
export function isObservable(entry: TraceEntry): boolean {
  switch (entry.type) {
    case 'drill.started':
    case 'inject.fired':
    case 'action.started':
    case 'action.done':
    case 'action.rejected':
    case 'action.misdirected':
    case 'traffic.changed':
    case 'evidence.lost':
    case 'drill.ended':
    case 'artefact.removed':
    case 'secret.rotated':
    case 'process.killed':
    case 'host.restored':
    case 'incident.closed':
    case 'obligation.started':
    case 'obligation.met':
    case 'obligation.overdue':
    case 'escalation.undelivered':
    case 'contact.unavailable':
      return true;
    case 'severity.changed':
      return entry.cause.startsWith('inject ');
    case 'attacker.entered':
    case 'attacker.blocked':
    case 'attacker.address-changed':
    case 'inject.suppressed':
    case 'contained':
    case 'containment.lost':
    case 'artefact.placed':
    case 'secret.exposed':
    case 'attacker.reentered':
    case 'attacker.spread':
      return false;
  }
}

/** A pure projection of the drill for the projector. */
export function projectFacilitator(
  drill: Drill,
  clock: SimClock,
  options: {
    code: string;
    team?: WorkshopTeam;
    hasStarted: boolean;
    log: readonly ActionLogEntry[];
    recent: number;
  },
): FacilitatorView {
  const scenario = drill.compiled.scenario;
  const injectTitle = (id: string) =>
    stripControl(scenario.injects.find((i) => i.id === id)?.title ?? id);
  const fired = new Set(drill.context.fired.map((f) => f.id));
  const skipped = new Set(drill.context.skipped);
  const hinted = new Set(options.log.filter((a) => a.do === 'facilitator.hint').map((a) => a.text));
  const doneOf = (kind: string) =>
    drill.trace.filter(
      (e): e is Extract<TraceEntry, { type: 'action.done' }> =>
        e.type === 'action.done' && e.request.do === kind,
    );
  const ratings = new Map(
    doneOf('facilitator.rate').map((e) => [e.request.objective, e.request.rating]),
  );
  return {
    clock: formatElapsed(drill.now),
    status: drill.isEnded
      ? 'ended'
      : !options.hasStarted
        ? 'not started'
        : clock.isPaused
          ? 'paused'
          : 'running',
    speed: clock.mode === 'turn-based' ? 'turn-based' : `×${clock.speed}`,
    code: options.code,
    title: stripControl(scenario.title),
    ...(options.team ? { team: stripControl(options.team.name) } : {}),
    members: (options.team?.participants ?? []).map((p) => stripControl(`${p.name} (${p.role})`)),
    upcoming: drill
      .upcomingInjects()
      .sort((a, b) => a.due - b.due)
      .map((u) => ({ id: u.inject, at: formatElapsed(u.due), title: injectTitle(u.inject) })),
    manual: scenario.injects
      .filter((i) => i.manual && !fired.has(i.id) && !skipped.has(i.id))
      .map((i) => ({ id: i.id, title: stripControl(i.title) })),
    hints: currentHints(scenario.coach, drill.context, drill.compiled)
      .filter((h) => !hinted.has(h.text))
      .map((h) => ({ id: h.id, text: stripControl(h.text) })),
    recent: (drill.isEnded ? drill.trace : drill.trace.filter(isObservable))
      .slice(-options.recent)
      .map((e) => `${formatElapsed(e.t)}  ${describeTraceEntry(e, drill.compiled).text}`),
    observations: options.log
      .filter((a) => a.do === 'facilitator.observe')
      .map((a) => stripControl(`${formatElapsed(a.at)}  ${a.text ?? ''}`)),
    // Containment and the engine's severity are ground truth: revealed when the drill ends.
    objectives: scenario.objectives.map((o) => ({
      id: o.id,
      description: stripControl(o.description),
      ...(ratings.get(o.id) ? { rating: ratings.get(o.id)! } : {}),
    })),
    openDecisions: openDecisions(drill),
    decisions: decisionLog(drill),
    discussion: discussionSoFar(drill),
    contained: drill.isEnded && drill.context.contained,
    severity: visibleSeverity(drill),
  };
}
