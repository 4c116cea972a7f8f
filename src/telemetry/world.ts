import type { Architecture, RedHerring, Scenario } from '../model/index.js';
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
}

export const MINUTE = 60_000;

export function createWorld(architecture: Architecture, scenario: Scenario, seed: string): World {
  const topology = new Topology(architecture);
  return {
    seed,
    epoch0: Date.parse(scenario.start_time),
    architecture,
    scenario,
    topology,
    profile: new Profile(architecture),
    volume: scenario.telemetry?.volume ?? 1,
    redHerrings: scenario.telemetry?.red_herrings ?? [],
    frontEnds: topology.ofKind('web-server'),
    balancers: topology.ofKind('load-balancer'),
  };
}
