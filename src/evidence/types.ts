import type { EvidenceKind, EvidenceOf, ExpandedEvidenceItem } from '../model/index.js';

/** Where a fact comes from or goes: the attacker, the general public, a component, an address. */
export interface Endpoint {
  kind: 'attacker' | 'internet' | 'component' | 'address';
  /** The address the logs show. */
  ip: string;
  /** For `component`: its id. */
  component?: string;
}

/**
 * What the defences along the path made of a fact, at its time:
 * - `delivered`: it happened, every device on the path logs it;
 * - `dropped`: the edge firewall dropped it (blocked address, lockdown): only DROP lines;
 * - `blocked`: the WAF stopped it (403, with the rule's anomaly lines); nothing behind the WAF;
 * - `throttled`: a degraded load balancer answered 429/503 for it; the host never saw it;
 * - `silent`: its host is isolated: nothing outside the host's own console sees it.
 */
export type FactOutcome = 'delivered' | 'dropped' | 'blocked' | 'throttled' | 'silent';

/** The kind-specific fields of a fact: the evidence item's own, placeholders filled. */
export type FactFields<K extends EvidenceKind = EvidenceKind> = EvidenceOf<K>;

/**
 * One occurrence in the world, the one truth every log line, alert, console output and score
 * derives from (decision 0800). A pure function of (compiled scenario, trace, seed, window).
 */
export interface Fact<K extends EvidenceKind = EvidenceKind> {
  /** Stable within a drill: `<state>#<entry>/<item>/<occurrence>`. */
  id: string;
  /** Simulated ms since T+0. */
  t: number;
  kind: K;
  /** The component where it happens (for connections: the host that opens it). */
  on: string;
  from: Endpoint;
  /** For connections: the peer. */
  to?: Endpoint;
  /** The account it runs as (`as:`, or the kind's own user field). */
  account?: string;
  /** The attacker state it came from, the n-th time the attacker entered a state (0-based). */
  state: string;
  entry: number;
  /** The evidence item's id when it has one (what injects refer to), and its template. */
  item?: string;
  group?: string;
  template?: string;
  /** Which occurrence of the item this is (0-based). */
  occurrence: number;
  /** A spread's repeat of the state's item on a sibling (decision 0960): the component it spread from. */
  spreadFrom?: string;
  /** A sampled flood's fact stands for this many requests (absent: one). */
  weight?: number;
  /** Ground truth: the attacker's doing in a malicious state. */
  malicious: boolean;
  fields: FactFields<K>;
  /** The HTTP status for http facts after the mix was drawn (before the defences). */
  status?: number;
  /** Long-lived facts (sessions, processes): when they end (simulated ms). */
  until?: number;
  /** It ended before its stay did because the trainee killed its process or removed its artefact. */
  endedBy?: 'kill' | 'removal';
  outcome: FactOutcome;
  /** The components that see it, in path order (edge first, `on` last); empty when silent. */
  path: string[];
}

/** The item a fact was expanded from, as loaded (templates already expanded). */
export type FactSource = ExpandedEvidenceItem;
