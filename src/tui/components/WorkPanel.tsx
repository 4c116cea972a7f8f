import { Box, Text } from 'ink';
import React from 'react';
import { wallTime } from '../../engine/index.js';
import { formatElapsed } from '../../model/index.js';
import { visibleLogLines } from '../logView.js';
import {
  NOTIFY_CHANNEL,
  projectEscalation,
  projectPlan,
  projectTechnicalActions,
  type Progress,
} from '../../play/projections/actions.js';
import { projectNotes, visibleSeverity } from '../../play/projections/header.js';
import type { DrillSession } from '../../play/session.js';
import { bar } from '../text.js';
import { clockOf, shortDuration } from '../../play/text.js';
import { useTheme } from '../theme.js';
import { workTabs, type UiState, type WORK_TABS } from '../uiState.js';
import { Line, windowStart, wrapText } from './common.js';
import { ConsoleTab, NotebookTab, SearchTab } from './InvestigationTabs.js';

interface TabProps {
  session: DrillSession;
  ui: UiState;
  width: number;
  rows: number;
  isFocused: boolean;
}

function progressText(p: Progress | undefined): string {
  return p
    ? ` [${bar(p.fraction, 10)}] ${Math.floor(Math.min(1, p.fraction) * 100)}% done at ${formatElapsed(p.doneAt).slice(2)}`
    : '';
}

function LogsTab({ session, ui, width, rows }: TabProps): React.ReactElement {
  const theme = useTheme();
  const { lines, offset } = visibleLogLines(session.logs, ui.log.filter, ui.log.offset, rows - 1);
  const f = ui.log.filter;
  const scenario = session.drill.compiled.scenario;
  const state = ui.log.follow && offset === 0 ? 'following' : `paused, ${offset} back`;
  const x = ui.log.scrollX ?? 0;
  const status = `${state} | search ${f.search ? `"${f.search}"` : '-'} (/) | component ${f.component ?? 'all'} (c) | source ${f.source ?? 'all'} (o) | ${ui.log.wrap ? 'wrap (W)' : `cut${x ? ` +${x}` : ''} (W, ←→)`} | Enter opens | ${session.archive.length} lines`;
  const rowsOf = (line: (typeof lines)[number]) => {
    const prefix = `${clockOf(wallTime(scenario, line.t))} ${line.component.padEnd(7)} ${line.source.padEnd(6).slice(0, 6)} `;
    if (!ui.log.wrap) return [`${prefix}${line.text.slice(x)}`];
    const indent = ' '.repeat(Math.min(prefix.length, Math.floor(width / 3)));
    const room = Math.max(8, width - indent.length);
    const rest = line.text.slice(Math.max(0, width - prefix.length));
    const out = [`${prefix}${line.text.slice(0, Math.max(0, width - prefix.length))}`];
    for (let i = 0; i < rest.length; i += room) out.push(`${indent}${rest.slice(i, i + room)}`);
    return out;
  };
  // Wrapped lines take several rows: the newest rows that fit are shown.
  const shown = lines
    .flatMap((line, i) => rowsOf(line).map((text) => ({ text, i, line })))
    .slice(-(rows - 1));
  return (
    <>
      <Line width={width} text={status} dim />
      {lines.length === 0 ? <Line width={width} text="  no log lines match" dim /> : null}
      {shown.map((row, j) => (
        <Line
          key={`${offset}-${row.i}-${j}`}
          width={width}
          color={row.line.source === 'inject' ? theme.warn : undefined}
          text={row.text}
        />
      ))}
    </>
  );
}

function PlanTab({ session, ui, width, rows, isFocused }: TabProps): React.ReactElement {
  const theme = useTheme();
  const plan = projectPlan(session.drill);
  const index = Math.min(ui.planIndex, plan.length - 1);
  const start = windowStart(index, plan.length, rows);
  const mark = { done: '[x]', 'in-progress': '[~]', todo: '[ ]' } as const;
  return (
    <>
      {plan.slice(start, start + rows).map((row, i) => (
        <Line
          key={row.id}
          width={width}
          isSelected={isFocused && start + i === index}
          color={
            row.status === 'done'
              ? theme.good
              : row.status === 'in-progress'
                ? theme.warn
                : undefined
          }
          text={`${mark[row.status]} ${String(row.order).padStart(2)}. ${row.title} (${shortDuration(row.duration)})${progressText(row.progress)}${row.csf ? `  ${row.csf}` : ''}`}
        />
      ))}
    </>
  );
}

function EscalateTab({ session, ui, width, rows, isFocused }: TabProps): React.ReactElement {
  const theme = useTheme();
  const view = projectEscalation(session.drill, visibleSeverity(session.drill), session.actor);
  const index = Math.min(ui.contactIndex, view.contacts.length - 1);
  const channel = Math.min(ui.channelIndex, view.channels.length - 1);
  const matrix = view.matrix.rules
    .map((r) => `${r.contact}/${r.channel}<${shortDuration(r.within)}`)
    .join(' ');
  // The matrix row wraps (at most 3 rows) instead of being cut: every contact it asks for shows.
  const matrixRows = wrapText(
    `matrix for ${view.matrix.severity}: ${matrix || 'nobody'}`,
    width,
  ).slice(0, Math.max(1, Math.min(3, rows - 2)));
  // The obligations' clocks the team knows of (decision 0950): one line, open ones first.
  const clocks = [...view.obligations]
    .sort((a, b) => Number(a.state !== 'open') - Number(b.state !== 'open') || a.dueAt - b.dueAt)
    .map(
      (o) =>
        `${o.id} -> ${o.contact} ${o.state === 'open' ? `due ${formatElapsed(o.dueAt)}` : o.state}`,
    )
    .join('; ');
  const clockRows = clocks && rows > 3 ? [`owed: ${clocks}`] : [];
  // On a call (decision 1020): the next call waits for it; e-mail and chat do not.
  const others = view.channels.filter((ch) => !ch.oneAtATime && ch.id !== NOTIFY_CHANNEL);
  const callRows = view.call
    ? [
        `on the ${view.call.channel} with ${view.call.name} until ${formatElapsed(view.call.until)}: one call at a time${others.length ? `; ${others.map((ch) => ch.id).join(', ')} go out meanwhile` : ''}`,
      ]
    : [];
  const listRows = Math.max(1, rows - 1 - matrixRows.length - clockRows.length - callRows.length);
  const start = windowStart(index, view.contacts.length, listRows);
  return (
    <>
      <Box>
        <Text wrap="truncate-end">
          {'channel (←→): '}
          {view.channels.map((ch, i) => (
            <Text
              key={ch.id}
              inverse={i === channel}
              bold={i === channel}
              {...(ch.busy ? { dimColor: true } : {})}
            >
              {` ${ch.id} ${shortDuration(ch.duration)}${ch.busy ? ' busy' : ''} `}
            </Text>
          ))}
        </Text>
      </Box>
      {matrixRows.map((text, i) => (
        <Line key={`matrix-${i}`} width={width} dim text={text} />
      ))}
      {clockRows.map((text) => (
        <Line key="owed" width={width} color={theme.warn} text={text} />
      ))}
      {callRows.map((text) => (
        <Line key="call" width={width} color={theme.warn} text={text} />
      ))}
      {view.contacts.slice(start, start + listRows).map((c, i) => {
        const done = c.done.map((d) => `${d.channel} ${formatElapsed(d.at).slice(2)}`).join(', ');
        return (
          <Line
            key={c.id}
            width={width}
            isSelected={isFocused && start + i === index}
            color={c.progress ? theme.warn : c.done.length ? theme.good : undefined}
            text={`${c.done.length ? '[x]' : c.progress ? '[~]' : '[ ]'} ${c.name}${done ? ` (told: ${done})` : ''}${c.progress ? ` by ${c.progress.channel}${progressText(c.progress)}` : ''} - ${c.role}${c.recipient ? ' [notify]' : ''}${c.away ? ` (${c.away})` : ''}`}
          />
        );
      })}
    </>
  );
}

function ActionsTab({ session, ui, width, rows, isFocused }: TabProps): React.ReactElement {
  const theme = useTheme();
  const selected = ui.selected;
  const actions = projectTechnicalActions(session.drill, selected);
  const index = Math.min(ui.actionIndex, Math.max(0, actions.length - 1));
  const listRows = Math.max(1, rows - 1);
  const start = windowStart(index, actions.length, listRows);
  return (
    <>
      <Line
        width={width}
        dim
        text={`on ${selected ?? 'nothing selected'} (choose in the map; Enter takes the action)`}
      />
      {actions.length === 0 ? (
        <Line width={width} dim text="  no technical action applies to this component" />
      ) : null}
      {actions.slice(start, start + listRows).map((a, i) => (
        <Line
          key={`${a.id}-${a.target ?? ''}`}
          width={width}
          isSelected={isFocused && start + i === index}
          color={
            a.progress
              ? theme.warn
              : a.unavailable
                ? theme.muted
                : a.timesDone
                  ? theme.good
                  : undefined
          }
          text={`${a.progress ? '[~]' : a.timesDone ? '[x]' : '[ ]'} ${a.title}${a.target ? '' : ' (no target)'} (${shortDuration(a.duration)})${progressText(a.progress)}${a.unavailable ? ` - ${a.unavailable}` : ''}`}
        />
      ))}
    </>
  );
}

function NotesTab({ session, width, rows }: TabProps): React.ReactElement {
  const notes = projectNotes(session.drill);
  const shown = notes.slice(-Math.max(1, rows - 1));
  return (
    <>
      <Line
        width={width}
        dim
        text="i or Enter: write a note (it goes into the drill record and the results)"
      />
      {shown.map((n, i) => (
        <Line key={i} width={width} text={`${n.at.slice(2)} ${n.text}`} />
      ))}
    </>
  );
}

const TABS = {
  logs: LogsTab,
  plan: PlanTab,
  escalate: EscalateTab,
  actions: ActionsTab,
  notes: NotesTab,
  search: SearchTab,
  console: ConsoleTab,
  notebook: NotebookTab,
};

/** The work area: logs, plan, escalation, actions, notes, search, console, notebook (keys 1-8). */
export function WorkPanel(props: {
  session: DrillSession;
  ui: UiState;
  width: number;
  height: number;
  isFocused: boolean;
}): React.ReactElement {
  const tabs = workTabs(props.session.isDiscussionOnly);
  // A discussion-only drill has no log tab: it opens on the plan.
  const shown = tabs.some((t) => t.tab === props.ui.tab) ? props.ui.tab : tabs[0]!.tab;
  const Tab = TABS[shown];
  // Eight tabs do not fit a narrow panel: the others then show their key and a short name.
  const full = tabs.reduce((n, t) => n + t.title.length + 4, 2) <= props.width;
  const label = (t: (typeof WORK_TABS)[number]) =>
    full || t.tab === shown ? t.title : t.title.slice(0, 4);
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text wrap="truncate-end">
        {props.isFocused ? '> ' : '  '}
        {tabs.map((t) => (
          <Text key={t.tab} inverse={t.tab === shown} bold={t.tab === shown}>
            {` ${t.key} ${label(t)} `}
          </Text>
        ))}
      </Text>
      <Box flexDirection="column" height={props.height - 1} overflow="hidden">
        <Tab
          session={props.session}
          ui={props.ui}
          width={props.width}
          rows={props.height - 1}
          isFocused={props.isFocused}
        />
      </Box>
    </Box>
  );
}
