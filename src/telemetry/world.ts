import type { Architecture, RedHerring, Scenario } from '../model/index.js';
import { utcParts } from '../model/index.js';
import { agentsOf, type Agents } from './catalogue.js';
import { Profile } from './profile.js';
import { Topology, type Host } from './topology.js';

/** Everything the generators share: fixed per (architecture, scenario, seed). */
export interface World {
  seed: string;
  /** Epoch ms of T+0 (the scenario's start_time). */
  epoch0: number;
  architecture: Architecture;
  scenario: Scenario;
  topology: Topology;
  profile: Profile;
  volume: number;
  redHerrings: RedHerring[];
  frontEnds: Host[];
  balancers: Host[];
  /** Browsers, crawlers and scanners of the year the drill is set in. */
  agents: Agents;
  /** Recently generated buckets: several streams render the same traffic (bounded, so flat). */
  buckets: BucketCache;
}

/** A small insertion-ordered cache; a bucket is a pure function of its key, so caching is safe. */
export class BucketCache {
  private readonly map = new Map<string, unknown>();
  constructor(private readonly capacity = 64) {}
  get<T>(key: string, make: () => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit as T;
    const value = make();
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    return value;
  }
}

export const MINUTE = 60_000;

export function createWorld(architecture: Architecture, scenario: Scenario, seed: string): World {
  const topology = new Topology(architecture, scenario.start_time);
  const epoch0 = Date.parse(scenario.start_time);
  return {
    seed,
    epoch0,
    architecture,
    scenario,
    topology,
    profile: new Profile(architecture),
    volume: scenario.telemetry?.volume ?? 1,
    redHerrings: scenario.telemetry?.red_herrings ?? [],
    frontEnds: topology.withRole('web-front-end'),
    balancers: topology.withRole('load-balancer'),
    agents: agentsOf(utcParts(epoch0).year),
    // Per minute: a bucket per front end, the scanners and each host's activity (about 20 keys);
    // writeStreams and window() read about 25 minutes at once (a slice and its look-back).
    buckets: new BucketCache(1_024),
  };
}
