import type { SimMs } from '../model/index.js';

export type ClockMode = 'realtime' | 'turn-based';
export const SPEEDS = [1, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** A wall clock in milliseconds; `performance.now` in the app, a fake in tests. */
export type WallClock = () => number;

/**
 * Maps wall time to simulated time. In realtime mode simulated time runs at `speed` times wall
 * time while not paused; pausing freezes it exactly (nothing accrues while paused). In turn-based
 * mode it never runs by itself: the session moves it by actions and explicit waits. The wall clock
 * is injected, so tests and benchmarks drive time by hand.
 */
export class SimClock {
  private anchorWall: number;
  private anchorSim: SimMs;
  private pausedFlag: boolean;
  private speedValue: Speed;
  private modeValue: ClockMode;

  constructor(
    private readonly wall: WallClock,
    options: { speed?: Speed; mode?: ClockMode; paused?: boolean; start?: SimMs } = {},
  ) {
    this.anchorWall = wall();
    this.anchorSim = options.start ?? 0;
    this.speedValue = options.speed ?? 10;
    this.modeValue = options.mode ?? 'realtime';
    this.pausedFlag = options.paused ?? false;
  }

  get speed(): Speed {
    return this.speedValue;
  }

  get mode(): ClockMode {
    return this.modeValue;
  }

  get isPaused(): boolean {
    return this.pausedFlag;
  }

  /** Whether simulated time is flowing by itself right now. */
  get isRunning(): boolean {
    return this.modeValue === 'realtime' && !this.pausedFlag;
  }

  /** The simulated time the drill should be at now. */
  now(): SimMs {
    if (!this.isRunning) return this.anchorSim;
    return this.anchorSim + Math.floor((this.wall() - this.anchorWall) * this.speedValue);
  }

  /** Re-anchors at the current time, so later changes apply from now on only. */
  private reanchor(sim: SimMs = this.now()): void {
    this.anchorSim = sim;
    this.anchorWall = this.wall();
  }

  setPaused(paused: boolean): void {
    this.reanchor();
    this.pausedFlag = paused;
  }

  togglePause(): void {
    this.setPaused(!this.pausedFlag);
  }

  setSpeed(speed: Speed): void {
    this.reanchor();
    this.speedValue = speed;
  }

  cycleSpeed(): void {
    const i = SPEEDS.indexOf(this.speedValue);
    this.setSpeed(SPEEDS[(i + 1) % SPEEDS.length]!);
  }

  setMode(mode: ClockMode): void {
    this.reanchor();
    this.modeValue = mode;
  }

  toggleMode(): void {
    this.setMode(this.modeValue === 'realtime' ? 'turn-based' : 'realtime');
  }

  /** Jumps to a simulated time (after the session moved the drill by a turn). */
  syncTo(sim: SimMs): void {
    this.reanchor(Math.max(sim, this.now()));
  }
}
