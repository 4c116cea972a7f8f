import type { AlertSeverity, IndicatorKind, SimMs, TrafficMode } from '../model/index.js';

/** What the engine knows about one component (ground truth, not what the trainee sees). */
export interface ComponentState {
  compromised: boolean;
  /** When the attacker first compromised it (kept after a restore: the host was hit). */
  compromisedAt?: SimMs;
  isolated: boolean;
  /** When it was last isolated (an outbound session of the attacker dies with it). */
  isolatedAt?: SimMs;
  patched: boolean;
  credentialsReset: boolean;
  /** Simulated time of the last forensic snapshot. */
  snapshotAt?: SimMs;
  restoredAt?: SimMs;
  /** Alerts fired about this component so far. */
  alerts: number;
  /** When it was last wiped (rebuilt, or restored from a backup point): the attacker's processes died then. */
  wipedAt?: SimMs;
  /** Rebuilt from the clean image (the root cause is back unless patched afterwards). */
  rebuiltAt?: SimMs;
}

/** A persistence artefact the attacker placed (ground truth; the trainee sees it in the evidence). */
export interface ArtefactState {
  on: string;
  /** Negative when placed before T+0 (`placed_before_start`). */
  placedAt: SimMs;
  /** Removed by the trainee, or wiped with its host. */
  removedAt?: SimMs;
}

/** A secret the attacker read. */
export interface SecretState {
  /** Undefined for a secret rotated before the attacker read it. */
  exposedAt?: SimMs;
  rotatedAt?: SimMs;
}

/** A gap left when the incident was closed: each one becomes a finding. */
export interface CloseGap {
  kind:
    | 'not-restored'
    | 'isolated'
    | 'not-monitored'
    | 'root-cause-open'
    | 'artefact-left'
    | 'secret-unrotated'
    | 'unexamined-sibling';
  component?: string;
  /** The artefact, secret or vulnerability id. */
  id?: string;
}

export type PlanStatus = 'todo' | 'in-progress' | 'done';

/** A trainee (or facilitator) request, as it appears in the action log. */
export interface ActionRequest {
  do: string;
  target?: string;
  /**
   * The indicator the action is aimed at, from the trainee's notebook: the address `block-ip`
   * blocks, the account `reset-credentials` resets, the query or command of `search`/`shell`'s
   * result, the value `mark` notes.
   */
  value?: string;
  /** For `mark`: the kind of indicator `value` is (address, account, host, path, domain, hash). */
  indicator?: IndicatorKind;
  contact?: string;
  channel?: string;
  severity?: string;
  text?: string;
  by?: string;
  /** For facilitator.inject / facilitator.skip. */
  inject?: string;
  /** For decide: the decision point, the option chosen, its owner and the follow-up agreed. */
  decision?: string;
  option?: string;
  owner?: string;
  followup?: string;
  /** For facilitator.rate: the objective rated and the evaluator's rating. */
  objective?: string;
  rating?: 'P' | 'S' | 'M' | 'U' | 'NE';
}

export interface ActionRecord extends ActionRequest {
  seq: number;
  startedAt: SimMs;
  /** When it completes (in progress) or completed. */
  doneAt: SimMs;
}

export interface FiredInject {
  id: string;
  at: SimMs;
}

/** One obligation's clock: started at awareness, met by a notification or overdue at `dueAt`. */
export interface ObligationClock {
  awareAt: SimMs;
  /** What made the team aware (the inject, the evidence's severity, the declaration). */
  cause: string;
  dueAt: SimMs;
  metAt?: SimMs;
  overdueAt?: SimMs;
}

export type EndReason = 'time-limit' | 'condition' | 'ended-by-trainee';

/** The drill's state as data: everything scoring, views and exports need. */
export interface DrillContext {
  seed: string;
  now: SimMs;
  severity: string;
  declaredSeverity?: string;
  attackerIp: string;
  attackerState: string;
  /** When the attacker (re-)entered its current state. */
  attackerSince: SimMs;
  visited: string[];
  /** Attempts per attacker transition (`state->target`), for deterministic retry jitter. */
  attempts: Record<string, number>;
  /** The last reason each move was blocked for: a retry blocked for the same reason is not traced again. */
  blockedFor: Record<string, string>;
  firstMaliciousAt?: SimMs;
  objectiveReachedAt?: SimMs;
  components: Record<string, ComponentState>;
  traffic: TrafficMode;
  blockedIps: string[];
  wafRules: string[];
  flags: string[];
  plan: Record<string, { status: PlanStatus; startedAt?: SimMs; doneAt?: SimMs }>;
  inProgress: ActionRecord[];
  completed: ActionRecord[];
  escalations: Array<{ contact: string; channel: string; at: SimMs }>;
  fired: FiredInject[];
  /** Injects a facilitator dropped before they fired. */
  skipped: string[];
  revenueLost: number;
  revenueAccruedTo: SimMs;
  contained: boolean;
  /** When the containment in force began (absent while not contained; a loss resets it). */
  containedAt?: SimMs;
  dataReached: string[];
  /** The highest severity in force when evidence of the attack reached the team (what it could see). */
  shownSeverity?: string;
  /** Formal notifications sent (`notify`), in order. */
  notifications: Array<{ contact: string; recipient?: string; at: SimMs }>;
  /** The obligations whose clock has started, by id (src/engine/obligations.ts). */
  obligations: Record<string, ObligationClock>;
  actionSeq: number;
  /** Persistence artefacts placed so far, by `leaves` id. */
  artefacts: Record<string, ArtefactState>;
  /** Secrets exposed so far, by `exposes` id. */
  secrets: Record<string, SecretState>;
  /** Components the trainee looked at (console, vulnerability lookup, snapshot, a search naming it), in order. */
  examined: string[];
  /** Scenario `spreads:` (by index) started so far. */
  spreadsStarted: number[];
  /** Processes the trainee ended (`kill-process`): the host, the process as named, when. */
  killed: Array<{ on: string; process: string; at: SimMs }>;
  /** Re-entries armed now (artefact or secret id): their timers are pending. */
  reentries: string[];
  ended?: { at: SimMs; reason: EndReason };
}

/** Events the drill machine accepts. `t` is stamped by the runtime that owns the clock. */
export type DrillEvent =
  | { type: 'action.start'; t: SimMs; request: ActionRequest }
  | { type: 'action.done'; t: SimMs; seq: number }
  | { type: 'inject.fire'; t: SimMs; inject: string }
  | { type: 'attacker.advance'; t: SimMs; from: string; to: string }
  | { type: 'attacker.rotate'; t: SimMs }
  /** A leftover artefact or secret brings the attacker back (`via`: its id). */
  | { type: 'attacker.reenter'; t: SimMs; via: string; to: string }
  /** The attacker reaches a sibling sharing the vulnerability (scenario `spreads:`, by index). */
  | { type: 'attacker.spread'; t: SimMs; spread: number; attempt?: number }
  | { type: 'drill.time-limit'; t: SimMs }
  | { type: 'obligation.due'; t: SimMs; obligation: string };

/** One line of the drill's trace: what happened, when, in simulated time. */
export type TraceEntry =
  | { t: SimMs; type: 'drill.started'; attackerIp: string; severity: string }
  | {
      t: SimMs;
      type: 'attacker.entered';
      state: string;
      compromises: string[];
      data: string[];
      /** True when the attacker comes back to a state it had left. */
      again?: boolean;
    }
  | { t: SimMs; type: 'attacker.blocked'; from: string; to: string; reason: string }
  /** The attacker moved to another address of its pool after a block. */
  | { t: SimMs; type: 'attacker.address-changed'; from: string; to: string }
  | {
      t: SimMs;
      type: 'inject.fired';
      inject: string;
      kind: string;
      title: string;
      severity: AlertSeverity;
      source?: string;
      malicious: boolean;
    }
  | { t: SimMs; type: 'inject.suppressed'; inject: string }
  | { t: SimMs; type: 'action.started'; seq: number; request: ActionRequest; doneAt: SimMs }
  | { t: SimMs; type: 'action.done'; seq: number; request: ActionRequest }
  | { t: SimMs; type: 'action.rejected'; request: ActionRequest; reason: string }
  /** A completed action aimed at the wrong indicator: what it hit instead. */
  | { t: SimMs; type: 'action.misdirected'; seq: number; request: ActionRequest; reason: string }
  | { t: SimMs; type: 'severity.changed'; from: string; to: string; cause: string }
  | { t: SimMs; type: 'traffic.changed'; from: TrafficMode; to: TrafficMode }
  | { t: SimMs; type: 'evidence.lost'; component: string }
  | { t: SimMs; type: 'artefact.placed'; artefact: string; component: string }
  | {
      t: SimMs;
      type: 'artefact.removed';
      artefact: string;
      component: string;
      by: 'removal' | 'wipe';
    }
  | { t: SimMs; type: 'secret.exposed'; secret: string }
  | { t: SimMs; type: 'secret.rotated'; secret: string }
  | { t: SimMs; type: 'process.killed'; component: string; process: string }
  /** A host was wiped: rebuilt, or restored from `point` (clean when it predates the compromise). */
  | {
      t: SimMs;
      type: 'host.restored';
      component: string;
      how: 'rebuild' | 'backup';
      point?: string;
      clean: boolean;
    }
  /** The attacker came back through a leftover artefact or an unrotated secret. */
  | {
      t: SimMs;
      type: 'attacker.reentered';
      via: string;
      kind: 'artefact' | 'secret';
      state: string;
    }
  | { t: SimMs; type: 'attacker.spread'; from: string; to: string; vulnerability: string }
  /** The close step completed; what was still open then. */
  | { t: SimMs; type: 'incident.closed'; gaps: CloseGap[] }
  | { t: SimMs; type: 'contained' }
  | { t: SimMs; type: 'containment.lost' }
  | { t: SimMs; type: 'drill.ended'; reason: EndReason }
  /** The team became aware of what starts an obligation: its clock runs to `dueAt`. */
  | { t: SimMs; type: 'obligation.started'; obligation: string; dueAt: SimMs; cause: string }
  | { t: SimMs; type: 'obligation.met'; obligation: string; contact: string; late: boolean }
  | { t: SimMs; type: 'obligation.overdue'; obligation: string }
  /** An escalation over a channel that is down: nobody got it. */
  | {
      t: SimMs;
      type: 'escalation.undelivered';
      seq: number;
      contact: string;
      channel: string;
      reason: string;
    }
  /** A contact reached while unavailable: its auto-reply names the backup. */
  | {
      t: SimMs;
      type: 'contact.unavailable';
      seq: number;
      contact: string;
      backup?: string;
      reason: string;
    };

export type TraceType = TraceEntry['type'];

/** What a finished (or paused) drill amounts to. */
export interface DrillOutcome {
  contained: boolean;
  /** When the containment that held to the end began (absent if the drill ended uncontained). */
  containedAt?: SimMs;
  firstMaliciousAt?: SimMs;
  attackerState: string;
  attackerReached: string[];
  objectiveReached: boolean;
  compromised: string[];
  dataReached: string[];
  severity: string;
  revenueLost: number;
  endedAt?: SimMs;
  endReason?: EndReason;
}
