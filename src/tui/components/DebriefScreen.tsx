import { Box, Text } from 'ink';
import React from 'react';
import { formatElapsed } from '../../model/index.js';
import type { DebriefExtras, DebriefView } from '../../play/projections/debrief.js';
import { useTheme } from '../theme.js';
import { Line } from './common.js';

/**
 * After the drill: outcome, detect/contain times, escalations, the score when scoring provides
 * one, where results were saved, and the timeline (scrollable).
 */
export function DebriefScreen(props: {
  view: DebriefView;
  extras: DebriefExtras | undefined;
  isSaving: boolean;
  scroll: number;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const { view, extras, width } = props;
  const rows: Array<{ text: string; color?: string | undefined; bold?: boolean }> = [];
  const section = (title: string) => rows.push({ text: title, bold: true, color: theme.accent });
  for (const f of view.facts) rows.push({ text: `  ${f.label.padEnd(22)} ${f.value}` });
  section('Escalations');
  if (view.escalations.length === 0) rows.push({ text: '  nobody was told', color: theme.warn });
  for (const e of view.escalations) rows.push({ text: `  ${e.at}  ${e.contact} by ${e.channel}` });
  section('Score');
  if (extras?.score) {
    const s = extras.score;
    rows.push({ text: `  ${s.total} / ${s.max}${s.grade ? `  (${s.grade})` : ''}`, bold: true });
    for (const item of s.items)
      rows.push({
        text: `  ${`${item.points}/${item.max}`.padStart(7)}  ${item.label}${item.note ? ` - ${item.note}` : ''}`,
      });
  } else {
    rows.push({
      text: props.isSaving ? '  scoring...' : '  no score for this drill',
      color: theme.muted,
    });
  }
  section('Results');
  rows.push({
    text: extras?.resultsPath
      ? `  saved to ${extras.resultsPath}`
      : extras?.resultsError
        ? `  not saved: ${extras.resultsError}`
        : props.isSaving
          ? '  saving...'
          : '  not saved',
    color: extras?.resultsError ? theme.bad : undefined,
  });
  section(`Timeline (${view.timeline.length} events)`);
  for (const t of view.timeline)
    rows.push({ text: `  ${formatElapsed(t.t)}  ${t.category.padEnd(11)} ${t.text}` });
  const body = props.height - 2;
  const scroll = Math.min(props.scroll, Math.max(0, rows.length - body));
  return (
    <Box flexDirection="column" width={width} height={props.height}>
      <Text bold wrap="truncate-end">{`Debrief: ${view.title}`}</Text>
      <Text bold color={view.isContained ? theme.good : theme.bad} wrap="truncate-end">
        {view.verdict}
      </Text>
      {rows.slice(scroll, scroll + body).map((r, i) => (
        <Line key={i} width={width} text={r.text} color={r.color} bold={r.bold === true} />
      ))}
    </Box>
  );
}
