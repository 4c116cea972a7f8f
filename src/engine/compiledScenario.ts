import {
  PLAN_ACTION_PREFIX,
  type Architecture,
  type AttackerState,
  type Contact,
  type Obligation,
  type Inject,
  type PlanStep,
  type Scenario,
  type TechnicalAction,
  type TechnicalActionKind,
} from '../model/index.js';
import { CONSEQUENCE_INJECTS } from './consequences.js';
import { leftoversOf, type Leftover } from './persistence.js';
import { compileReplies, contactInjects, type CompiledReply } from './contacts.js';
import { effectiveObligations } from './obligations.js';

/** A validated scenario and architecture with the lookups the engine needs, built once. */
export interface CompiledScenario {
  architecture: Architecture;
  scenario: Scenario;
  states: Map<string, AttackerState>;
  injects: Map<string, Inject>;
  injectsOnEnter: Map<string, Inject[]>;
  injectsOnAction: Map<string, Inject[]>;
  actions: Map<string, TechnicalAction & { kind: TechnicalActionKind }>;
  planSteps: Map<string, PlanStep>;
  severityRank: Map<string, number>;
  channelMinutes: Map<string, number>;
  /** Channels a responder uses one at a time (a phone call; decision 1020). */
  oneAtATime: Set<string>;
  revenueShare: Map<string, number>;
  /** Each data class's sensitivity (the obligations' "high risk" reads it at every step). */
  dataSensitivity: Map<string, string>;
  componentIds: string[];
  /** The attacker's address pool (`attacker.source_ips`). */
  attackerPool: ReadonlySet<string>;
  /** Accounts the attacker holds (`attacker.accounts`): the right values for `reset-credentials`. */
  attackerAccounts: ReadonlySet<string>;
  /** The attacker's artefacts and secrets by id (`leaves`, `exposes`), with the state of each. */
  leftovers: ReadonlyMap<string, Leftover>;
  /** States a leftover brings the attacker back to (the machine's re-entry targets). */
  reentryTargets: readonly string[];
  /** The architecture's contacts and the scenario's, by id. */
  contacts: Map<string, Contact>;
  /** The obligations as this scenario has them (its overrides applied; decision 0950). */
  obligations: Obligation[];
  /** The scenario's replies by their inject id, and by contact in the scenario's order. */
  replies: Map<string, CompiledReply>;
  repliesByContact: Map<string, CompiledReply[]>;
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * The escalation matrix this incident uses: the architecture's rules for the scenario's category
 * (a rule with `categories` applies only to those; a scenario without a category takes them all),
 * with the scenario's own rules added (replacing the rule for the same contact at a severity).
 */
export function effectiveMatrix(
  architecture: Architecture,
  scenario: Scenario,
): Architecture['escalation_matrix'] {
  const category = scenario.category;
  const added = scenario.architecture_overrides?.escalation_matrix ?? {};
  const matrix: Architecture['escalation_matrix'] = {};
  for (const id of new Set([
    ...Object.keys(architecture.escalation_matrix),
    ...Object.keys(added),
  ])) {
    const own = added[id] ?? [];
    const kept = (architecture.escalation_matrix[id] ?? []).filter(
      (rule) =>
        (category === undefined || !rule.categories || rule.categories.includes(category)) &&
        !own.some((o) => o.contact === rule.contact),
    );
    matrix[id] = [...kept, ...own];
  }
  return matrix;
}

/**
 * The shared architecture as this scenario sees it: its component overrides applied (same ids,
 * order), its added contacts after the architecture's (one of the same id replaces it), and the
 * matrix of its category.
 */
function withOverrides(shared: Architecture, scenario: Scenario): Architecture {
  const extra = scenario.architecture_overrides;
  const architecture: Architecture =
    extra === undefined && scenario.category === undefined
      ? shared
      : {
          ...shared,
          // A scenario's contact of an architecture id replaces it (the CISO away that week).
          contacts: [
            ...shared.contacts.filter((c) => !extra?.contacts.some((o) => o.id === c.id)),
            ...(extra?.contacts ?? []),
          ],
          escalation_matrix: effectiveMatrix(shared, scenario),
        };
  const overrides = extra?.components ?? [];
  if (overrides.length === 0) return architecture;
  const byId = new Map(overrides.map((o) => [o.id, o]));
  return {
    ...architecture,
    components: architecture.components.map((c) => {
      const o = byId.get(c.id);
      if (!o) return c;
      return {
        ...c,
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(o.os !== undefined ? { os: o.os } : {}),
        ...(o.stack !== undefined ? { stack: o.stack } : {}),
      };
    }),
  };
}

export function compileScenarioData(shared: Architecture, scenario: Scenario): CompiledScenario {
  const architecture = withOverrides(shared, scenario);
  const leftovers = leftoversOf(scenario.attacker.states);
  const replies = compileReplies(architecture, scenario);
  return {
    architecture,
    scenario,
    states: new Map(scenario.attacker.states.map((s) => [s.id, s])),
    // The scenario's own injects win over the built-in consequences of the same id.
    injects: new Map(
      [
        ...CONSEQUENCE_INJECTS,
        ...contactInjects(architecture, scenario, replies),
        ...scenario.injects,
      ].map((i) => [i.id, i]),
    ),
    injectsOnEnter: groupBy(scenario.injects, (i) => i.on_enter),
    injectsOnAction: groupBy(scenario.injects, (i) => i.on_action),
    actions: new Map(
      scenario.actions.map((a) => [a.id, { ...a, kind: a.kind ?? (a.id as TechnicalActionKind) }]),
    ),
    planSteps: new Map(architecture.emergency_plan.map((s) => [`${PLAN_ACTION_PREFIX}${s.id}`, s])),
    severityRank: new Map(architecture.severities.map((s, i) => [s.id, i])),
    channelMinutes: new Map(architecture.channels.map((c) => [c.id, c.typical_minutes])),
    oneAtATime: new Set(architecture.channels.filter((c) => c.one_at_a_time).map((c) => c.id)),
    revenueShare: new Map(architecture.components.map((c) => [c.id, c.revenue_share])),
    dataSensitivity: new Map(architecture.data_classes.map((d) => [d.id, d.sensitivity])),
    componentIds: architecture.components.map((c) => c.id),
    attackerPool: new Set(scenario.attacker.source_ips),
    attackerAccounts: new Set(scenario.attacker.accounts),
    leftovers,
    reentryTargets: [...new Set([...leftovers.values()].map((l) => l.spec.reentry ?? l.state))],
    contacts: new Map(architecture.contacts.map((c) => [c.id, c])),
    obligations: effectiveObligations(architecture, scenario),
    replies: new Map(replies.map((r) => [r.id, r])),
    repliesByContact: groupBy(replies, (r) => r.contact),
  };
}
