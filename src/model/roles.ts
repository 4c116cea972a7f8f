import type { Architecture, Component, PlanStep } from './architectureSchema.js';

/*
 * Roles are what the generic core knows about an architecture. The core never names a component,
 * a plan step or a layer: it asks for "the edge firewall", "the front ends" or "the plan step that
 * confirms the event", and the architecture says which of its ids play that part. The registry is
 * closed (the loader rejects a role it does not list) so that a typo cannot silently switch a
 * behaviour off, and each role says whether the engine needs it and how many may hold it.
 */

interface RoleInfo {
  /** What the role is, for authors (README and docs/authoring.md repeat this table). */
  description: string;
  /** The engine cannot run a drill without it: the loader rejects an architecture lacking it. */
  required?: boolean;
  /** Several components may hold it (front ends, load balancers); otherwise at most one. */
  many?: boolean;
}

export const COMPONENT_ROLES = {
  'edge-firewall': {
    description:
      'The firewall facing the internet: logs every inbound connection, blocks addresses, drops everything during a lockdown.',
    required: true,
  },
  'inner-firewall': { description: 'The firewall between the front end and the back end.' },
  ids: {
    description: 'The network IDS/IPS on the inbound path (Suricata EVE alerts and flows).',
  },
  waf: { description: 'The web application firewall in front of the load balancers.' },
  'load-balancer': {
    description: 'Balances HTTP traffic across the front ends; traffic degradation happens here.',
    many: true,
  },
  'web-front-end': {
    description: 'Serves the shop to customers (web server access and error logs).',
    required: true,
    many: true,
  },
  'app-server': {
    description: 'Back-end application server called by the front ends.',
    many: true,
  },
  database: { description: 'A database server (general query log).', many: true },
  directory: { description: 'The directory of staff and service accounts (LDAP).', many: true },
  'api-gateway': { description: 'The API gateway to partners (gateway access log).', many: true },
  'dns-resolver': { description: 'The internal DNS resolver (query log).' },
  'log-collector': {
    description: 'Receives every component’s logs (syslog); the loader adds the log edges to it.',
    required: true,
  },
  siem: {
    description:
      'Correlates the collected events and raises the alerts; the default source of an inject.',
    required: true,
  },
} as const satisfies Record<string, RoleInfo>;

/**
 * What makes a plan step of a role really done in scoring (a tick with nothing behind it earns
 * nothing): `investigation` an investigation before the tick (when the scenario offers one),
 * `remediation` a remediation done or the drill contained by the tick, `containment` the drill
 * contained at the tick, `closed` the close step done before it, `matrix` the escalations the
 * matrix required (no tick needed). A step with a `contact` is done by escalating to it.
 */
export type PlanBacking = 'investigation' | 'remediation' | 'containment' | 'closed' | 'matrix';

interface PlanRoleInfo extends RoleInfo {
  backedBy?: PlanBacking;
}

export const PLAN_ROLES = {
  confirm: {
    description:
      'Confirm the suspicious event: stops the time-to-detect clock, moves the coach to containment.',
    required: true,
    backedBy: 'investigation',
  },
  escalate: { description: 'Alert the escalation points for the severity.', backedBy: 'matrix' },
  'contact-epp': { description: 'Contact the endpoint protection provider.' },
  'contact-soc': { description: 'Contact the SOC provider.' },
  'alert-infra': { description: 'Alert the infrastructure team and ask for cooperation.' },
  'coordinate-restoration': {
    description: 'Coordinate the restoration and the hotfix.',
    backedBy: 'remediation',
  },
  'assess-impact': {
    description: 'Understand the extent of the impact.',
    backedBy: 'investigation',
  },
  'coordinate-pr': { description: 'Coordinate with the PR department.' },
  close: {
    description: 'Close the incident after restoration: the coach moves to post-incident.',
    required: true,
    backedBy: 'containment',
  },
  monitor: { description: 'Keep monitoring for other anomalies.', backedBy: 'closed' },
  report: { description: 'Write the report.', backedBy: 'closed' },
} as const satisfies Record<string, PlanRoleInfo>;

/** What backs a plan step of `role` in scoring (PlanBacking), if anything. */
export function planBacking(role: string | undefined): PlanBacking | undefined {
  return role === undefined
    ? undefined
    : (PLAN_ROLES as Record<string, PlanRoleInfo>)[role]?.backedBy;
}

/** The plan steps in the plan's order. */
export function planInOrder(arch: Architecture): PlanStep[] {
  return [...arch.emergency_plan].sort((a, b) => a.order - b.order);
}

export type ComponentRole = keyof typeof COMPONENT_ROLES;
export type PlanRole = keyof typeof PLAN_ROLES;

export const COMPONENT_ROLE_IDS = Object.keys(COMPONENT_ROLES) as ComponentRole[];
export const PLAN_ROLE_IDS = Object.keys(PLAN_ROLES) as PlanRole[];

export function componentRoleInfo(role: string): RoleInfo | undefined {
  return (COMPONENT_ROLES as Record<string, RoleInfo>)[role];
}

export function planRoleInfo(role: string): RoleInfo | undefined {
  return (PLAN_ROLES as Record<string, RoleInfo>)[role];
}

/** Every component holding `role`, in the architecture's order. */
export function componentsWithRole(arch: Architecture, role: ComponentRole): Component[] {
  return arch.components.filter((c) => c.roles.includes(role));
}

/** The component holding `role` (the first, for a role several may hold), if any. */
export function componentWithRole(arch: Architecture, role: ComponentRole): Component | undefined {
  return arch.components.find((c) => c.roles.includes(role));
}

/** The id of the component holding a role the loader guarantees (`required` in the registry). */
export function requiredComponentId(arch: Architecture, role: ComponentRole): string {
  const found = componentWithRole(arch, role);
  if (!found) throw new Error(`the architecture has no component with role "${role}"`);
  return found.id;
}

export function hasRole(component: Pick<Component, 'roles'>, role: ComponentRole): boolean {
  return component.roles.includes(role);
}

/** The plan step that plays `role`, if the architecture's plan has one. */
export function planStepWithRole(arch: Architecture, role: PlanRole): PlanStep | undefined {
  return arch.emergency_plan.find((s) => s.role === role);
}

/** The id of the plan step playing `role`, if any: what `plan.<id>` actions and conditions name. */
export function planStepId(arch: Architecture, role: PlanRole): string | undefined {
  return planStepWithRole(arch, role)?.id;
}
