import { Box, Text, useApp, useInput } from 'ink';
import React, { useEffect, useMemo, useState } from 'react';
import type { Architecture, Scenario } from '../../model/index.js';
import { stripControl } from '../../model/index.js';
import {
  appendControl,
  RoomMonitor,
  type RoomControl,
  type RoomPaths,
  type RoomSnapshot,
} from '../../room/index.js';
import type { FrameTimer } from '../components/App.js';
import { intervalTimer } from '../components/App.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useLatestState } from '../hooks/useLatestState.js';
import { fit } from '../text.js';
import { ThemeContext, makeTheme, useTheme } from '../theme.js';
import { ROOM_BINDINGS, resolveRoomKey } from './roomKeys.js';
import { formPrompt, rateStep, type RateForm } from '../workshop/facilitatorForms.js';

export interface RoomAppProps {
  paths: RoomPaths;
  code: string;
  architecture: Architecture;
  scenario: Scenario;
  /** Wall clock in ms (heartbeats and pace are wall-clock facts of the room, not of a drill). */
  now: () => number;
  frames?: FrameTimer;
  size?: { columns: number; rows: number };
  isColour?: boolean;
  /** Where the room's snapshots come from (default: a RoomMonitor of `paths`; the bench injects one). */
  monitor?: { look(nowMs: number): RoomSnapshot };
  /** Where the facilitator's controls go (default: appended to the room's control journal). */
  send?: (to: string, control: RoomControl, at: Date) => void;
}

/** What the facilitator is typing or choosing, if anything. */
type Prompt =
  | RateForm
  | { kind: 'inject' | 'skip'; index: number }
  | { kind: 'confirm-skip'; inject: string; title: string }
  | { kind: 'message' | 'hint'; text: string };

const SPEEDS = [1, 10, 60] as const;
const REFRESH_MS = 250;

/** `ttx room`: the facilitator's live view of every team playing one drill code. */
export function RoomApp(props: RoomAppProps): React.ReactElement {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const theme = useMemo(() => makeTheme(props.isColour ?? true), [props.isColour]);
  const monitor = useMemo(
    () =>
      props.monitor ??
      new RoomMonitor(props.paths, { architecture: props.architecture, scenario: props.scenario }),
    [props.monitor, props.paths, props.architecture, props.scenario],
  );
  const [snapshot, setSnapshot] = useState<RoomSnapshot>(() => monitor.look(props.now()));
  const [selected, setSelected] = useState(0);
  const [isAll, setAll] = useState(true);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(10);
  const [isPaused, setPaused] = useState(false);
  const [prompt, setPrompt, promptNow] = useLatestState<Prompt | undefined>(undefined);
  const [message, setMessage] = useState<string>(
    'Teams join with: ttx play --room <dir> --team <name>',
  );
  const [showBoard, setShowBoard] = useState(false);

  useEffect(
    () =>
      (props.frames ?? intervalTimer)(REFRESH_MS, () => {
        const next = monitor.look(props.now());
        // Most looks find the room as it was: keeping the same state skips the frame entirely.
        setSnapshot((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
      }),
    [monitor],
  );

  const teams = snapshot.teams;
  const team = teams[Math.min(selected, teams.length - 1)];
  const target = isAll || !team ? '*' : team.team;
  const targetLabel = target === '*' ? 'ALL TEAMS' : `team ${target}`;
  const deliver =
    props.send ??
    ((to: string, control: RoomControl, at: Date) => appendControl(props.paths, to, control, at));
  const send = (control: RoomControl, done: string) => {
    deliver(target, control, new Date(props.now()));
    setMessage(`${done} (${targetLabel})`);
  };
  const injects = props.scenario.injects;

  useInput((input, key) => {
    // Keys may come faster than renders: read the prompt as the previous key left it.
    const prompt = promptNow.current;
    if (prompt?.kind === 'rate') {
      const step = rateStep(prompt, input, key, props.scenario.objectives);
      setPrompt(step.form);
      if (step.request && team) {
        const r = step.request;
        // A rating is of one team: the selected one, whatever the controls' target.
        deliver(
          team.team,
          {
            do: 'rate',
            objective: r.objective!,
            rating: r.rating!,
            ...(r.text ? { text: r.text } : {}),
          },
          new Date(props.now()),
        );
        setMessage(`${step.message ?? 'Rated'} (team ${team.team})`);
      } else if (step.message) setMessage(step.message);
      return;
    }
    if (prompt?.kind === 'message' || prompt?.kind === 'hint') {
      if (key.escape) return setPrompt(undefined);
      if (key.return) {
        const text = prompt.text.trim();
        setPrompt(undefined);
        if (text)
          send({ do: prompt.kind, text }, prompt.kind === 'hint' ? 'Hint sent' : 'Message sent');
        return;
      }
      if (key.backspace || key.delete)
        return setPrompt({ ...prompt, text: prompt.text.slice(0, -1) });
      if (input && !key.ctrl && !key.meta)
        setPrompt({ ...prompt, text: (prompt.text + stripControl(input)).slice(0, 300) });
      return;
    }
    if (prompt?.kind === 'confirm-skip') {
      if (input === 'y') send({ do: 'skip', inject: prompt.inject }, `Skipped ${prompt.inject}`);
      else setMessage('Nothing skipped');
      return setPrompt(undefined);
    }
    if (prompt?.kind === 'inject' || prompt?.kind === 'skip') {
      if (key.escape) return setPrompt(undefined);
      if (key.upArrow) return setPrompt({ ...prompt, index: Math.max(0, prompt.index - 1) });
      if (key.downArrow)
        return setPrompt({ ...prompt, index: Math.min(injects.length - 1, prompt.index + 1) });
      if (key.return) {
        const chosen = injects[prompt.index];
        setPrompt(undefined);
        if (!chosen) return;
        if (prompt.kind === 'inject')
          send({ do: 'inject', inject: chosen.id }, `Fired ${chosen.id}`);
        else setPrompt({ kind: 'confirm-skip', inject: chosen.id, title: chosen.title });
      }
      return;
    }
    switch (resolveRoomKey(input, key)) {
      case 'up':
        return setSelected((s) => Math.max(0, s - 1));
      case 'down':
        return setSelected((s) => Math.min(Math.max(0, teams.length - 1), s + 1));
      case 'target':
        return setAll((a) => !a);
      case 'pause':
        send({ do: isPaused ? 'resume' : 'pause' }, isPaused ? 'Resumed' : 'Paused');
        return setPaused(!isPaused);
      case 'speed': {
        const next = SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length]!;
        setSpeed(next);
        return send({ do: 'speed', speed: next }, `Speed ×${next}`);
      }
      case 'inject':
        return setPrompt({ kind: 'inject', index: 0 });
      case 'skip':
        return setPrompt({ kind: 'skip', index: 0 });
      case 'message':
        return setPrompt({ kind: 'message', text: '' });
      case 'hint':
        return setPrompt({ kind: 'hint', text: '' });
      case 'board':
        return setShowBoard((b) => !b);
      case 'rate':
        if (!team) return setMessage('No team to rate yet');
        return setPrompt({ kind: 'rate', step: 'objective', index: 0, text: '' });
      case 'quit':
        exit();
        return;
      case undefined:
        return;
    }
  });

  const width = size.columns;
  const keys = ROOM_BINDINGS.filter((b) => b.label)
    .map((b) => b.label)
    .join('  ');
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={width} height={size.rows - 1} overflow="hidden">
        <Text bold inverse color={theme.accent}>
          {fit(
            ` ROOM ${stripControl(props.code)}  |  ${teams.length} teams  |  controls go to ${targetLabel}  |  ${isPaused ? 'PAUSED' : 'running'} x${speed} `,
            width,
          )}
        </Text>
        {showBoard || (teams.length > 0 && teams.every((t) => t.status === 'ended')) ? (
          <Leaderboard snapshot={snapshot} width={width} />
        ) : (
          <TeamTable teams={teams} selected={selected} width={width} />
        )}
        {team && !showBoard && (team.decisions.length > 0 || team.openDecisions.length > 0) ? (
          <Box flexDirection="column" marginTop={1}>
            <Text bold>{fit(`DECISIONS OF TEAM ${team.team}`, width)}</Text>
            {team.openDecisions.map((q, n) => (
              <Text key={`open-${n}`} color={theme.warn}>
                {fit(`  open: ${q}`, width)}
              </Text>
            ))}
            {team.decisions.slice(-4).map((line, n) => (
              <Text key={`done-${n}`}>{fit(`  ${line}`, width)}</Text>
            ))}
          </Box>
        ) : null}
        {prompt?.kind === 'rate' && prompt.step === 'objective' ? (
          <Box flexDirection="column" marginTop={1}>
            <Text bold>{`RATE AN OBJECTIVE OF TEAM ${team?.team ?? ''} (evaluator)`}</Text>
            {props.scenario.objectives.map((o, n) => (
              <Text key={o.id} inverse={n === prompt.index} wrap="truncate-end">
                {fit(
                  `${n === prompt.index ? '▶' : ' '} ${o.id}: ${stripControl(o.description)}`,
                  width,
                )}
              </Text>
            ))}
          </Box>
        ) : null}
        {prompt?.kind === 'inject' || prompt?.kind === 'skip' ? (
          <Box flexDirection="column" marginTop={1}>
            <Text bold>
              {prompt.kind === 'inject'
                ? 'TRIGGER AN INJECT NOW (enter, esc)'
                : 'SKIP AN INJECT (enter, esc)'}
            </Text>
            {injects.map((i, n) => (
              <Text key={i.id} inverse={n === prompt.index} wrap="truncate-end">
                {fit(`${n === prompt.index ? '▶' : ' '} ${i.id}: ${stripControl(i.title)}`, width)}
              </Text>
            ))}
          </Box>
        ) : null}
        <Box flexGrow={1} />
        <Text bold color={theme.warn} wrap="wrap">
          {prompt?.kind === 'rate'
            ? `Team ${team?.team ?? ''}: ${formPrompt(prompt)}`
            : prompt?.kind === 'message' || prompt?.kind === 'hint'
              ? `${prompt.kind === 'hint' ? 'Hint' : 'Message'} to ${targetLabel}: ${prompt.text}█  (enter sends, esc cancels)`
              : prompt?.kind === 'confirm-skip'
                ? `Skip "${stripControl(prompt.title)}" for ${targetLabel}? y yes, any other key no`
                : message}
        </Text>
        <Text bold inverse>
          {fit(` ROOM  ${keys} `, width)}
        </Text>
      </Box>
    </ThemeContext.Provider>
  );
}

const STATUS: Record<string, string> = {
  running: 'running',
  paused: 'PAUSED',
  ended: 'ended',
  disconnected: 'DISCONNECTED',
};

function TeamTable(props: {
  teams: RoomSnapshot['teams'];
  selected: number;
  width: number;
}): React.ReactElement {
  const theme = useTheme();
  if (props.teams.length === 0) return <Text color={theme.muted}>No team has joined yet.</Text>;
  const header = `  ${'team'.padEnd(16)} ${'clock'.padEnd(11)} ${'status'.padEnd(12)} ${'pace'.padEnd(5)} ${'severity'.padEnd(9)} ${'contained'.padEnd(9)} ${'score'.padEnd(8)} latest`;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(header, props.width)}</Text>
      {props.teams.map((t, i) => {
        // ASCII marks on purpose: Ink measures every row with string-width, whose fast path is
        // printable ASCII (a `▶` or `×` sends the row through the grapheme segmenter).
        const line = `${i === props.selected ? '>' : ' '} ${t.team.slice(0, 16).padEnd(16)} ${t.clock.padEnd(11)} ${STATUS[t.status]!.padEnd(12)} ${`x${Math.round(t.pace)}`.padEnd(5)} ${t.severity.padEnd(9)} ${(t.contained ? 'yes' : 'no').padEnd(9)} ${(t.score ?? '-').padEnd(8)} ${t.problem ?? t.recent.at(-1) ?? ''}`;
        return (
          <Text
            key={t.team}
            inverse={i === props.selected}
            color={t.status === 'disconnected' ? theme.bad : undefined}
          >
            {fit(line, props.width)}
          </Text>
        );
      })}
    </Box>
  );
}

function Leaderboard(props: { snapshot: RoomSnapshot; width: number }): React.ReactElement {
  const board = props.snapshot.leaderboard;
  if (!board) return <Text>No team has finished yet (L shows the teams again).</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`LEADERBOARD ${board.code}`, props.width)}</Text>
      {board.rows.map((r) => (
        <Text key={r.team} wrap="truncate-end">
          {fit(
            `${String(r.rank).padStart(2)}. ${stripControl(r.team).padEnd(16)} ${String(r.score).padStart(5)} ${r.grade}  ${r.contained ? 'contained' : 'not contained'}`,
            props.width,
          )}
        </Text>
      ))}
    </Box>
  );
}
