import {
  isIpv4,
  PLAN_ACTION_PREFIX,
  planStepId,
  type IndicatorKind,
  type SimMs,
} from '../model/index.js';
import type { CompiledScenario } from './compiledScenario.js';
import { closeGaps, examinedBy } from './closeCriteria.js';
import { holds } from './conditions.js';
import { CONSEQUENCE_INJECT_IDS } from './consequences.js';
import {
  armReentries,
  placeLeftovers,
  reenter,
  reentryLapsed,
  removeArtefact,
  restorePoint,
  resetLeftovers,
  rotateSecret,
  wipeHost,
} from './persistence.js';
import { backupPointsFor, pointStatus } from './backups.js';
import {
  busyReason,
  callInProgress,
  deliverEscalation,
  escalationDuration,
  replyFlags,
} from './contacts.js';
import {
  applyNotification,
  applyObligationDue,
  notifyProblem,
  startObligations,
} from './obligations.js';
import { revenueLossRate } from './revenue.js';
import { killProcess } from './access.js';
import { scheduleSpreads, spread } from './scoping.js';
import { RngStreams } from './rng.js';
import type { DistributiveOmit, StepDraft, Timer } from './stepDraft.js';
import type {
  ActionRecord,
  ActionRequest,
  ComponentState,
  DrillContext,
  DrillEvent,
  TraceEntry,
} from './types.js';

export type { Timer } from './stepDraft.js';

/** The result of one reducer: the next context plus what to record and schedule. */
export interface Step {
  ctx: DrillContext;
  trace: TraceEntry[];
  timers: Timer[];
  cancel: string[];
}

/**
 * A copy-on-write draft of the context for one reducer call. Reducers read `ctx`, change it
 * only through these helpers, and return `done()`: the input context is never mutated.
 */
class Draft implements StepDraft {
  ctx: DrillContext;
  readonly trace: TraceEntry[] = [];
  readonly timers: Timer[] = [];
  readonly cancel: string[] = [];
  private copiedComponents = new Set<string>();

  constructor(
    readonly compiled: CompiledScenario,
    source: DrillContext,
    t: SimMs,
  ) {
    this.ctx = { ...source, components: { ...source.components } };
    this.accrueRevenue(t);
    this.ctx.now = t;
  }

  get t(): SimMs {
    return this.ctx.now;
  }

  component(id: string): ComponentState {
    if (!this.copiedComponents.has(id)) {
      this.ctx.components[id] = { ...this.ctx.components[id]! };
      this.copiedComponents.add(id);
    }
    return this.ctx.components[id]!;
  }

  record(entry: DistributiveOmit<TraceEntry, 't'>): void {
    this.trace.push({ t: this.t, ...entry } as TraceEntry);
  }

  /** Revenue lost so far accrues at the rate in force before anything changes now. */
  private accrueRevenue(t: SimMs): void {
    const elapsed = t - this.ctx.revenueAccruedTo;
    if (elapsed > 0) {
      const perMs = this.compiled.architecture.business.revenue_per_hour / 3_600_000;
      this.ctx.revenueLost += elapsed * perMs * revenueLossRate(this.ctx, this.compiled);
      this.ctx.revenueAccruedTo = t;
    }
  }

  raiseSeverity(to: string | undefined, cause: string): void {
    if (to === undefined) return;
    const rank = this.compiled.severityRank;
    if ((rank.get(to) ?? -1) > (rank.get(this.ctx.severity) ?? -1)) {
      this.record({ type: 'severity.changed', from: this.ctx.severity, to, cause });
      this.ctx.severity = to;
    }
  }

  addUnique(
    key: 'flags' | 'wafRules' | 'blockedIps' | 'dataReached' | 'examined',
    value: string,
  ): void {
    if (!this.ctx[key].includes(value)) this.ctx[key] = [...this.ctx[key], value];
  }

  done(): Step {
    settle(this);
    return { ctx: this.ctx, trace: this.trace, timers: this.timers, cancel: this.cancel };
  }
}

export function initialContext(compiled: CompiledScenario, seed: string): DrillContext {
  const { architecture, scenario } = compiled;
  const rng = new RngStreams(seed);
  const components: Record<string, ComponentState> = {};
  for (const id of compiled.componentIds) {
    components[id] = {
      compromised: false,
      isolated: false,
      patched: false,
      credentialsReset: false,
      alerts: 0,
    };
  }
  return {
    seed,
    now: 0,
    severity: scenario.severity,
    attackerIp: rng.pick(scenario.attacker.source_ips, 'attacker-ip'),
    attackerState: scenario.attacker.initial,
    attackerSince: 0,
    visited: [],
    attempts: {},
    blockedFor: {},
    components,
    traffic: 'normal',
    blockedIps: [],
    wafRules: [],
    flags: [],
    plan: Object.fromEntries(architecture.emergency_plan.map((s) => [s.id, { status: 'todo' }])),
    inProgress: [],
    completed: [],
    escalations: [],
    fired: [],
    skipped: [],
    revenueLost: 0,
    revenueAccruedTo: 0,
    contained: false,
    dataReached: [],
    notifications: [],
    obligations: {},
    actionSeq: 0,
    artefacts: {},
    secrets: {},
    examined: [],
    spreadsStarted: [],
    killed: [],
    reentries: [],
  };
}

const timerIds = {
  transition: (from: string, to: string) => `attacker:${from}->${to}`,
  inject: (id: string) => `inject:${id}`,
  action: (seq: number) => `action:${seq}`,
  rotate: 'attacker:rotate',
  timeLimit: 'drill:time-limit',
};

export const TIMER_IDS = timerIds;

/** T+0: schedule timed injects and the time limit. */
export function startDrill(compiled: CompiledScenario, ctx: DrillContext): Step {
  const draft = new Draft(compiled, ctx, 0);
  draft.record({ type: 'drill.started', attackerIp: ctx.attackerIp, severity: ctx.severity });
  for (const inject of compiled.scenario.injects) {
    if (inject.at !== undefined) {
      draft.timers.push({
        id: timerIds.inject(inject.id),
        delay: inject.at,
        event: { type: 'inject.fire', t: 0, inject: inject.id },
      });
    }
  }
  draft.timers.push({
    id: timerIds.timeLimit,
    delay: compiled.scenario.end.time_limit,
    event: { type: 'drill.time-limit', t: 0 },
  });
  return draft.done();
}

function transitionDelay(
  compiled: CompiledScenario,
  ctx: DrillContext,
  from: string,
  index: number,
  retry: boolean,
): SimMs {
  const transition = compiled.states.get(from)!.next[index]!;
  const key = timerIds.transition(from, transition.to);
  const attempt = ctx.attempts[key] ?? 0;
  const base = retry ? (transition.retry ?? transition.after) : transition.after;
  const jitter = transition.jitter ?? 0;
  const u = new RngStreams(ctx.seed).draw('attacker-delay', key, attempt);
  // Whole seconds: traces read like log timestamps.
  return Math.max(1000, Math.round((base + (u * 2 - 1) * jitter) / 1000) * 1000);
}

/** The attacker enters a state: compromise, data, severity, its injects and its next moves. */
export function enterAttackerState(
  compiled: CompiledScenario,
  ctx: DrillContext,
  id: string,
  t: SimMs,
): Step {
  const draft = new Draft(compiled, ctx, t);
  const state = compiled.states.get(id)!;
  const firstVisit = !ctx.visited.includes(id);
  draft.ctx.attackerState = id;
  draft.ctx.attackerSince = t;
  // Every arrival re-applies what the state does (a restored host can be compromised again);
  // its injects fire once, since a fired inject never fires twice.
  for (const component of state.compromises) {
    const host = draft.component(component);
    host.compromised = true;
    host.compromisedAt ??= draft.t;
  }
  for (const data of state.reaches_data) draft.addUnique('dataReached', data);
  placeLeftovers(draft, state);
  scheduleSpreads(draft, id);
  if (state.clears.length)
    draft.ctx.flags = draft.ctx.flags.filter((f) => !state.clears.includes(f));
  if (state.malicious && draft.ctx.firstMaliciousAt === undefined) draft.ctx.firstMaliciousAt = t;
  if (state.objective && draft.ctx.objectiveReachedAt === undefined)
    draft.ctx.objectiveReachedAt = t;
  draft.record({
    type: 'attacker.entered',
    state: id,
    compromises: state.compromises,
    data: state.reaches_data,
    ...(firstVisit ? {} : { again: true }),
  });
  draft.raiseSeverity(state.severity, `attacker reached ${id}`);
  if (firstVisit) {
    draft.ctx.visited = [...ctx.visited, id];
    for (const inject of compiled.injectsOnEnter.get(id) ?? [])
      scheduleOrFire(draft, inject.id, inject.delay);
  }
  state.next.forEach((transition, index) => {
    draft.timers.push({
      id: timerIds.transition(id, transition.to),
      delay: transitionDelay(compiled, draft.ctx, id, index, !firstVisit),
      event: { type: 'attacker.advance', t, from: id, to: transition.to },
    });
  });
  return draft.done();
}

/** Timers of a state the attacker leaves. */
export function attackerExitTimers(compiled: CompiledScenario, id: string): string[] {
  return compiled.states.get(id)!.next.map((tr) => timerIds.transition(id, tr.to));
}

/** Why an attacker move is blocked now, or undefined if it may happen. */
export function attackerBlockReason(
  compiled: CompiledScenario,
  ctx: DrillContext,
  from: string,
  to: string,
): string | undefined {
  const transition = compiled.states.get(from)?.next.find((tr) => tr.to === to);
  if (!transition) return 'no such move';
  if (ctx.contained && !transition.retreat) return 'contained';
  if (transition.when && !holds(transition.when, ctx, compiled)) return 'precondition not met';
  if (transition.unless && holds(transition.unless, ctx, compiled))
    return 'blocked by the response';
  return undefined;
}

/** A due move that cannot happen: record it and try again later. */
export function attackerBlocked(
  compiled: CompiledScenario,
  ctx: DrillContext,
  event: Extract<DrillEvent, { type: 'attacker.advance' }>,
): Step {
  const draft = new Draft(compiled, ctx, event.t);
  const key = timerIds.transition(event.from, event.to);
  draft.ctx.attempts = { ...ctx.attempts, [key]: (ctx.attempts[key] ?? 0) + 1 };
  const reason = attackerBlockReason(compiled, ctx, event.from, event.to) ?? 'blocked';
  if (ctx.blockedFor[key] !== reason) {
    draft.ctx.blockedFor = { ...ctx.blockedFor, [key]: reason };
    draft.record({ type: 'attacker.blocked', from: event.from, to: event.to, reason });
  }
  const index = compiled.states.get(event.from)!.next.findIndex((tr) => tr.to === event.to);
  draft.timers.push({
    id: key,
    delay: transitionDelay(compiled, draft.ctx, event.from, index, true),
    event: { ...event },
  });
  return draft.done();
}

function scheduleOrFire(draft: Draft, injectId: string, delay: SimMs | undefined): void {
  if (delay) {
    draft.timers.push({
      id: timerIds.inject(injectId),
      delay,
      event: { type: 'inject.fire', t: draft.t, inject: injectId },
    });
  } else {
    applyInject(draft, injectId);
  }
}

function applyInject(draft: Draft, injectId: string): void {
  const inject = draft.compiled.injects.get(injectId);
  // Stryker disable next-line ConditionalExpression,BlockStatement: unreachable; every caller passes an id of the compiled scenario and act() refuses a facilitator inject of an unknown one (test/engine/decisionPoints.test.ts)
  if (!inject) return;
  if (draft.ctx.fired.some((f) => f.id === injectId)) return;
  if (draft.ctx.skipped.includes(injectId)) return;
  if (inject.when && !holds(inject.when, draft.ctx, draft.compiled)) {
    draft.record({ type: 'inject.suppressed', inject: injectId });
    return;
  }
  draft.ctx.fired = [...draft.ctx.fired, { id: injectId, at: draft.t }];
  // What the team has seen of the attack, at the severity in force then (awareness, decision 0950).
  const rank = draft.compiled.severityRank;
  if (
    inject.malicious &&
    draft.ctx.firstMaliciousAt !== undefined &&
    (rank.get(draft.ctx.severity) ?? -1) > (rank.get(draft.ctx.shownSeverity ?? '') ?? -1)
  )
    draft.ctx.shownSeverity = draft.ctx.severity;
  for (const flag of replyFlags(draft.compiled, injectId)) draft.addUnique('flags', flag);
  if (inject.type === 'alert') {
    for (const id of new Set([...(inject.source ? [inject.source] : []), ...inject.about])) {
      draft.component(id).alerts += 1;
    }
  }
  draft.record({
    type: 'inject.fired',
    inject: injectId,
    kind: inject.type,
    title: inject.title,
    severity: inject.severity,
    ...(inject.source ? { source: inject.source } : {}),
    malicious: inject.malicious,
  });
  draft.raiseSeverity(inject.raises_severity, `inject ${injectId}`);
}

export function fireInject(
  compiled: CompiledScenario,
  ctx: DrillContext,
  injectId: string,
  t: SimMs,
): Step {
  const draft = new Draft(compiled, ctx, t);
  applyInject(draft, injectId);
  return draft.done();
}

/** Whether the drill runs as an executive tabletop (its `discussion-only` action was taken). */
export function isDiscussionOnly(ctx: Pick<DrillContext, 'completed'>): boolean {
  return ctx.completed.some((a) => a.do === 'discussion-only');
}

/** Technical play: the scenario's technical actions and the investigation (search, console, notebook). */
export function isTechnical(
  compiled: CompiledScenario,
  request: Pick<ActionRequest, 'do'>,
): boolean {
  return (
    compiled.actions.has(request.do) ||
    request.do === 'search' ||
    request.do === 'shell' ||
    request.do === 'mark'
  );
}

/** The indicator an action kind is aimed at, and whether it must be named. */
export function aimedIndicator(
  kind: string,
): { indicator: IndicatorKind; required: boolean } | undefined {
  if (kind === 'block-ip') return { indicator: 'address', required: true };
  if (kind === 'reset-credentials') return { indicator: 'account', required: false };
  // What the attacker left is named as the console shows it: a file's path (an account artefact
  // is typed), a secret by its account; a backup point as `ls /backup` lists it (optional: the
  // newest usable point otherwise).
  if (kind === 'remove-artefact') return { indicator: 'path', required: true };
  if (kind === 'rotate-secret') return { indicator: 'account', required: true };
  if (kind === 'kill-process') return { indicator: 'path', required: true };
  if (kind === 'restore-backup') return { indicator: 'path', required: false };
  return undefined;
}

/**
 * How long an action takes, or a reason it cannot be taken now. With `valuePending`, a missing
 * indicator is not a reason (a view asks whether the action is possible before the trainee names it).
 */
export function validateAction(
  compiled: CompiledScenario,
  ctx: DrillContext,
  request: ActionRequest,
  options: { valuePending?: boolean } = {},
): { duration: SimMs } | { reason: string } {
  const { architecture } = compiled;
  const investigating = request.do === 'search' || request.do === 'shell';
  if (isDiscussionOnly(ctx) && isTechnical(compiled, request))
    return { reason: 'a discussion-only drill has no technical actions' };
  const busy =
    !investigating &&
    ctx.inProgress.some(
      (a) => a.do === request.do && a.target === request.target && a.contact === request.contact,
    );
  if (busy) return { reason: 'already in progress' };
  if (request.do.startsWith(PLAN_ACTION_PREFIX)) {
    const step = compiled.planSteps.get(request.do);
    if (!step) return { reason: `unknown plan step ${request.do}` };
    if (ctx.plan[step.id]?.status === 'done') return { reason: 'plan step already done' };
    return { duration: step.duration };
  }
  switch (request.do) {
    case 'escalate': {
      if (!request.contact || !architecture.contacts.some((c) => c.id === request.contact)) {
        return { reason: 'escalate needs a known contact' };
      }
      const minutes = compiled.channelMinutes.get(request.channel ?? '');
      if (minutes === undefined) return { reason: 'escalate needs a known channel' };
      const call = callInProgress(compiled, ctx, request);
      if (call) return { reason: busyReason(compiled, call) };
      return { duration: escalationDuration(compiled, request, minutes) };
    }
    case 'notify': {
      const problem = notifyProblem(compiled, request.contact);
      return problem ? { reason: problem } : { duration: architecture.notify_duration };
    }
    case 'declare-severity':
      return compiled.severityRank.has(request.severity ?? '')
        ? { duration: 0 }
        : { reason: 'declare-severity needs a known severity' };
    case 'note':
    case 'end':
    case 'facilitator.hint':
    case 'facilitator.observe':
    case 'facilitator.pause':
    case 'facilitator.resume':
      return { duration: 0 };
    case 'discussion-only':
      // The mode of the whole drill: chosen before the team acts, so the record is one kind of drill.
      if (isDiscussionOnly(ctx)) return { reason: 'the drill is already discussion-only' };
      if (ctx.inProgress.length > 0 || ctx.completed.some((a) => !a.do.startsWith('facilitator.')))
        return { reason: 'discussion-only is chosen before the first action' };
      return { duration: 0 };
    case 'decide': {
      // A decision is taken once its decision point has reached the team (its inject fired).
      const inject = compiled.scenario.injects.find((i) => i.decision?.id === request.decision);
      if (!inject?.decision) return { reason: 'decide needs a known decision point' };
      if (!ctx.fired.some((f) => f.id === inject.id))
        return { reason: 'that decision point has not come up yet' };
      if (!inject.decision.options.some((o) => o.id === request.option))
        return {
          reason: `decide needs an option among ${inject.decision.options.map((o) => o.id).join(', ')}`,
        };
      return { duration: 0 };
    }
    case 'facilitator.rate':
      if (!compiled.scenario.objectives.some((o) => o.id === request.objective))
        return { reason: 'facilitator.rate needs a known objective' };
      if (!['P', 'S', 'M', 'U', 'NE'].includes(request.rating ?? ''))
        return { reason: 'facilitator.rate needs a rating: P, S, M, U or NE' };
      return { duration: 0 };
    case 'facilitator.inject':
      if (!compiled.injects.has(request.inject ?? '')) return { reason: 'needs a known inject' };
      if (ctx.fired.some((f) => f.id === request.inject)) return { reason: 'inject already fired' };
      return { duration: 0 };
    case 'facilitator.skip':
      if (!compiled.injects.has(request.inject ?? '')) return { reason: 'needs a known inject' };
      if (ctx.fired.some((f) => f.id === request.inject)) return { reason: 'inject already fired' };
      return { duration: 0 };
    case 'search':
      return request.text
        ? { duration: architecture.investigation.search }
        : { reason: 'search needs a query' };
    case 'shell':
      if (!compiled.componentIds.includes(request.target ?? ''))
        return { reason: 'shell needs a host' };
      return request.text
        ? { duration: architecture.investigation.console }
        : { reason: 'shell needs a command' };
    case 'mark':
      return request.value ? { duration: 0 } : { reason: 'mark needs a value' };
  }
  const action = compiled.actions.get(request.do);
  if (!action) return { reason: `unknown action ${request.do}` };
  if (action.targets.length > 0 && !action.targets.includes(request.target ?? '')) {
    return { reason: `${request.do} needs a target among ${action.targets.join(', ')}` };
  }
  if (action.available_when && !holds(action.available_when, ctx, compiled)) {
    return { reason: 'not available now' };
  }
  const pending = options.valuePending === true && request.value === undefined;
  const named = {
    'remove-artefact': "artefact's path, account or name",
    'rotate-secret': "secret's account or key name",
    'kill-process': "process's executable or command, as the console shows it",
  } as Partial<Record<string, string>>;
  if (named[action.kind] !== undefined && !pending && !request.value)
    return { reason: `${request.do} needs the ${named[action.kind]} (from the notebook)` };
  if (action.kind === 'restore-backup' && request.value !== undefined) {
    const verdict = restorePoint(compiled, ctx, request.target, request.value);
    if ('reason' in verdict) return verdict;
  }
  if (action.kind === 'block-ip' && !(options.valuePending && request.value === undefined)) {
    if (!request.value || !isIpv4(request.value)) {
      return { reason: `${request.do} needs the address to block (an IPv4 address)` };
    }
    if (ctx.blockedIps.includes(request.value))
      return { reason: `${request.value} is already blocked` };
  }
  return { duration: action.duration };
}

export function startAction(
  compiled: CompiledScenario,
  ctx: DrillContext,
  event: Extract<DrillEvent, { type: 'action.start' }>,
): Step {
  const draft = new Draft(compiled, ctx, event.t);
  const request = event.request;
  const verdict = validateAction(compiled, draft.ctx, request);
  if ('reason' in verdict) {
    draft.record({ type: 'action.rejected', request, reason: verdict.reason });
    return draft.done();
  }
  const seq = draft.ctx.actionSeq + 1;
  draft.ctx.actionSeq = seq;
  const record: ActionRecord = {
    ...request,
    seq,
    startedAt: event.t,
    doneAt: event.t + verdict.duration,
  };
  if (request.do.startsWith(PLAN_ACTION_PREFIX)) {
    const stepId = request.do.slice(PLAN_ACTION_PREFIX.length);
    draft.ctx.plan = { ...draft.ctx.plan, [stepId]: { status: 'in-progress', startedAt: event.t } };
  }
  if (verdict.duration === 0) {
    applyCompletion(draft, record);
  } else {
    draft.ctx.inProgress = [...draft.ctx.inProgress, record];
    draft.record({ type: 'action.started', seq, request, doneAt: record.doneAt });
    draft.timers.push({
      id: timerIds.action(seq),
      delay: verdict.duration,
      event: { type: 'action.done', t: event.t, seq },
    });
  }
  return draft.done();
}

export function completeAction(
  compiled: CompiledScenario,
  ctx: DrillContext,
  seq: number,
  t: SimMs,
): Step {
  const draft = new Draft(compiled, ctx, t);
  const record = ctx.inProgress.find((a) => a.seq === seq);
  if (record) {
    draft.ctx.inProgress = ctx.inProgress.filter((a) => a.seq !== seq);
    applyCompletion(draft, record);
  }
  return draft.done();
}

function setTraffic(draft: Draft, to: DrillContext['traffic']): void {
  if (draft.ctx.traffic === to) return;
  draft.record({ type: 'traffic.changed', from: draft.ctx.traffic, to });
  draft.ctx.traffic = to;
}

/** What a completed action does to the drill: the closed registry of effects. */
function applyCompletion(draft: Draft, record: ActionRecord): void {
  const { compiled } = draft;
  const { seq } = record;
  const request = requestOf(record);
  draft.ctx.completed = [...draft.ctx.completed, record];
  draft.record({ type: 'action.done', seq, request });
  for (const id of examinedBy(compiled, record)) draft.addUnique('examined', id);
  if (record.do.startsWith(PLAN_ACTION_PREFIX)) {
    const stepId = record.do.slice(PLAN_ACTION_PREFIX.length);
    draft.ctx.plan = {
      ...draft.ctx.plan,
      [stepId]: { status: 'done', startedAt: record.startedAt, doneAt: draft.t },
    };
    if (stepId === planStepId(compiled.architecture, 'close'))
      draft.record({ type: 'incident.closed', gaps: closeGaps(compiled, draft.ctx) });
  } else if (record.do === 'escalate') {
    const { delivered, fire } = deliverEscalation(draft, compiled, record);
    if (delivered)
      draft.ctx.escalations = [
        ...draft.ctx.escalations,
        { contact: record.contact!, channel: record.channel!, at: draft.t },
      ];
    for (const inject of fire) applyInject(draft, inject);
  } else if (record.do === 'notify') {
    applyNotification(draft, compiled, record);
  } else if (record.do === 'declare-severity') {
    draft.ctx.declaredSeverity = record.severity;
  } else if (record.do === 'end') {
    draft.ctx.ended ??= { at: draft.t, reason: 'ended-by-trainee' };
  } else if (record.do === 'facilitator.inject') {
    // Trigger now: the scheduled timer (if any) is dropped so it cannot fire a second time.
    draft.cancel.push(timerIds.inject(record.inject!));
    applyInject(draft, record.inject!);
  } else if (record.do === 'facilitator.skip') {
    draft.cancel.push(timerIds.inject(record.inject!));
    draft.ctx.skipped = [...draft.ctx.skipped, record.inject!];
  } else if (record.do.startsWith('facilitator.')) {
    // Hints, observations, pause and resume change nothing in the simulation: the trace is the record.
  } else {
    const action = compiled.actions.get(record.do);
    if (action) {
      const target = record.target;
      switch (action.kind) {
        case 'isolate-host':
          if (target) {
            const host = draft.component(target);
            if (!host.isolated) host.isolatedAt = draft.t;
            host.isolated = true;
          }
          break;
        case 'reconnect-host':
          if (target) draft.component(target).isolated = false;
          break;
        case 'block-ip':
          blockAddress(draft, record);
          break;
        case 'enable-waf-rule':
          draft.addUnique('wafRules', action.rule ?? action.id);
          break;
        case 'degrade-traffic':
          if (draft.ctx.traffic !== 'lockdown') setTraffic(draft, 'degraded');
          break;
        case 'lockdown':
          setTraffic(draft, 'lockdown');
          break;
        case 'restore-traffic':
          setTraffic(draft, 'normal');
          break;
        case 'forensic-snapshot':
          if (target) draft.component(target).snapshotAt = draft.t;
          break;
        case 'reset-credentials':
          resetCredentials(draft, record);
          break;
        case 'patch':
          if (target) draft.component(target).patched = true;
          break;
        case 'restore-backup':
          if (target) restoreFromBackup(draft, record);
          break;
        case 'rebuild-host':
          if (target) wipeHost(draft, target, 'rebuild');
          break;
        case 'remove-artefact':
          removeArtefact(draft, record, request);
          break;
        case 'rotate-secret':
          rotateSecret(draft, record, request);
          break;
        case 'kill-process':
          killProcess(draft, record, request);
          break;
        case 'query-siem':
        case 'query-vulnerabilities':
        case 'custom':
          break;
      }
      for (const flag of action.sets) draft.addUnique('flags', flag);
    }
  }
  for (const inject of compiled.injectsOnAction.get(record.do) ?? []) {
    if (inject.on_target === undefined || inject.on_target === record.target) {
      scheduleOrFire(draft, inject.id, inject.delay);
    }
  }
}

/**
 * `block-ip` blocks the address it names, not the attacker's by magic. Naming a customer or a
 * partner costs revenue and brings a complaint; naming the attacker's current address starts its
 * move to another address of its pool, unless the scenario says it keeps it.
 */
function blockAddress(draft: Draft, record: ActionRecord): void {
  const address = record.value;
  if (!address) return;
  draft.addUnique('blockedIps', address);
  const { attackerPool, scenario } = draft.compiled;
  if (!attackerPool.has(address)) {
    draft.record({
      type: 'action.misdirected',
      seq: record.seq,
      request: requestOf(record),
      reason: `${address} is a customer or partner address, not the attacker's`,
    });
    applyInject(draft, CONSEQUENCE_INJECT_IDS.blockedBystander);
    return;
  }
  const rotate = scenario.attacker.rotate_on_block;
  if (address === draft.ctx.attackerIp && rotate) {
    draft.timers.push({
      id: timerIds.rotate,
      delay: Math.max(1000, rotate.after),
      event: { type: 'attacker.rotate', t: draft.t },
    });
  }
}

/**
 * `restore-backup` restores the point the trainee named; without one, the newest usable point (an
 * operator's default). A host no backup holds is restored clean from outside the model (older
 * scenarios and architectures without `backups:`).
 */
function restoreFromBackup(draft: Draft, record: ActionRecord): void {
  const target = record.target!;
  const points = backupPointsFor(draft.compiled, target, draft.t);
  if (points.length === 0) return wipeHost(draft, target, 'rebuild');
  const verdict =
    record.value !== undefined
      ? restorePoint(draft.compiled, draft.ctx, target, record.value)
      : undefined;
  const named =
    verdict !== undefined
      ? 'point' in verdict
        ? verdict.point
        : undefined
      : points.filter((p) => pointStatus(draft.compiled, draft.ctx, p) !== 'destroyed').at(-1);
  if (named && pointStatus(draft.compiled, draft.ctx, named) !== 'destroyed')
    wipeHost(draft, target, 'backup', named);
}

/** `reset-credentials` with an account resets that account: the attacker's, or someone else's. */
function resetCredentials(draft: Draft, record: ActionRecord): void {
  const target = record.target;
  if (record.value !== undefined && !draft.compiled.attackerAccounts.has(record.value)) {
    draft.record({
      type: 'action.misdirected',
      seq: record.seq,
      request: requestOf(record),
      reason: `${record.value} is not an account the attacker uses; its owner is locked out`,
    });
    applyInject(draft, CONSEQUENCE_INJECT_IDS.resetBystander);
    return;
  }
  // Without an account the action resets every credential on the target (the blunt form).
  if (target) draft.component(target).credentialsReset = true;
  resetLeftovers(draft, record);
}

function requestOf(record: ActionRecord): ActionRequest {
  const { seq: _q, startedAt: _s, doneAt: _d, ...request } = record;
  return request;
}

/** The attacker notices its address is blocked and moves to an unblocked one of its pool. */
export function rotateAttacker(compiled: CompiledScenario, ctx: DrillContext, t: SimMs): Step {
  const draft = new Draft(compiled, ctx, t);
  const rotate = compiled.scenario.attacker.rotate_on_block;
  const stillBlocked = ctx.blockedIps.includes(ctx.attackerIp);
  const wayInClosed = rotate?.unless !== undefined && holds(rotate.unless, ctx, compiled);
  const free = compiled.scenario.attacker.source_ips.filter((ip) => !ctx.blockedIps.includes(ip));
  if (rotate && stillBlocked && !wayInClosed && free.length > 0) {
    const moves = ctx.attempts[timerIds.rotate] ?? 0;
    draft.ctx.attempts = { ...ctx.attempts, [timerIds.rotate]: moves + 1 };
    const to = new RngStreams(ctx.seed).pick(free, 'attacker-rotate', moves);
    draft.record({ type: 'attacker.address-changed', from: ctx.attackerIp, to });
    draft.ctx.attackerIp = to;
  }
  return draft.done();
}

/** A leftover's re-entry is due: the attacker is back (the machine then enters the state), or it lapsed. */
export function attackerReentered(
  compiled: CompiledScenario,
  ctx: DrillContext,
  event: Extract<DrillEvent, { type: 'attacker.reenter' }>,
  happens: boolean,
): Step {
  const draft = new Draft(compiled, ctx, event.t);
  if (happens) reenter(draft, event.via);
  else reentryLapsed(draft, event.via);
  return draft.done();
}

/** A scenario spread is due: the siblings still exposed are compromised. */
export function attackerSpread(
  compiled: CompiledScenario,
  ctx: DrillContext,
  event: Extract<DrillEvent, { type: 'attacker.spread' }>,
): Step {
  const draft = new Draft(compiled, ctx, event.t);
  spread(draft, event.spread, event.attempt ?? 1);
  return draft.done();
}

/** An obligation's deadline: overdue unless a notification met it first. */
export function obligationDue(
  compiled: CompiledScenario,
  ctx: DrillContext,
  id: string,
  t: SimMs,
): Step {
  const draft = new Draft(compiled, ctx, t);
  applyObligationDue(draft, id);
  return draft.done();
}

export function timeLimit(compiled: CompiledScenario, ctx: DrillContext, t: SimMs): Step {
  const draft = new Draft(compiled, ctx, t);
  draft.ctx.ended ??= { at: t, reason: 'time-limit' };
  return draft.done();
}

/** After every change: containment and the end condition. */
function settle(draft: Draft): void {
  const { compiled } = draft;
  startObligations(draft, compiled);
  const contained = holds(compiled.scenario.containment.when, draft.ctx, compiled);
  if (contained !== draft.ctx.contained) {
    draft.ctx.contained = contained;
    // `containedAt` is when the containment that holds now began: an attacker who came back
    // restarts the clock, as the score's time to contain does (only a containment that held counts).
    if (contained) {
      draft.ctx.containedAt = draft.t;
      draft.record({ type: 'contained' });
    } else {
      // Assigned, not deleted: the machine merges a step's context into the old one.
      draft.ctx.containedAt = undefined;
      draft.record({ type: 'containment.lost' });
    }
  }
  armReentries(draft);
  const endWhen = compiled.scenario.end.when ?? defaultEnd(compiled);
  if (!draft.ctx.ended && endWhen && holds(endWhen, draft.ctx, compiled)) {
    draft.ctx.ended = { at: draft.t, reason: 'condition' };
  }
}

function defaultEnd(compiled: CompiledScenario) {
  const last = [...compiled.architecture.emergency_plan].sort((a, b) => b.order - a.order)[0];
  return last ? { plan_step: last.id } : undefined;
}
