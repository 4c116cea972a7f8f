import { expect, vi } from 'vitest';
import { checkScenarioText, orThrow } from '../../src/model/index.js';
import {
  architecture,
  DEFAULT_SCENARIO_FILE,
  defaultScenario,
  scenarioVariant,
} from '../helpers.js';
import { DrillSession } from '../../src/play/session.js';
import type { FrameTimer } from '../../src/tui/components/App.js';
import type { ClockMode, Speed } from '../../src/play/simClock.js';

/** A frame timer the test fires by hand (`tick`), in place of the app's interval. */
export function manualFrames(): { frames: FrameTimer; tick: () => void } {
  let frame: (() => void) | undefined;
  const frames: FrameTimer = (_ms, f) => {
    frame = f;
    return () => void (frame = undefined);
  };
  return { frames, tick: () => frame?.() };
}

/** A wall clock the test moves by hand. */
export function fakeWall(start = 1000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function newSession(
  options: { mode?: ClockMode; speed?: Speed; seed?: string; logCapacity?: number } = {},
) {
  const wall = fakeWall();
  const session = new DrillSession(architecture(), defaultScenario(), {
    seed: options.seed ?? '7',
    wall: wall.now,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.speed ? { speed: options.speed } : {}),
    ...(options.logCapacity ? { logCapacity: options.logCapacity } : {}),
  });
  return { session, wall };
}

/** Moves a turn-based session until an inject has fired. */
export function untilFired(session: DrillSession, inject: string): void {
  for (let i = 0; i < 200 && !session.drill.context.fired.some((f) => f.id === inject); i++) {
    if (!session.advanceToNext()) break;
  }
  if (!session.drill.context.fired.some((f) => f.id === inject))
    throw new Error(`${inject} never fired`);
}

/**
 * One key per write, then wait until Ink draws a new frame (or a short while if the key changes
 * nothing): ink-testing-library shows the old frame right after a write.
 */
export function keyPresser(app: { stdin: { write(data: string): void }; frames: string[] }) {
  return async (key: string) => {
    const before = app.frames.length;
    app.stdin.write(key);
    await vi
      .waitFor(() => expect(app.frames.length).toBeGreaterThan(before), { timeout: 300 })
      .catch(() => {});
    await new Promise((r) => setTimeout(r, 5));
  };
}

/** A golden variant: one scheduled inject carries discussion questions and a decision point. */
export function decisionScenario() {
  const text = scenarioVariant((doc) => {
    const injects = doc.injects as Array<Record<string, unknown>>;
    const scan = injects.find((i) => i.id === 'ips-scan')!;
    scan.discussion = ['Is a scan an incident?', 'Who watches the IPS tonight?'];
    scan.decision = {
      id: 'scan-response',
      question: 'What do we do about the scanner?',
      options: [
        { id: 'watch', label: 'Note it and watch' },
        { id: 'block-now', label: 'Block the address now' },
      ],
    };
  });
  return orThrow(checkScenarioText(DEFAULT_SCENARIO_FILE, text, architecture())).model;
}
