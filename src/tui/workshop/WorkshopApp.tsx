import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useLatestState } from '../hooks/useLatestState.js';
import { Box, Text, useApp, useInput } from 'ink';
import React, { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Drill } from '../../engine/index.js';
import type { ActionLogEntry, Architecture, Scenario, SimMs } from '../../model/index.js';
import { DrillView, intervalTimer, type FrameTimer } from '../components/App.js';
import { handleCommand, handleTyping, type ControllerDeps } from '../controller.js';
import { resolveKey, type Command } from '../keymap.js';
import { KeyBar } from '../components/KeyBar.js';
import { computeLayout } from '../layout.js';
import type { LogSource } from '../../play/logSource.js';
import type { DebriefExtras } from '../../play/projections/debrief.js';
import { activeScopes, isTyping } from '../scopes.js';
import { drillArchiveStore } from '../../play/chunkStore.js';
import { DrillSession, type Acknowledgement } from '../../play/session.js';
import type { WallClock } from '../../play/simClock.js';
import { ThemeContext, makeTheme } from '../theme.js';
import { initialUi, type UiState } from '../uiState.js';
import {
  asFacilitator,
  endDrill,
  observe,
  revealHint,
  skipInject,
  startOrPause,
  triggerNow,
} from '../../play/facilitator/facilitatorActions.js';
import { FacilitatorScreen, type FacilitatorPrompt } from './FacilitatorScreen.js';
import { projectFacilitator, type WorkshopTeam } from '../../play/facilitator/facilitatorView.js';
import { isTakeBack, resolveFacilitatorKey } from './workshopKeys.js';
import { decideStep, rateStep } from './facilitatorForms.js';
import { openDecisions } from '../../play/projections/decisions.js';

export interface WorkshopAppProps {
  architecture: Architecture;
  scenario: Scenario;
  source?: { file: string; sha256: string };
  seed: string;
  code: string;
  team?: WorkshopTeam;
  /** An executive tabletop: injects, questions, decisions and the clock; no technical actions. */
  discussionOnly?: boolean;
  wall: WallClock;
  frames?: FrameTimer;
  size?: { columns: number; rows: number };
  isColour?: boolean;
  logSourceFor?: (drill: Drill) => LogSource;
  /** Continue a journaled session (paused, at the journal's clock). */
  resumeFrom?: {
    log: readonly ActionLogEntry[];
    until: SimMs;
    acknowledged?: readonly Acknowledgement[];
  };
  onAction?: (entry: ActionLogEntry) => void;
  /** Called when the team acknowledges an alert (the journal keeps it for a resume). */
  onAcknowledge?: (ack: Acknowledgement) => void;
  onSession?: (session: DrillSession) => void;
  onFinish?: (session: DrillSession) => Promise<DebriefExtras> | DebriefExtras;
  /** Called when the facilitator quits; `interrupt` for Ctrl+C (the shell exits 130). */
  onExit?: (how: 'quit' | 'interrupt') => void;
}

const FRAME_MS = 33;
/** Dashboard commands that move or stop time: in a workshop only the facilitator has them. */
const FACILITATOR_CLOCK = new Set<Command>(['pause', 'speed', 'mode', 'next-event', 'wait']);

/** Who has the keyboard: the facilitator (projector view) or the team (the normal dashboard). */
type Holder = 'facilitator' | 'team';

/** `ttx workshop`: the facilitator's projector view of one drill, and the team's dashboard. */
export function WorkshopApp(props: WorkshopAppProps): React.ReactElement {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const theme = useMemo(() => makeTheme(props.isColour ?? true), [props.isColour]);
  const [session] = useState(() => {
    const created = new DrillSession(props.architecture, props.scenario, {
      seed: props.seed,
      wall: props.wall,
      archiveStore: drillArchiveStore(),
      paused: true,
      ...(props.source ? { source: props.source } : {}),
      ...(props.logSourceFor ? { logSourceFor: props.logSourceFor } : {}),
      ...(props.onAction ? { onAction: props.onAction } : {}),
      ...(props.onAcknowledge ? { onAcknowledge: props.onAcknowledge } : {}),
      ...(props.resumeFrom ? { resumeFrom: props.resumeFrom } : {}),
    });
    props.onSession?.(created);
    // The drill's first action, once the journal is open: a resume replays it from the log.
    if (props.discussionOnly && !props.resumeFrom)
      asFacilitator(created, () => created.act({ do: 'discussion-only' }));
    return created;
  });
  useSyncExternalStore(session.subscribe, session.getVersion);
  const [holder, setHolder] = useState<Holder>('facilitator');
  const [hasStarted, setStarted] = useState(props.resumeFrom !== undefined);
  const [selected, setSelected] = useState(0);
  const [prompt, setPrompt, promptNow] = useLatestState<FacilitatorPrompt | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(
    props.resumeFrom ? 'Resumed from the journal: paused; space continues' : undefined,
  );
  const [ui, setUi] = useState<UiState>(() => initialUi({ screen: 'dashboard' }));
  const uiRef = useRef(ui);
  uiRef.current = ui;
  const finished = useRef(false);

  useEffect(() => (props.frames ?? intervalTimer)(FRAME_MS, () => session.tick()), [session]);

  const isEnded = session.drill.isEnded;
  useEffect(() => {
    if (!isEnded || finished.current) return;
    finished.current = true;
    setHolder('facilitator');
    setMessage('The drill has ended: scoring...');
    Promise.resolve()
      .then(() => props.onFinish?.(session))
      .then(
        (extras) =>
          setMessage(
            `ENDED. ${extras?.score ? `Score ${extras.score.total} / 100 (${extras.score.grade}). ` : ''}${extras?.resultsPath ? `Results: ${extras.resultsPath}` : (extras?.resultsError ?? '')}  q quits`,
          ),
        (error: unknown) =>
          setMessage(`ENDED. ${error instanceof Error ? error.message : String(error)}`),
      );
  }, [isEnded, session]);

  // The team's dashboard loses two rows: the hand-over banner and the key bar.
  const layout = computeLayout(size.columns, size.rows - 2, 9);
  const view = projectFacilitator(session.drill, session.clock, {
    code: props.code,
    ...(props.team ? { team: props.team } : {}),
    hasStarted,
    log: session.actionLog,
    recent: size.rows >= 40 ? 8 : 4,
  });

  const takeBack = () => {
    session.actor = undefined;
    setHolder('facilitator');
    setMessage('The facilitator has the keyboard');
  };
  const deps: ControllerDeps = {
    catalog: [],
    session,
    startSession: () => session,
    exit: takeBack,
    pageSize: Math.max(1, layout.work - 3),
  };

  useInput((input, key) => {
    // Keys may come faster than renders: read the prompt as the previous key left it.
    const prompt = promptNow.current;
    if (holder === 'team') {
      if (isTakeBack(input, key)) return takeBack();
      const current = uiRef.current;
      const next = isTyping(current)
        ? handleTyping(current, input, key, deps)
        : (() => {
            const command = resolveKey(input, key, activeScopes(current));
            if (command && FACILITATOR_CLOCK.has(command))
              return { ...current, message: 'the facilitator runs the clock' };
            return command ? handleCommand(current, command, deps) : current;
          })();
      if (next !== current) {
        uiRef.current = next;
        setUi(next);
      }
      return;
    }
    if (prompt?.kind === 'observe') {
      if (key.escape) return setPrompt(undefined);
      if (key.return) {
        setMessage(observe(session, prompt.text));
        return setPrompt(undefined);
      }
      if (key.backspace || key.delete)
        return setPrompt({ ...prompt, text: prompt.text.slice(0, -1) });
      if (input && !key.ctrl && !key.meta)
        setPrompt({ ...prompt, text: (prompt.text + input).slice(0, 400) });
      return;
    }
    if (prompt?.kind === 'rate' || prompt?.kind === 'decide') {
      const step =
        prompt.kind === 'rate'
          ? rateStep(prompt, input, key, view.objectives)
          : decideStep(prompt, input, key, view.openDecisions);
      setPrompt(step.form);
      if (step.request) {
        session.tick();
        const request = step.request;
        const result = asFacilitator(session, () => session.act(request));
        setMessage(result.ok ? step.message : `Not recorded: ${result.reason}`);
      } else if (step.message) setMessage(step.message);
      return;
    }
    if (prompt?.kind === 'confirm') {
      if (input === 'y' || input === 'Y') {
        setPrompt(undefined);
        if (prompt.confirm === 'end') endDrill(session);
        else if (prompt.inject) setMessage(skipInject(session, prompt.inject));
        return;
      }
      if (input === 'n' || input === 'N' || key.escape) {
        setPrompt(undefined);
        return setMessage(prompt.confirm === 'end' ? 'The drill goes on' : 'Nothing skipped');
      }
      return;
    }
    if (prompt) {
      const items = prompt.kind === 'manual' ? view.manual : view.hints;
      if (key.escape) return setPrompt(undefined);
      if (key.upArrow) return setPrompt({ ...prompt, index: Math.max(0, prompt.index - 1) });
      if (key.downArrow)
        return setPrompt({ ...prompt, index: Math.min(items.length - 1, prompt.index + 1) });
      if (key.return) {
        const item = items[prompt.index];
        if (item && prompt.kind === 'manual')
          setMessage(triggerNow(session, (item as { id: string }).id));
        if (item && prompt.kind === 'hint')
          setMessage(revealHint(session, item as { id: string; text: string }));
        return setPrompt(undefined);
      }
      return;
    }
    if (key.ctrl && input === 'c') {
      // An interrupt: the journal keeps the drill for `ttx resume`; the shell exits 130.
      props.onExit?.('interrupt');
      exit();
      return;
    }
    const command = resolveFacilitatorKey(input, key);
    const chosen = view.upcoming[Math.min(selected, view.upcoming.length - 1)];
    switch (command) {
      case 'start-pause':
        setMessage(startOrPause(session, hasStarted));
        setStarted(true);
        return;
      case 'speed':
        session.cycleSpeed();
        return setMessage(`Speed ×${session.clock.speed}`);
      case 'up':
        return setSelected((s) => Math.max(0, s - 1));
      case 'down':
        return setSelected((s) => Math.min(Math.max(0, view.upcoming.length - 1), s + 1));
      case 'trigger':
        return setMessage(chosen ? triggerNow(session, chosen.id) : 'No scheduled inject');
      case 'skip':
        if (!chosen) return setMessage('No scheduled inject');
        return setPrompt({
          kind: 'confirm',
          question: `Skip "${chosen.title}" (${chosen.at})? It will not fire in this drill.`,
          confirm: 'skip',
          inject: chosen.id,
        });
      case 'manual':
        return setPrompt({ kind: 'manual', index: 0 });
      case 'hint':
        return setPrompt({ kind: 'hint', index: 0 });
      case 'observe':
        return setPrompt({ kind: 'observe', text: '' });
      case 'rate':
        return setPrompt({ kind: 'rate', step: 'objective', index: 0, text: '' });
      case 'decide':
        if (view.openDecisions.length === 0) return setMessage('No decision point has come up yet');
        return setPrompt({
          kind: 'decide',
          step: 'point',
          index: 0,
          owner: '',
          rationale: '',
          text: '',
        });
      case 'hand-over':
        if (session.drill.isEnded) return setMessage('The drill has ended');
        session.actor = props.team?.name ?? 'team';
        setHolder('team');
        return;
      case 'end':
        if (session.drill.isEnded) return setMessage('The drill has ended');
        return setPrompt({
          kind: 'confirm',
          question: 'End the drill now for everyone? It is scored as it stands.',
          confirm: 'end',
        });
      case 'quit':
        props.onExit?.('quit');
        exit();
        return;
      case undefined:
        return;
    }
  });

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={size.columns} height={size.rows - 1} overflow="hidden">
        {holder === 'team' ? (
          <>
            <Text bold inverse color={theme.accent} wrap="truncate-end">
              {` TEAM ${props.team?.name ?? ''} HAS THE KEYBOARD  |  ${props.code}  |  ctrl+f gives it back to the facilitator `}
            </Text>
            <DrillView session={session} ui={ui} layout={layout} />
            <Box flexGrow={1} />
            <KeyBar
              ui={ui}
              width={size.columns}
              isEnded={isEnded}
              isDiscussionOnly={session.isDiscussionOnly}
              hasOpenDecision={openDecisions(session.drill).length > 0}
            />
          </>
        ) : (
          <FacilitatorScreen
            view={view}
            selected={selected}
            prompt={prompt}
            message={message}
            width={size.columns}
            height={size.rows - 1}
          />
        )}
      </Box>
    </ThemeContext.Provider>
  );
}
