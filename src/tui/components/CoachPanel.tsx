import React from 'react';
import { formatDuration } from '../../model/index.js';
import type { CoachView } from '../../play/projections/coach.js';
import { useTheme, type Theme } from '../theme.js';
import { Line, Panel, wrapText } from './common.js';

interface Row {
  text: string;
  color?: string | undefined;
  bold?: boolean;
  dim?: boolean;
}

/** Rows the coach panel takes in the right column (the work panel keeps the rest). */
export function coachPanelHeight(work: number): number {
  return Math.max(5, Math.min(14, Math.floor(work / 2)));
}

function wrapped(text: string, width: number, indent: string, style: Omit<Row, 'text'>): Row[] {
  return wrapText(text, Math.max(4, width - indent.length)).map((line) => ({
    text: `${indent}${line}`,
    ...style,
  }));
}

function hintRows(view: CoachView, width: number, theme: Theme): Row[] {
  if (!view.showHints) {
    return [
      {
        text: view.hintCount
          ? `${view.hintCount} hint${view.hintCount === 1 ? '' : 's'} for this phase: press h to see ${view.hintCount === 1 ? 'it' : 'them'}`
          : view.hasCoachData
            ? 'no hint fits right now: read the alerts and the plan (2)'
            : 'this scenario has no coach notes; t opens the glossary',
        dim: true,
      },
    ];
  }
  const heading =
    view.reason === 'stuck'
      ? `Stuck? Nothing done for ${formatDuration(view.idle)} - a hint:`
      : 'Hints for this phase:';
  const rows: Row[] = [{ text: heading, color: theme.accent, bold: true }];
  if (view.hints.length === 0)
    rows.push({ text: '  no hint fits right now: read the alerts and the plan (2)', dim: true });
  for (const hint of view.hints) {
    rows.push(
      ...wrapped(hint.text, width, '  ', {}).map((r, i) =>
        i === 0 ? { ...r, text: `- ${r.text.slice(2)}` } : r,
      ),
    );
    if (hint.planStep) rows.push({ text: `  (${hint.planStep})`, dim: true });
  }
  return rows;
}

function noteRows(view: CoachView, width: number, theme: Theme): Row[] {
  const rows: Row[] = [];
  const last = view.lastAction;
  if (last) {
    for (const [i, line] of wrapText(`You: ${last.label}`, Math.max(4, width - 2)).entries())
      rows.push({ text: i === 0 ? line : `  ${line}`, bold: true });
    if (last.why) rows.push(...wrapped(last.why, width, '  ', {}));
    for (const line of last.context) rows.push(...wrapped(line, width, '  ', { dim: true }));
    for (const line of last.cost) rows.push(...wrapped(line, width, '  ', { color: theme.warn }));
  }
  for (const note of view.injectNotes)
    rows.push(
      ...wrapped(`${note.title}: ${note.text}`, width, '! ', { color: theme.accent }).map((r, i) =>
        i === 0 ? r : { ...r, text: `  ${r.text.slice(2)}` },
      ),
    );
  return rows;
}

/**
 * The incident-101 coach: the phase, hints (only when asked for or stuck), and why the latest
 * action mattered or what it cost. Every text comes from the scenario and architecture files.
 */
export function CoachPanel(props: {
  view: CoachView;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const { view, width } = props;
  const room = props.height - 1;
  const hints = hintRows(view, width, theme);
  const notes = noteRows(view, width, theme);
  // Asked-for hints come first; otherwise the comment on the latest action leads.
  const rows = view.showHints ? [...hints, ...notes] : [...notes, ...hints];
  return (
    <Panel
      title={`Coach: ${view.phaseTitle} (${view.phaseNumber}/5) ${view.phaseCsf}`}
      right="h hints  t glossary"
      width={width}
      height={props.height}
    >
      {rows.slice(0, room).map((row, i) => (
        <Line
          key={i}
          width={width}
          text={row.text}
          color={row.color}
          bold={row.bold === true}
          dim={row.dim === true}
        />
      ))}
    </Panel>
  );
}
