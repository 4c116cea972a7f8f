import type { Drill } from '../engine/index.js';
import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import React from 'react';
import {
  checkArchitectureFile,
  checkScenarioFile,
  orThrow,
  type ActionLogEntry,
  type Architecture,
} from '../model/index.js';
import { App, type AppProps } from './components/App.js';
import type { LogSource } from '../play/logSource.js';
import type { DebriefExtras } from '../play/projections/debrief.js';
import { withCoachEntries } from '../play/coachEntry.js';
import { completeEntries, listCatalog } from '../play/scenarioCatalog.js';
import { tuneOldGenerationIfInteractive } from './heap.js';
import type { Acknowledgement, DrillSession } from '../play/session.js';
import { enterAlternateScreen } from './terminal.js';
import { colourEnabled } from './theme.js';

export type { DebriefExtras, DebriefScore } from '../play/projections/debrief.js';
export type { LogSource } from '../play/logSource.js';
export { telemetryLogSource } from '../play/logSource.js';
export type { DrillSession } from '../play/session.js';

/**
 * Ink's output throttle. The session ticks at ~30 Hz, so a log stream renders at most ~30 frames
 * a second; the higher cap only lets a keypress reach the screen without waiting out a 33 ms
 * throttle window (see the keypress benchmark).
 */
export const MAX_FPS = 60;

export interface TuiOptions {
  seed?: string;
  /** Resolved paths (the CLI resolves ids and lists scenarios/). */
  architectureFile: string;
  /**
   * The architecture of that file, when the caller has validated it already: checking it again
   * cost some 80 ms before the picker's first frame.
   */
  architecture?: Architecture;
  /** Every scenario file the picker offers (built-in ones plus a given path). */
  scenarioFiles: string[];
  /** The file to preselect: the given scenario or the default. */
  selectedFile: string;
  /** Whether the trainee named a scenario (go straight to its briefing). */
  isExplicit: boolean;
  /** Incident-101 coached mode for the selected scenario (`ttx play --coach`). */
  coach?: boolean;
  /** Run drills as executive tabletops: no technical actions (`ttx play --discussion`). */
  discussionOnly?: boolean;
  /** Scores and saves a finished drill; its result fills the debrief's score and results path. */
  onFinish?: (session: DrillSession) => Promise<DebriefExtras> | DebriefExtras;
  logSource?: LogSource;
  /** Called with every action as it is taken (a journal appends it). */
  onAction?: (entry: ActionLogEntry) => void;
  /** Builds each drill's log source (the CLI passes generated telemetry). */
  logSourceFor?: (drill: Drill) => LogSource;
  /** Called with each new drill session (the shell opens its journal here). */
  onSession?: (session: DrillSession) => void;
  /** Called when the trainee acknowledges an alert (the journal keeps it for a resume). */
  onAcknowledge?: (ack: Acknowledgement) => void;
  /** Continue a journaled `ttx play` drill of `selectedFile` (straight to its dashboard). */
  resume?: AppProps['resume'];
}

/**
 * Opens the drill UI. Inputs are loaded before the alternate screen is entered, so a broken
 * architecture is reported as located diagnostics on the normal screen (InputError), not hidden.
 * Resolves to the exit status: 0, or 130 when the trainee left with Ctrl+C (an interrupted drill).
 */
export async function startTui(options: TuiOptions): Promise<number> {
  const architecture =
    options.architecture ?? orThrow(checkArchitectureFile(options.architectureFile)).model;
  const files = options.scenarioFiles.includes(options.selectedFile)
    ? options.scenarioFiles
    : [...options.scenarioFiles, options.selectedFile];
  const listed = withCoachEntries(listCatalog(files, architecture), options.selectedFile, {
    isCoach: options.coach === true,
  });
  const { pickerIndex } = listed;
  // The rest is validated after the first frame (useCatalog); a scenario asked for by name (and a
  // resumed one) is needed now: its briefing or its drill is the first screen.
  const first = listed.catalog[pickerIndex];
  const catalog =
    options.isExplicit && first
      ? completeEntries(listed.catalog, first.file, architecture)
      : listed.catalog;
  if (options.isExplicit && catalog[pickerIndex]?.error) {
    // A scenario asked for by name must load: say why it does not, located, on the normal screen.
    orThrow(checkScenarioFile(options.selectedFile, architecture));
  }
  const guard = enterAlternateScreen(process.stdout);
  let status = 0;
  try {
    const instance = render(
      React.createElement(App, {
        onExit: (how) => void (status = how === 'interrupt' ? 130 : 0),
        ...(options.resume ? { resume: options.resume } : {}),
        ...(options.onAcknowledge ? { onAcknowledge: options.onAcknowledge } : {}),
        architecture,
        catalog,
        start: { screen: options.isExplicit ? 'briefing' : 'picker', pickerIndex },
        seed: options.seed ?? '1',
        wall: () => performance.now(),
        isColour: colourEnabled(process.env),
        ...(options.onFinish ? { onFinish: options.onFinish } : {}),
        ...(options.logSource ? { logSource: options.logSource } : {}),
        ...(options.onAction ? { onAction: options.onAction } : {}),
        ...(options.logSourceFor ? { logSourceFor: options.logSourceFor } : {}),
        ...(options.onSession ? { onSession: options.onSession } : {}),
        ...(options.discussionOnly ? { discussionOnly: true } : {}),
      }),
      { exitOnCtrlC: false, maxFps: MAX_FPS, patchConsole: true },
    );
    // Ink has drawn the first frame: now the old generation's setting (./heap.ts).
    tuneOldGenerationIfInteractive();
    await instance.waitUntilExit();
    instance.cleanup();
    return status;
  } finally {
    guard.restore();
  }
}

export type { WorkshopTeam } from '../play/facilitator/facilitatorView.js';
export type { WorkshopAppProps } from './workshop/WorkshopApp.js';
import type { WorkshopAppProps } from './workshop/WorkshopApp.js';

/** Opens the facilitator's projector view (`ttx workshop`) in the alternate screen. */
export async function startWorkshop(
  props: Omit<WorkshopAppProps, 'wall' | 'isColour'>,
): Promise<number> {
  const { WorkshopApp } = await import('./workshop/WorkshopApp.js');
  const guard = enterAlternateScreen(process.stdout);
  let status = 0;
  try {
    const instance = render(
      React.createElement(WorkshopApp, {
        ...props,
        onExit: (how) => {
          status = how === 'interrupt' ? 130 : 0;
          props.onExit?.(how);
        },
        wall: () => performance.now(),
        isColour: colourEnabled(process.env),
      }),
      { exitOnCtrlC: false, maxFps: MAX_FPS, patchConsole: true },
    );
    // Ink has drawn the first frame: now the old generation's setting (./heap.ts).
    tuneOldGenerationIfInteractive();
    await instance.waitUntilExit();
    instance.cleanup();
    return status;
  } finally {
    guard.restore();
  }
}

export type { RoomAppProps } from './room/RoomApp.js';
import type { RoomAppProps } from './room/RoomApp.js';

/** Opens the facilitator's room view (`ttx room`) in the alternate screen. */
export async function startRoom(props: Omit<RoomAppProps, 'now' | 'isColour'>): Promise<number> {
  const { RoomApp } = await import('./room/RoomApp.js');
  const guard = enterAlternateScreen(process.stdout);
  try {
    const instance = render(
      React.createElement(RoomApp, {
        ...props,
        now: () => Date.now(),
        isColour: colourEnabled(process.env),
      }),
      { exitOnCtrlC: true, maxFps: MAX_FPS, patchConsole: true },
    );
    // Ink has drawn the first frame: now the old generation's setting (./heap.ts).
    tuneOldGenerationIfInteractive();
    await instance.waitUntilExit();
    instance.cleanup();
    return 0;
  } finally {
    guard.restore();
  }
}
