import { Drill, type ActionRequest, type Seed } from '../engine/index.js';
import {
  PLAN_ACTION_PREFIX,
  planBacking,
  planInOrder,
  planStepId,
  planStepWithRole,
  type ActionLogEntry,
  type Architecture,
  type IndicatorKind,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import { readFacts, workingSeverityAt } from '../scoring/facts.js';
import { investigationTruth, type TruthItem } from '../scoring/investigation.js';
import { recoveryPlan } from './recoveryPlan.js';

/** How long the model responder takes to react to what it sees. */
const REACTION: SimMs = 60_000;
/** How often a response gated by `available_when` is tried again, a reaction apart. */
const MAX_RETRIES = 30;
const INVESTIGATE = new Set(['query-siem', 'query-vulnerabilities']);
const SERIOUS = new Set(['high', 'critical']);
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

const INDICATOR_OF = {
  'entry-point': 'host',
  host: 'host',
  address: 'address',
  account: 'account',
  artefact: 'path',
} as const satisfies Record<TruthItem['kind'], IndicatorKind>;

interface Pending {
  at: SimMs;
  request: ActionRequest;
  /** Technical responses the close waits for. */
  response?: boolean;
}

/**
 * The model answer, as a reactive policy: it plays the drill step by step and acts on what had
 * fired by then (the evidence scoring counts as observable: fired injects, their anchors, the
 * severity in force when the evidence fired). Not yet fully blind (README, "Known limit"): which
 * inject is evidence comes from the `malicious` ground truth, the severity from the engine rather
 * than from the criteria applied to the evidence, and the technical actions from `expected:`. On the first evidence it investigates the component
 * the evidence is about and confirms; it declares the severity the evidence shows and re-declares
 * when it rises; it escalates by the matrix at that severity (cumulative, each contact once, on
 * the matrix's channel), which also does the plan's contact steps; it notifies each obligation's
 * recipient once that obligation's clock has started (the team is aware); it answers each inject with
 * the scenario's expected responses anchored to it (the author's playbook for the evidence); once
 * those are done it coordinates the restoration, assesses the impact, closes, monitors and
 * reports, in the plan's order. Pure: (architecture, scenario, seed) -> action log.
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
  const answered = new Set<string>();
  let responsesLeft = 0;
  let closing = false;
  const snapshotted = new Set<string>();
  const notifiedFor = new Set<string>();
  const notifiedContacts = new Set<string>();
  // The architecture as this scenario sees it (its category's matrix, the contacts it adds).
  const arch = drill.compiled.architecture;
  // The contact of the plan's "alert the infrastructure team" step, if the plan has one.
  const infra = planStepWithRole(arch, 'alert-infra')?.contact;
  const confirmStep = planStepId(arch, 'confirm');
  // After the response: the plan's remaining steps that are neither a contact nor the matrix
  // (coordinate the restoration, assess the impact, close, monitor, report), in the plan's order.
  const closingSteps = planInOrder(arch).filter(
    (s) =>
      s.id !== confirmStep && s.contact === undefined && planBacking(s.role ?? s.id) !== 'matrix',
  );

  const push = (at: SimMs, request: ActionRequest, response = false) => {
    // A block names the address the alerts show (the attacker's, as seen by then).
    if (drill.compiled.actions.get(request.do)?.kind === 'block-ip' && request.value === undefined)
      request = { ...request, value: drill.context.attackerIp };
    queue.push({ at, request, response });
    if (response) responsesLeft += 1;
  };
  /** Each contact once per channel (a severity that asks for a call after a ticket gets the call). */
  const tell = (now: SimMs, contact: string, channel: string) => {
    if (told.has(`${contact}:${channel}`)) return;
    told.add(`${contact}:${channel}`);
    push(now + REACTION, { do: 'escalate', contact, channel });
  };

  const react = () => {
    const facts = readFacts(drill.compiled, {
      seed: drill.seed,
      trace: drill.trace,
      outcome: drill.outcome,
      context: drill.context,
    });
    const now = drill.now;
    // A serious alert is worth triage even before anything proves it malicious (a false positive).
    const serious = drill.trace.findIndex(
      (e) => e.type === 'inject.fired' && e.kind === 'alert' && SERIOUS.has(e.severity),
    );
    const evidence =
      facts.evidence[0]?.event ??
      (serious >= 0
        ? { index: serious, t: drill.trace[serious]!.t, type: 'inject.fired' as const }
        : undefined);
    if (!evidence) return;
    if (!started) {
      started = true;
      const seen = drill.trace[evidence.index];
      const subject =
        seen?.type === 'inject.fired'
          ? drill.compiled.injects.get(seen.inject)?.about?.[0]
          : undefined;
      for (const action of drill.compiled.actions.values()) {
        if (!INVESTIGATE.has(action.kind)) continue;
        const target = subject && action.targets.includes(subject) ? subject : undefined;
        if (action.targets.length && !target) continue;
        push(now + REACTION, { do: action.id, ...(target ? { target } : {}) });
      }
      if (confirmStep) push(now + REACTION, { do: `${PLAN_ACTION_PREFIX}${confirmStep}` });
    }
    // Severity: declare what the evidence shows, once it shows it.
    const shown = facts.observedSeverity;
    if (shown !== declared) {
      declared = shown;
      push(now + REACTION, { do: 'declare-severity', severity: shown });
    }
    // The matrix, cumulative up to the severity in hand.
    const inHand = workingSeverityAt(facts, Infinity);
    const rank = drill.compiled.severityRank;
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
        tell(now, rule.contact, channel);
      }
    }
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
    // The scenario's expected responses, each once its anchor is visible.
    for (const response of scenario.expected) {
      if (answered.has(response.id)) continue;
      const anchor = response.after ?? response.inject;
      if (anchor !== undefined && !facts.firedAt.has(anchor)) continue;
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
      if (kind && INFRA_WORK.has(kind) && infra) tell(now, infra, 'chat');
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
  for (let guard = 0; guard < 10_000 && !drill.isEnded; guard++) {
    queue.sort((a, b) => a.at - b.at);
    const next = queue[0];
    const due = drill.nextDueAt;
    if (next && (due === undefined || next.at <= due)) {
      queue = queue.slice(1);
      drill.advanceTo(Math.max(drill.now, next.at));
      if (drill.isEnded) break;
      if ('reason' in drill.check(next.request)) {
        // A response whose action is not available yet (it waits for a call, a flag) is tried
        // again a reaction later, as a trainee would once the condition holds.
        const gated = drill.compiled.actions.get(next.request.do)?.available_when !== undefined;
        const tries = (retries.get(next.request.do) ?? 0) + 1;
        retries.set(next.request.do, tries);
        if (gated && tries <= MAX_RETRIES) {
          queue.push({ ...next, at: drill.now + REACTION });
          continue;
        }
        if (next.response) responsesLeft -= 1;
        continue;
      }
      drill.act(next.request);
      log.push({ at: drill.now, ...next.request } as ActionLogEntry);
      if (next.response) responsesLeft -= 1;
    } else if (!drill.advanceToNext()) {
      break;
    }
    // Nothing new in the trace, nothing new to see: the facts (and so every decision) are the same.
    if (drill.trace.length !== seen) {
      seen = drill.trace.length;
      react();
    }
    // Close once every technical response is done and nothing is in flight.
    const allAnswered = answered.size === scenario.expected.length;
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
      for (const { at, request } of recovery.actions) push(at, request);
      let at = recovery.doneAt + REACTION;
      for (const step of closingSteps) {
        push(at, { do: `${PLAN_ACTION_PREFIX}${step.id}` });
        at += step.duration + REACTION;
      }
    }
  }
  // The investigation: each indicator is marked in the notebook a reaction after the evidence
  // first showed it (marks take no time and change nothing in the drill, so they are added after).
  const end = drill.trace.at(-1)?.t ?? 0;
  for (const item of investigationTruth(drill.compiled, drill.trace, drill.seed)) {
    const at = item.observableAt + REACTION;
    const indicator = INDICATOR_OF[item.kind];
    if (at < end) log.push({ at, do: 'mark', value: item.value, indicator } as ActionLogEntry);
  }
  return log.sort((a, b) => a.at - b.at);
}
