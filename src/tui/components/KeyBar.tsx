import { Text } from 'ink';
import React from 'react';
import { workTabs, type UiState } from '../uiState.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';

const HINTS: Record<Exclude<UiState['screen'], 'dashboard'>, string> = {
  picker: '↑↓ choose  Enter briefing  ? help  q quit',
  briefing: 'Enter start  m mode  s speed  Esc back  ? help  q quit',
  debrief: '↑↓ PgUp PgDn scroll  d dashboard  ? help  q quit',
};

/** The panel keys of the drill's tabs: a run as `1-8`, or each one (`2 3 5`, discussion only). */
function panelKeys(isDiscussionOnly: boolean): string {
  const keys = workTabs(isDiscussionOnly).map((t) => Number(t.key));
  const isRun = keys.every((k, i) => i === 0 || k === keys[i - 1]! + 1);
  return isRun && keys.length > 2 ? `${keys[0]}-${keys.at(-1)}` : keys.join(' ');
}

/** The dashboard's hints: the panels this drill has, and `D` while a decision point is open. */
function dashboardHint(isDiscussionOnly: boolean, hasOpenDecision: boolean): string {
  return [
    'Tab focus  ↑↓←→ move  Enter act  a ack',
    `${panelKeys(isDiscussionOnly)} panel`,
    ...(hasOpenDecision ? ['D decide'] : []),
    'p pause  s speed  m mode  n next  w wait  i note  v severity  ? help  q quit',
  ].join('  ');
}

/** The bottom row: key hints, or the prompt of a question or of text being typed. */
export function KeyBar(props: {
  ui: UiState;
  width: number;
  isEnded?: boolean;
  isDiscussionOnly?: boolean;
  /** A decision point is waiting for the team's decision (`D` records it). */
  hasOpenDecision?: boolean;
}): React.ReactElement {
  const theme = useTheme();
  const modal = props.ui.modal;
  if (modal?.kind === 'confirm') {
    const question =
      modal.purpose === 'quit'
        ? 'Quit? The drill is lost (no results). y = quit, n = stay'
        : 'End the drill now and see the debrief? y = end, n = keep playing';
    return (
      <Text bold color={theme.warn} wrap="truncate-end">
        {fit(question, props.width)}
      </Text>
    );
  }
  if (modal?.kind === 'input') {
    const prompt =
      modal.purpose === 'note'
        ? 'note> '
        : modal.purpose === 'query'
          ? 'SIEM query> '
          : modal.purpose === 'shell'
            ? `[root@${(props.ui.selected ?? 'host').toLowerCase()} ~]# `
            : modal.purpose === 'mark'
              ? 'mark indicator> '
              : modal.purpose === 'aim'
                ? `${modal.title}: ${modal.indicator}${modal.required ? '' : ' (empty: all)'}> `
                : 'search logs> ';
    const tail =
      modal.purpose === 'aim' ? '  (Enter go, Esc cancel)' : '  (Enter save, Esc cancel)';
    const room = Math.max(1, props.width - prompt.length - tail.length - 1);
    return (
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {prompt}
        </Text>
        {modal.text.slice(-room)}
        <Text inverse> </Text>
        <Text dimColor>{tail}</Text>
      </Text>
    );
  }
  const screen = props.ui.screen;
  const dashboard =
    screen === 'dashboard'
      ? dashboardHint(props.isDiscussionOnly ?? false, props.hasOpenDecision ?? false)
      : '';
  const hint =
    screen !== 'dashboard'
      ? HINTS[screen]
      : props.isEnded
        ? 'drill ended: d debrief  Tab focus  ↑↓ move  ? help  q quit'
        : props.ui.isCoached
          ? `h hint  t glossary  ${dashboard}`
          : dashboard;
  return (
    <Text dimColor wrap="truncate-end">
      {fit(hint, props.width)}
    </Text>
  );
}
