import {
  coachPhase,
  currentHints,
  explanationFor,
  idleFor,
  revenueLossRate,
  type ActionRecord,
  type TraceEntry,
} from '../../engine/index.js';
import {
  COACH_PHASE_CSF,
  COACH_PHASES,
  PLAN_ACTION_PREFIX,
  type CoachPhase,
  type SimMs,
} from '../../model/index.js';
import { clean, money, shortDuration } from '../text.js';
import type { DrillView } from './drillView.js';
import { visibleSeverity } from './header.js';

/** Without `coach.stuck_after`, the coach offers a hint after this much simulated idle time. */
export const DEFAULT_STUCK_AFTER: SimMs = 10 * 60_000;

export const PHASE_TITLES: Record<CoachPhase, string> = {
  preparation: 'Preparation',
  detection: 'Detection and analysis',
  containment: 'Containment',
  eradication: 'Eradication and recovery',
  'post-incident': 'Post-incident activity',
};

export interface CoachHintView {
  id: string;
  text: string;
  /** "plan step 1: Confirm suspicious event" when the hint names a plan step. */
  planStep?: string;
}

/** What the coach says about the trainee's latest action. */
export interface CoachActionNote {
  /** "Take a forensic snapshot on FEServ2", "Plan step 1: Confirm suspicious event". */
  label: string;
  at: SimMs;
  /** Why it matters (the scenario's explanation or the action's `explain`). */
  why?: string;
  /** Where it sits in the plan and the architecture (contact role, component, matrix rule). */
  context: string[];
  /** What it cost: time taken, revenue, evidence; what followed (containment). */
  cost: string[];
}

export interface CoachView {
  phase: CoachPhase;
  /** 1-based position of the phase (preparation = 1 of 5). */
  phaseNumber: number;
  phaseTitle: string;
  /** The phase as SP 800-61r3 / CSF 2.0 read it: `respond RS.MA RS.MI RS.CO`. */
  phaseCsf: string;
  /** Simulated time since the trainee last did anything. */
  idle: SimMs;
  stuckAfter: SimMs;
  isStuck: boolean;
  /** Hints are shown only when asked for or when the trainee is stuck. */
  showHints: boolean;
  reason?: 'asked' | 'stuck';
  /** The current phase's hints whose condition holds (empty when hidden). */
  hints: CoachHintView[];
  /** How many hints the phase has now (to say "press h" without showing them). */
  hintCount: number;
  lastAction?: CoachActionNote;
  /** Coach notes of the injects that fired since the latest action (why they matter). */
  injectNotes: Array<{ title: string; text: string }>;
  /** The scenario has a `coach:` section. */
  hasCoachData: boolean;
}

export interface CoachOptions {
  /** `actionSeq` of the drill when the trainee pressed the hint key; hints hide after the next action. */
  askedAtSeq?: number;
}

/** Trainee actions the coach comments on (not notes, the drill's end or facilitator moves). */
function isCoachable(record: ActionRecord): boolean {
  return record.do !== 'note' && record.do !== 'end' && !record.do.startsWith('facilitator.');
}

function latestAction(drill: DrillView): ActionRecord | undefined {
  const all = [...drill.context.completed, ...drill.context.inProgress].filter(isCoachable);
  return all.reduce<ActionRecord | undefined>(
    (best, a) => (!best || a.seq > best.seq ? a : best),
    undefined,
  );
}

function planStepLabel(drill: DrillView, step: string): string | undefined {
  const plan = drill.compiled.architecture.emergency_plan;
  const found = plan.find((s) => s.id === step);
  return found ? `plan step ${found.order} of ${plan.length}: ${clean(found.title)}` : undefined;
}

function actionLabel(drill: DrillView, a: ActionRecord): string {
  const { architecture } = drill.compiled;
  if (a.do.startsWith(PLAN_ACTION_PREFIX)) {
    const label = planStepLabel(drill, a.do.slice(PLAN_ACTION_PREFIX.length));
    return label ? label.charAt(0).toUpperCase() + label.slice(1) : clean(a.do);
  }
  if (a.do === 'escalate') {
    const contact = architecture.contacts.find((c) => c.id === a.contact);
    return `Escalate to ${clean(contact?.name ?? a.contact)} by ${clean(a.channel)}`;
  }
  if (a.do === 'declare-severity') return `Declare severity ${clean(a.severity)}`;
  const title = clean(drill.compiled.actions.get(a.do)?.title ?? a.do);
  return a.target ? `${title} on ${clean(a.target)}` : title;
}

/** The architecture around the action: plan step, component, contact and the escalation matrix. */
function actionContext(drill: DrillView, a: ActionRecord): string[] {
  const { architecture } = drill.compiled;
  const lines: string[] = [];
  if (a.target) {
    const component = architecture.components.find((c) => c.id === a.target);
    if (component) {
      const layer = architecture.layers.find((l) => l.id === component.layer);
      lines.push(
        `${component.id} (${clean(component.name)}; ${clean(layer?.title ?? component.layer)}): ${clean(component.purpose)}`,
      );
    }
  }
  if (a.do === 'escalate') {
    const contact = architecture.contacts.find((c) => c.id === a.contact);
    if (contact) lines.push(`${clean(contact.name)}: ${clean(contact.role)}.`);
    const severity = drill.context.declaredSeverity ?? visibleSeverity(drill);
    const rule = (architecture.escalation_matrix[severity] ?? []).find(
      (r) => r.contact === a.contact,
    );
    lines.push(
      rule
        ? `The escalation matrix for ${severity} asks for ${rule.contact} by ${rule.channel} within ${shortDuration(rule.within)}.`
        : `The escalation matrix for ${severity} does not list ${clean(a.contact)}.`,
    );
  }
  return lines;
}

/** What followed the action in the trace: the cost in time, revenue and evidence. */
function actionCost(drill: DrillView, a: ActionRecord): string[] {
  const lines: string[] = [];
  const took = a.doneAt - a.startedAt;
  const isDone = drill.context.completed.some((c) => c.seq === a.seq);
  if (took > 0)
    lines.push(
      isDone
        ? `It took ${shortDuration(took)} of simulated time.`
        : `It takes ${shortDuration(took)}; still running.`,
    );
  const { business } = drill.compiled.architecture;
  // What an isolation costs is what the revenue model charges (the load balancers move the
  // host's customers to its siblings up to their capacity): one function, so the two agree.
  const kind = drill.compiled.actions.get(a.do)?.kind;
  if (isDone && (kind === 'isolate-host' || kind === 'reconnect-host')) {
    const rate = revenueLossRate(drill.context, drill.compiled);
    lines.push(
      rate > 0
        ? `The shop now loses ${Math.round(rate * 100)}% of ${money(business.revenue_per_hour, business.currency)} per hour.`
        : 'The load balancers carry its customers on the other servers: no revenue is lost.',
    );
  }
  const since = drill.trace.filter((e) => e.t >= a.startedAt);
  for (const e of since as TraceEntry[]) {
    if (e.type === 'traffic.changed') {
      const loss = business.traffic_modes[e.to].revenue_loss;
      lines.push(
        `Traffic is now ${e.to}: the portal loses ${Math.round(loss * 100)}% of ${money(business.revenue_per_hour, business.currency)} per hour.`,
      );
    }
    if (e.type === 'evidence.lost')
      lines.push(`Evidence on ${e.component} is gone: it was rebuilt without a forensic snapshot.`);
  }
  return lines;
}

/**
 * The coach's view of the drill: the incident-response phase, the hints of that phase (only when
 * asked for or stuck), and notes on the latest action and the injects since. Pure: every text is
 * data from the scenario and the architecture, cleaned for the terminal.
 */
export function projectCoach(drill: DrillView, options: CoachOptions = {}): CoachView {
  const { compiled, context: ctx } = drill;
  const coach = compiled.scenario.coach;
  const phase = coachPhase(ctx, compiled);
  const idle = idleFor(ctx, drill.now);
  const stuckAfter = coach?.stuck_after ?? DEFAULT_STUCK_AFTER;
  const isStuck = !drill.isEnded && idle >= stuckAfter;
  const isAsked = options.askedAtSeq !== undefined && options.askedAtSeq === ctx.actionSeq;
  const showHints = isAsked || isStuck;
  const available = currentHints(coach, ctx, compiled);
  const hints = showHints
    ? available.map((h) => {
        const planStep = h.plan_step ? planStepLabel(drill, h.plan_step) : undefined;
        return { id: h.id, text: clean(h.text), ...(planStep ? { planStep } : {}) };
      })
    : [];

  const last = latestAction(drill);
  let lastAction: CoachActionNote | undefined;
  if (last) {
    const why = explanationFor(coach, compiled, last);
    lastAction = {
      label: actionLabel(drill, last),
      at: last.startedAt,
      ...(why ? { why: clean(why) } : {}),
      context: actionContext(drill, last),
      cost: actionCost(drill, last),
    };
  }
  const since = last?.startedAt ?? -1;
  const injectNotes = ctx.fired
    .filter((f) => f.at > since)
    .flatMap((f) => {
      const inject = compiled.injects.get(f.id);
      return inject?.explain ? [{ title: clean(inject.title), text: clean(inject.explain) }] : [];
    });

  return {
    phase,
    phaseNumber: COACH_PHASES.indexOf(phase) + 1,
    phaseTitle: PHASE_TITLES[phase],
    phaseCsf: [COACH_PHASE_CSF[phase].function, ...COACH_PHASE_CSF[phase].csf].join(' '),
    idle,
    stuckAfter,
    isStuck,
    showHints,
    ...(showHints ? { reason: isAsked ? ('asked' as const) : ('stuck' as const) } : {}),
    hints,
    hintCount: available.length,
    ...(lastAction ? { lastAction } : {}),
    injectNotes,
    hasCoachData: coach !== undefined,
  };
}

/** The glossary: the architecture's terms, then the scenario's own (a scenario term wins). */
export function projectGlossary(drill: Pick<DrillView, 'compiled'>): Array<{
  term: string;
  definition: string;
}> {
  const byTerm = new Map<string, string>();
  for (const g of drill.compiled.architecture.glossary)
    byTerm.set(clean(g.term), clean(g.definition));
  for (const g of drill.compiled.scenario.coach?.glossary ?? [])
    byTerm.set(clean(g.term), clean(g.definition));
  return [...byTerm]
    .map(([term, definition]) => ({ term, definition }))
    .sort((a, b) => a.term.localeCompare(b.term, 'en'));
}
