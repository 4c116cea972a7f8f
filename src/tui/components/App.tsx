import type { Drill } from '../../engine/index.js';
import { Box, Text, useApp, useInput } from 'ink';
import React, {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ActionLogEntry, Architecture, SimMs } from '../../model/index.js';
import { handleCommand, handleTyping, type ControllerDeps } from '../controller.js';
import { useCatalog } from '../hooks/useCatalog.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { resolveKey } from '../keymap.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import type { LogSource } from '../../play/logSource.js';
import { projectHeader } from '../../play/projections/header.js';
import { projectDebrief, type DebriefExtras } from '../../play/projections/debrief.js';
import type { ScenarioEntry } from '../../play/scenarioCatalog.js';
import { activeScopes, isTyping } from '../scopes.js';
import { drillArchiveStore } from '../../play/chunkStore.js';
import { DrillSession, type Acknowledgement } from '../../play/session.js';
import type { WallClock } from '../../play/simClock.js';
import { ThemeContext, makeTheme } from '../theme.js';
import { freshMessage, initialUi, stampMessage, type Screen, type UiState } from '../uiState.js';
import { BriefingScreen } from './BriefingScreen.js';
import { DashboardScreen } from './DashboardScreen.js';
import { DebriefScreen } from './DebriefScreen.js';
import { Header } from './Header.js';
import { KeyBar } from './KeyBar.js';
import { openDecisions } from '../../play/projections/decisions.js';
import { PickerScreen } from './PickerScreen.js';
import { HelpView } from './Overlays.js';

/** Runs `frame` every `ms` of wall time; returns the stop function (a fake in tests). */
export type FrameTimer = (ms: number, frame: () => void) => () => void;

export const intervalTimer: FrameTimer = (ms, frame) => {
  const id = setInterval(frame, ms);
  return () => clearInterval(id);
};

export interface AppProps {
  architecture: Architecture;
  catalog: readonly ScenarioEntry[];
  start: { screen: Extract<Screen, 'picker' | 'briefing'>; pickerIndex: number };
  seed: string;
  wall: WallClock;
  /** Every drill started here is an executive tabletop (`ttx play --discussion`). */
  discussionOnly?: boolean;
  frames?: FrameTimer;
  logSource?: LogSource;
  isColour?: boolean;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** Called once when a drill ends: score it and save the results (the shell wires it). */
  onFinish?: (session: DrillSession) => Promise<DebriefExtras> | DebriefExtras;
  /** Called when the trainee quits; `interrupt` when the quit began with Ctrl+C (exit 130). */
  onExit?: (how: 'quit' | 'interrupt') => void;
  /** Called with each new session (tests and benchmarks look inside). */
  onSession?: (session: DrillSession) => void;
  /** Called with every action as it is taken (a journal appends it). */
  onAction?: (entry: ActionLogEntry) => void;
  /** Builds each drill's log source (the CLI passes generated telemetry). */
  logSourceFor?: (drill: Drill) => LogSource;
  /** Called when the trainee acknowledges an alert (a journal keeps it). */
  onAcknowledge?: (ack: Acknowledgement) => void;
  /**
   * Continue a journaled drill of the scenario at `start.pickerIndex` (`ttx resume` of a `ttx play`
   * session): straight to its dashboard, paused at the journal's clock, acknowledgements kept.
   */
  resume?: {
    log: readonly ActionLogEntry[];
    until: SimMs;
    acknowledged: readonly Acknowledgement[];
    mode?: 'realtime' | 'turn-based';
  };
}

const FRAME_MS = 33;
const noSession = { subscribe: () => () => {}, getVersion: () => 0 };

/** The drill's header and dashboard (also rendered alone by the benchmark). */
export function DrillView(props: {
  session: DrillSession;
  ui: UiState;
  layout: ReturnType<typeof computeLayout>;
}): React.ReactElement {
  return (
    <>
      <Header
        view={projectHeader(props.session.drill, props.session.clock)}
        width={props.layout.columns}
        message={freshMessage(props.ui, props.session.drill.now)}
      />
      <DashboardScreen session={props.session} ui={props.ui} layout={props.layout} />
    </>
  );
}

/** The root: picks the screen; keys go through the one binding table to the controller. */
export function App(props: AppProps): React.ReactElement {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const [ui, setUi] = useState<UiState>(() => {
    const first = initialUi({
      screen: props.resume ? 'dashboard' : props.start.screen,
      pickerIndex: props.start.pickerIndex,
      ...(props.resume?.mode ? { mode: props.resume.mode } : {}),
      // Straight to a coached briefing (`ttx play --coach`): coached and turn-based.
      ...(props.catalog[props.start.pickerIndex]?.coached
        ? { isCoached: true, mode: 'turn-based' as const }
        : {}),
    });
    return props.resume
      ? { ...first, message: 'Resumed from the journal: paused; p continues' }
      : first;
  });
  const createSession = (
    entry: ScenarioEntry,
    state: Pick<UiState, 'mode' | 'speed'>,
    resume?: AppProps['resume'],
  ): DrillSession => {
    const created = new DrillSession(props.architecture, entry.scenario!, {
      seed: props.seed,
      wall: props.wall,
      archiveStore: drillArchiveStore(),
      mode: state.mode,
      speed: state.speed,
      ...(props.logSource ? { logSource: props.logSource } : {}),
      ...(props.logSourceFor ? { logSourceFor: props.logSourceFor } : {}),
      ...(entry.sha256 ? { source: { file: entry.file, sha256: entry.sha256 } } : {}),
      ...(props.onAction ? { onAction: props.onAction } : {}),
      ...(props.onAcknowledge ? { onAcknowledge: props.onAcknowledge } : {}),
      ...(resume
        ? {
            paused: true,
            resumeFrom: { log: resume.log, until: resume.until, acknowledged: resume.acknowledged },
          }
        : {}),
    });
    props.onSession?.(created);
    // Chosen as the first action, after the journal opened: a resume replays it from the log.
    if (props.discussionOnly && !resume) created.act({ do: 'discussion-only' });
    return created;
  };
  const [session, setSession] = useState<DrillSession | undefined>(() => {
    const entry = props.catalog[props.start.pickerIndex];
    return props.resume && entry?.scenario ? createSession(entry, ui, props.resume) : undefined;
  });
  const [extras, setExtras] = useState<DebriefExtras | undefined>();
  const catalog = useCatalog(props.catalog, props.architecture);
  const [isSaving, setSaving] = useState(false);
  const theme = useMemo(() => makeTheme(props.isColour ?? true), [props.isColour]);
  const store = session ?? noSession;
  useSyncExternalStore(store.subscribe, store.getVersion);

  // A room broadcast or hint for the team: shown where the dashboard shows messages.
  const notification = session?.notification;
  useEffect(() => {
    if (notification)
      setUi((u) => ({ ...u, message: notification, messageAt: session?.drill.now }));
  }, [notification, session]);

  // One tick per frame outside React; the session notifies React at most once per tick.
  useEffect(() => {
    if (!session) return;
    return (props.frames ?? intervalTimer)(FRAME_MS, () => session.tick());
  }, [session, props.frames]);

  // Whether the last quit request came from Ctrl+C: the shell then exits 130, like an interrupt.
  const interrupted = useRef(false);
  const quit = useCallback(() => {
    props.onExit?.(interrupted.current ? 'interrupt' : 'quit');
    exit();
  }, [exit, props.onExit]);

  const mapLayers = new Set(
    (session?.architecture ?? props.architecture).components.map((c) => c.layer),
  ).size;
  const layout = computeLayout(size.columns, size.rows, mapLayers);

  const uiRef = useRef(ui);
  uiRef.current = ui;
  // A key that arrives before React re-renders after a drill starts must still reach that drill.
  const sessionRef = useRef<DrillSession | undefined>(session);
  const depsNow: ControllerDeps = {
    catalog: catalog.entries,
    ensure: catalog.ensure,
    session,
    startSession: (entry, state) => {
      const created = createSession(entry, state);
      sessionRef.current = created;
      setSession(created);
      return created;
    },
    exit: quit,
    pageSize: Math.max(1, layout.work - 3),
  };

  useInput((input, key) => {
    if (key.ctrl && input === 'c') interrupted.current = true;
    else if (input === 'q') interrupted.current = false;
    const current = uiRef.current;
    const deps = { ...depsNow, session: sessionRef.current ?? depsNow.session };
    const handled = isTyping(current)
      ? handleTyping(current, input, key, deps)
      : (() => {
          const command = resolveKey(input, key, activeScopes(current));
          return command ? handleCommand(current, command, deps) : current;
        })();
    const next = stampMessage(current, handled, deps.session?.drill.now);
    if (next !== current) {
      uiRef.current = next;
      setUi(next);
    }
  });

  // The drill ended (time limit, end condition, or the trainee): open the debrief once, score it.
  const isEnded = session?.drill.isEnded ?? false;
  useEffect(() => {
    if (!session || !isEnded || ui.sawEnd) return;
    setUi((u) => ({ ...u, sawEnd: true, screen: 'debrief', modal: undefined, debriefScroll: 0 }));
    if (props.onFinish) {
      setSaving(true);
      Promise.resolve()
        .then(() => props.onFinish!(session))
        .then(setExtras, (error: unknown) =>
          setExtras({ resultsError: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => setSaving(false));
    }
  }, [session, isEnded, ui.sawEnd, props.onFinish]);

  const entry = catalog.entries[ui.pickerIndex];
  const showsDrill = session !== undefined && ui.screen === 'dashboard';
  const screenHeight = layout.height - 1 - (!showsDrill && ui.message ? 1 : 0);
  let body: React.ReactNode;
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    body = (
      <Text color={theme.warn} wrap="wrap">
        {`The terminal is ${size.columns}x${size.rows}; ttx needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Enlarge the window (q quits).`}
      </Text>
    );
  } else if (!showsDrill && ui.modal?.kind === 'help') {
    // The help is visible on every screen (it used to open unseen on the picker and eat keys).
    body = <HelpView scroll={ui.modal.scroll} width={layout.columns} height={screenHeight} />;
  } else if (ui.screen === 'picker' || (ui.screen === 'briefing' && !entry?.scenario)) {
    body = (
      <PickerScreen
        catalog={catalog.entries}
        index={ui.pickerIndex}
        width={layout.columns}
        height={screenHeight}
      />
    );
  } else if (ui.screen === 'briefing') {
    body = (
      <BriefingScreen
        scenario={entry!.scenario!}
        architecture={props.architecture}
        mode={ui.mode}
        speed={ui.speed}
        seed={props.seed}
        width={layout.columns}
        height={screenHeight}
        isCoached={ui.isCoached}
      />
    );
  } else if (session && ui.screen === 'debrief') {
    body = (
      <DebriefScreen
        view={projectDebrief(session.drill)}
        extras={extras}
        isSaving={isSaving}
        scroll={ui.debriefScroll}
        width={layout.columns}
        height={screenHeight}
      />
    );
  }
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={layout.columns} height={layout.height} overflow="hidden">
        {showsDrill && session && size.columns >= MIN_COLUMNS && size.rows >= MIN_ROWS ? (
          <DrillView session={session} ui={ui} layout={layout} />
        ) : (
          (body ?? <Text>nothing to show</Text>)
        )}
        {!showsDrill && ui.message ? (
          <Text color={theme.warn} wrap="truncate-end">
            {ui.message}
          </Text>
        ) : null}
        <Box flexGrow={1} />
        <KeyBar
          ui={ui}
          width={layout.columns}
          isEnded={isEnded}
          isDiscussionOnly={session?.isDiscussionOnly ?? false}
          hasOpenDecision={session ? openDecisions(session.drill).length > 0 : false}
        />
      </Box>
    </ThemeContext.Provider>
  );
}
