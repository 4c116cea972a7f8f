import { callInProgress, Drill, type ActionRequest, type Seed } from '../engine/index.js';
import {
  PLAN_ACTION_PREFIX,
  planBacking,
  planInOrder,
  planStepId,
  planStepWithRole,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import { recoveryPlan } from './recoveryPlan.js';
import { Sight } from './sight.js';

/** How long the model responder takes to react to what it sees. */
const REACTION: SimMs = 60_000;
/** How often a response gated by `available_when` is tried again, a reaction apart. */
const MAX_RETRIES = 30;
const INVESTIGATE = new Set(['query-siem', 'query-vulnerabilities']);
/** Component kinds that are controls (where a block, a rule or a lockdown is applied), not hosts. */
const CONTROLS = new Set(['firewall', 'ips', 'waf', 'load-balancer']);
/** Technical responses the infrastructure team carries out (plan step "alert infra"). */
const INFRA_WORK = new Set([
  'isolate-host',
  'restore-backup',
  'patch',
  'lockdown',
  'degrade-traffic',
  'custom',
  'reset-credentials',
]);

interface Pending {
  at: SimMs;
  request: ActionRequest;
  /** Technical responses the close waits for. */
  response?: boolean;
}

/**
 * The model answer, as a reactive policy that sees only what a trainee sees (decision 0990): it
 * plays the drill step by step and reads, through `Sight`, the injects that have fired and the
 * lines they show. The first serious alert, or the first lines that meet one of the architecture's
 * severity signs, starts the response: it investigates the component the alert is about (or, with
 * no component named, looks every host up in the vulnerability platform) and confirms; it declares
 * the severity the signs in the lines give and re-declares when it rises; it escalates by the
 * matrix at the declared severity (cumulative, each contact once, on the matrix's channel), which
 * also does the plan's contact steps; it notifies each obligation's recipient once that clock is on
 * the screen; it plays the scenario's expected responses as the author's playbook, each once its
 * anchor has fired and only on a host the evidence showed (or the vulnerability platform listed,
 * or a control device) with values from the lines (the address a block names); it marks the hosts,
 * outside addresses, accounts and paths of the lines it acted on. Once those are done it
 * eradicates and recovers what it saw, coordinates the restoration, assesses the impact, closes,
 * monitors and reports, in the plan's order. Pure: (architecture, scenario, seed) -> action log.
 */
export function bestPolicy(
  architecture: Architecture,
  scenario: Scenario,
  seed: Seed,
): ActionLogEntry[] {
  const drill = new Drill(architecture, scenario, seed);
  const log: ActionLogEntry[] = [];
  let queue: Pending[] = [];
  const told = new Set<string>();
  let declared: string | undefined;
  let started = false;
  const searched = new Set<string>();
  /** Technical work for the infrastructure team is planned: told once the event is confirmed. */
  let infraNeeded = false;
  const answered = new Set<string>();
  let responsesLeft = 0;
  let closing = false;
  const snapshotted = new Set<string>();
  const notifiedFor = new Set<string>();
  const notifiedContacts = new Set<string>();
  const sight = new Sight(drill.compiled);
  /** Hosts the vulnerability platform listed once the policy looked them up. */
  const vulnerable = new Set<string>();
  // The architecture as this scenario sees it (its category's matrix, the contacts it adds).
  const arch = drill.compiled.architecture;
  // The contact of the plan's "alert the infrastructure team" step, if the plan has one.
  const infra = planStepWithRole(arch, 'alert-infra')?.contact;
  const confirmStep = planStepId(arch, 'confirm');
  const closeStep = planStepId(arch, 'close');
  // After the response: the plan's remaining steps that are neither a contact nor the matrix
  // (coordinate the restoration, assess the impact, close, monitor, report), in the plan's order.
  const closingSteps = planInOrder(arch).filter(
    (s) =>
      s.id !== confirmStep && s.contact === undefined && planBacking(s.role ?? s.id) !== 'matrix',
  );

  /** A target the evidence showed, the platform listed, or a control device. */
  const seenTarget = (target: string | undefined) => {
    if (target === undefined) return true;
    const kind = arch.components.find((c) => c.id === target)?.kind;
    return (
      (kind !== undefined && CONTROLS.has(kind)) || sight.saw(target) || vulnerable.has(target)
    );
  };
  const push = (at: SimMs, request: ActionRequest, response = false) => {
    // A block names the outside address the latest lines came from.
    if (
      drill.compiled.actions.get(request.do)?.kind === 'block-ip' &&
      request.value === undefined
    ) {
      const address = sight.address();
      if (address === undefined) return;
      request = { ...request, value: address };
    }
    queue.push({ at, request, response });
    if (response) responsesLeft += 1;
  };
  /** Each contact once per channel (a severity that asks for a call after a ticket gets the call). */
  /** When the matrix wants each contact told, from when the policy saw the severity (its sight). */
  const dueOf = new Map<string, SimMs>();
  const inHandAt = new Map<string, SimMs>();
  const tell = (now: SimMs, contact: string, channel: string, due?: SimMs) => {
    if (due !== undefined) dueOf.set(contact, Math.min(dueOf.get(contact) ?? due, due));
    if (told.has(`${contact}:${channel}`)) return;
    told.add(`${contact}:${channel}`);
    push(now + REACTION, { do: 'escalate', contact, channel });
  };

  const react = () => {
    sight.update(drill.trace, drill.seed, drill.now);
    const now = drill.now;
    for (const e of drill.trace) {
      if (e.type !== 'action.done' || e.request.target === undefined) continue;
      if (drill.compiled.actions.get(e.request.do)?.kind !== 'query-vulnerabilities') continue;
      // The platform lists each hole with every host that shares it.
      for (const v of arch.vulnerabilities)
        if (v.components.includes(e.request.target))
          for (const c of v.components) vulnerable.add(c);
    }
    const trigger = sight.trigger;
    if (!trigger) return;
    if (!started) {
      started = true;
      const subject = trigger.subject;
      for (const action of drill.compiled.actions.values()) {
        if (!INVESTIGATE.has(action.kind)) continue;
        if (!action.targets.length) {
          push(now + REACTION, { do: action.id });
          continue;
        }
        if (subject !== undefined) {
          if (action.targets.includes(subject)) {
            searched.add(`${action.id}:${subject}`);
            push(now + REACTION, { do: action.id, target: subject });
          }
          continue;
        }
        // Nothing named (an advisory): look every host up in the vulnerability platform.
        if (action.kind === 'query-vulnerabilities')
          for (const target of action.targets) push(now + REACTION, { do: action.id, target });
      }
      if (confirmStep) push(now + REACTION, { do: `${PLAN_ACTION_PREFIX}${confirmStep}` });
    }
    // Every host the evidence has shown since is searched in the SIEM too, once.
    for (const host of sight.subjects())
      for (const action of drill.compiled.actions.values()) {
        if (action.kind !== 'query-siem' || !action.targets.includes(host)) continue;
        const key = `${action.id}:${host}`;
        if (searched.has(key)) continue;
        searched.add(key);
        push(now + REACTION, { do: action.id, target: host });
      }
    // Severity: declare what the evidence shows, once it shows it.
    const shown = sight.severity();
    if (shown !== declared) {
      declared = shown;
      push(now + REACTION, { do: 'declare-severity', severity: shown });
    }
    // Escalations follow the plan's order: once the event is confirmed (the severity assessed).
    const confirmed =
      confirmStep === undefined ||
      drill.trace.some(
        (e) => e.type === 'action.done' && e.request.do === `${PLAN_ACTION_PREFIX}${confirmStep}`,
      );
    // The matrix, cumulative up to the severity in hand.
    const inHand = shown;
    const rank = drill.compiled.severityRank;
    for (const s of arch.severities)
      if ((rank.get(s.id) ?? 0) <= (rank.get(inHand) ?? 0) && !inHandAt.has(s.id))
        inHandAt.set(s.id, now);
    // Calls hold the line one at a time (decision 1020): they start once the severity is in hand
    // (the first one confirms it with the SOC), the rest of the matrix once it is confirmed.
    for (const s of arch.severities) {
      if ((rank.get(s.id) ?? 0) > (rank.get(inHand) ?? 0)) continue;
      for (const rule of arch.escalation_matrix[s.id] ?? []) {
        // The channel of the highest severity in hand that lists the contact.
        const channel =
          [...arch.severities]
            .filter((x) => (rank.get(x.id) ?? 0) <= (rank.get(inHand) ?? 0))
            .reverse()
            .flatMap((x) => arch.escalation_matrix[x.id] ?? [])
            .find((r) => r.contact === rule.contact)?.channel ?? rule.channel;
        if (!confirmed && !drill.compiled.oneAtATime.has(channel)) continue;
        tell(now, rule.contact, channel, (inHandAt.get(s.id) ?? now) + rule.within);
      }
    }
    if (confirmed && infraNeeded && infra) tell(now, infra, 'chat');
    // Nobody answered: call the backup the auto-reply names, or use another channel.
    for (const entry of drill.trace) {
      if (entry.type === 'contact.unavailable' && entry.backup) {
        const sent = drill.trace.find((e) => e.type === 'action.done' && e.seq === entry.seq);
        const channel = sent?.type === 'action.done' ? sent.request.channel : undefined;
        if (channel) tell(now, entry.backup, channel);
      }
      if (entry.type === 'escalation.undelivered') {
        const other = [...arch.channels]
          .sort((a, b) => a.typical_minutes - b.typical_minutes)
          .find((c) => c.id !== entry.channel);
        if (other) tell(now, entry.contact, other.id);
      }
    }
    // Obligations: notify each recipient once its clock is on the team's screen (awareness).
    for (const entry of drill.trace) {
      if (entry.type !== 'obligation.started' || notifiedFor.has(entry.obligation)) continue;
      notifiedFor.add(entry.obligation);
      const contact = drill.compiled.obligations.find((o) => o.id === entry.obligation)?.contact;
      if (contact && !notifiedContacts.has(contact)) {
        notifiedContacts.add(contact);
        push(now + REACTION, { do: 'notify', contact });
      }
    }
    // The scenario's expected responses, each once its anchor has fired and its target was seen.
    const fired = new Set(sight.readings.map((r) => r.inject));
    for (const response of scenario.expected) {
      if (answered.has(response.id)) continue;
      const anchor = response.after ?? response.inject;
      if (anchor !== undefined && !fired.has(anchor)) continue;
      if (!seenTarget(response.target)) continue;
      const call =
        response.action === 'escalate' && drill.compiled.oneAtATime.has(response.channel ?? '');
      if (response.action === 'escalate' && !confirmed && !call) continue;
      // A call the scenario expects within a time from its anchor is as urgent as that.
      if (call && response.contact !== undefined && response.within !== undefined)
        dueOf.set(
          response.contact,
          Math.min(dueOf.get(response.contact) ?? Infinity, now + response.within),
        );
      answered.add(response.id);
      if (response.action.startsWith(PLAN_ACTION_PREFIX)) continue;
      const kind = drill.compiled.actions.get(response.action)?.kind;
      let at = now + REACTION;
      // Evidence first: a host about to be cut off or rebuilt is snapshotted (a rebuild waits for it).
      const snapshot = [...drill.compiled.actions.values()].find(
        (a) => a.kind === 'forensic-snapshot' && a.targets.includes(response.target ?? ''),
      );
      if (snapshot && (kind === 'isolate-host' || kind === 'restore-backup')) {
        const key = `${snapshot.id}:${response.target}`;
        if (!snapshotted.has(key)) {
          snapshotted.add(key);
          push(at, { do: snapshot.id, target: response.target! }, true);
        }
        if (kind === 'restore-backup') at += snapshot.duration;
      }
      if (kind && INFRA_WORK.has(kind)) infraNeeded = true;
      push(
        at,
        {
          do: response.action,
          ...(response.target !== undefined ? { target: response.target } : {}),
          ...(response.contact !== undefined ? { contact: response.contact } : {}),
          ...(response.channel !== undefined ? { channel: response.channel } : {}),
          ...(response.action === 'declare-severity' ? { severity: shown } : {}),
        },
        response.action !== 'escalate' && response.action !== 'declare-severity',
      );
    }
  };

  const retries = new Map<string, number>();
  const inFlight = () => drill.context.inProgress.length;
  let seen = -1;
  // One call at a time (decision 1020): of the calls waiting for the line, the one due first
  // that can still be made in time goes first; the ones already too late wait for the rest (late
  // is late: making them first would only make another one late too).
  const LATE = 2 ** 40;
  const urgency = (p: Pending) => {
    const { do: kind, contact, channel } = p.request;
    if (kind !== 'escalate' || !drill.compiled.oneAtATime.has(channel ?? '')) return 0;
    const due = dueOf.get(contact ?? '') ?? LATE;
    const length = (drill.compiled.channelMinutes.get(channel ?? '') ?? 0) * 60_000;
    return p.at + length <= due ? due : LATE + due;
  };
  /**
   * One queued action at its time: done, put back (the line is busy, its condition does not hold
   * yet) or dropped (already made, not possible). Whatever becomes of it, the policy then looks at
   * the screen again and may close: a dropped item must not leave the close to the engine's next
   * wake-up, whose time can come from a clock the trainee does not see.
   */
  const take = (next: Pending): void => {
    if (next.request.do === 'escalate') {
      // A contact already told on that channel is not called twice (the matrix and the
      // scenario's expected responses may both ask for the same call).
      const { contact, channel } = next.request;
      if (drill.context.escalations.some((e) => e.contact === contact && e.channel === channel))
        return;
      // On a call (decision 1020): the next call waits for the line, then the most urgent goes.
      const onCall = callInProgress(drill.compiled, drill.context, next.request);
      if (onCall) {
        queue.push({ ...next, at: onCall.doneAt });
        return;
      }
    }
    if ('reason' in drill.check(next.request)) {
      // A response whose action is not available yet (it waits for a call, a flag), or a call
      // to a contact still busy with the last one, is tried again a reaction later, as a trainee
      // would once the condition holds.
      const gated =
        drill.compiled.actions.get(next.request.do)?.available_when !== undefined ||
        next.request.do === 'escalate';
      const key = `${next.request.do}:${next.request.contact ?? next.request.target ?? ''}`;
      const tries = (retries.get(key) ?? 0) + 1;
      retries.set(key, tries);
      if (gated && tries <= MAX_RETRIES) {
        queue.push({ ...next, at: drill.now + REACTION });
        return;
      }
      if (next.response) responsesLeft -= 1;
      return;
    }
    drill.act(next.request);
    log.push({ at: drill.now, ...next.request } as ActionLogEntry);
    if (next.response) responsesLeft -= 1;
  };
  for (let guard = 0; guard < 10_000 && !drill.isEnded; guard++) {
    queue.sort((a, b) => a.at - b.at || urgency(a) - urgency(b));
    const next = queue[0];
    const due = drill.nextDueAt;
    if (next && (due === undefined || next.at <= due)) {
      queue = queue.slice(1);
      drill.advanceTo(Math.max(drill.now, next.at));
      if (drill.isEnded) break;
      take(next);
    } else if (!drill.advanceToNext()) {
      break;
    }
    // Nothing new in the trace, nothing new to see: the facts (and so every decision) are the same.
    if (drill.trace.length !== seen) {
      seen = drill.trace.length;
      react();
    }
    // Close once every technical response is done and nothing is in flight.
    // Settled: done, or its anchor fired and its target never showed (nothing to act on).
    const fired = new Set(sight.readings.map((r) => r.inject));
    const allAnswered = scenario.expected.every((r) => {
      const anchor = r.after ?? r.inject;
      return (
        answered.has(r.id) || ((anchor === undefined || fired.has(anchor)) && !seenTarget(r.target))
      );
    });
    if (
      started &&
      allAnswered &&
      !closing &&
      responsesLeft === 0 &&
      queue.length === 0 &&
      inFlight() === 0
    ) {
      closing = true;
      // Eradicate and recover before closing (recoveryPlan: what the close criteria ask for).
      const recovery = recoveryPlan(drill.compiled, drill.context, drill.now + REACTION);
      // Only on what the evidence showed: hosts seen, values in the lines (a backup point is on
      // the host's console).
      for (const { at, request } of recovery.actions) {
        const kind = drill.compiled.actions.get(request.do)?.kind;
        const valueSeen =
          request.value === undefined || kind === 'restore-backup' || sight.knows(request.value);
        if (seenTarget(request.target) && valueSeen) push(at, request);
      }
      // The steps before the close (coordinate the restoration, assess the impact) are done while
      // the recovery runs, as a responder would; the close and what follows wait for it.
      let at = drill.now + REACTION;
      for (const step of closingSteps) {
        if (step.id === closeStep) at = Math.max(at, recovery.doneAt + REACTION);
        push(at, { do: `${PLAN_ACTION_PREFIX}${step.id}` });
        at += step.duration + REACTION;
      }
    }
  }
  // The investigation: each indicator the lines showed is marked a reaction after they showed it
  // (marks take no time and change nothing in the drill, so they are added after).
  const end = drill.trace.at(-1)?.t ?? 0;
  for (const { at, value, indicator } of sight.sighted())
    if (at + REACTION < end)
      log.push({ at: at + REACTION, do: 'mark', value, indicator } as ActionLogEntry);
  return log.sort((a, b) => a.at - b.at);
}
