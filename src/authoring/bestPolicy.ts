import { Drill, type ActionRequest, type Seed } from '../engine/index.js';
import {
  PLAN_ACTION_PREFIX,
  type ActionLogEntry,
  type Architecture,
  type Scenario,
  type SimMs,
} from '../model/index.js';
import { readFacts, workingSeverityAt } from '../scoring/facts.js';

/** How long the model responder takes to react to what it sees. */
const REACTION: SimMs = 60_000;
const INVESTIGATE = new Set(['query-siem', 'query-vulnerabilities']);

interface Pending {
  at: SimMs;
  request: ActionRequest;
  /** Technical responses the close waits for. */
  response?: boolean;
}

/**
 * The model answer, as a reactive policy: it plays the drill step by step and acts only on what a
 * trainee could see by then (the evidence scoring counts as observable: fired injects, their
 * anchors, the severity the evidence shows). On the first evidence it investigates the component
 * the evidence is about and confirms; it declares the severity the evidence shows and re-declares
 * when it rises; it escalates by the matrix at that severity (cumulative, each contact once, on
 * the matrix's channel), which also does the plan's contact steps; it answers each inject with
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
  const plan = [...architecture.emergency_plan].sort((a, b) => a.order - b.order);
  const closingSteps = plan.filter((s) =>
    ['coordinate-restoration', 'assess-impact', 'close', 'monitor', 'report'].includes(s.id),
  );

  const push = (at: SimMs, request: ActionRequest, response = false) => {
    queue.push({ at, request, response });
    if (response) responsesLeft += 1;
  };

  const react = () => {
    const facts = readFacts(drill.compiled, {
      seed: drill.seed,
      trace: drill.trace,
      outcome: drill.outcome,
      context: drill.context,
    });
    const now = drill.now;
    const evidence = facts.firstEvidence;
    if (!evidence) return;
    if (!started) {
      started = true;
      const about = facts.evidence[0]
        ? (drill.compiled.injects.get(facts.evidence[0].inject)?.about ?? [])
        : [];
      const firstAlert = facts.result.trace[evidence.event.index];
      const subject =
        about[0] ??
        (firstAlert?.type === 'inject.fired'
          ? drill.compiled.injects.get(firstAlert.inject)?.about?.[0]
          : undefined);
      for (const action of drill.compiled.actions.values()) {
        if (!INVESTIGATE.has(action.kind)) continue;
        const target = subject && action.targets.includes(subject) ? subject : undefined;
        if (action.targets.length && !target) continue;
        push(now + REACTION, { do: action.id, ...(target ? { target } : {}) });
      }
      push(now + REACTION, { do: `${PLAN_ACTION_PREFIX}confirm` });
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
    for (const s of architecture.severities) {
      if ((rank.get(s.id) ?? 0) > (rank.get(inHand) ?? 0)) continue;
      for (const rule of architecture.escalation_matrix[s.id] ?? []) {
        if (told.has(rule.contact)) continue;
        told.add(rule.contact);
        // The channel of the highest severity in hand that lists the contact.
        const channel =
          [...architecture.severities]
            .filter((x) => (rank.get(x.id) ?? 0) <= (rank.get(inHand) ?? 0))
            .reverse()
            .flatMap((x) => architecture.escalation_matrix[x.id] ?? [])
            .find((r) => r.contact === rule.contact)?.channel ?? rule.channel;
        push(now + REACTION, { do: 'escalate', contact: rule.contact, channel });
      }
    }
    // The scenario's expected responses, each once its anchor is visible.
    for (const response of scenario.expected) {
      if (answered.has(response.id)) continue;
      const anchor = response.after ?? response.inject;
      if (anchor !== undefined && !facts.firedAt.has(anchor)) continue;
      answered.add(response.id);
      if (response.action.startsWith(PLAN_ACTION_PREFIX)) continue;
      push(
        now + REACTION,
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

  const inFlight = () => drill.context.inProgress.length;
  for (let guard = 0; guard < 10_000 && !drill.isEnded; guard++) {
    queue.sort((a, b) => a.at - b.at);
    const next = queue[0];
    const due = drill.nextDueAt;
    if (next && (due === undefined || next.at <= due)) {
      queue = queue.slice(1);
      drill.advanceTo(Math.max(drill.now, next.at));
      if (drill.isEnded) break;
      if ('reason' in drill.check(next.request)) {
        if (next.response) responsesLeft -= 1;
        continue;
      }
      drill.act(next.request);
      log.push({ at: drill.now, ...next.request } as ActionLogEntry);
      if (next.response) responsesLeft -= 1;
    } else if (!drill.advanceToNext()) {
      break;
    }
    react();
    // Close once every technical response is done and nothing is in flight.
    if (started && !closing && responsesLeft === 0 && queue.length === 0 && inFlight() === 0) {
      closing = true;
      let at = drill.now + REACTION;
      for (const step of closingSteps) {
        push(at, { do: `${PLAN_ACTION_PREFIX}${step.id}` });
        at += step.duration + REACTION;
      }
    }
  }
  return log;
}
