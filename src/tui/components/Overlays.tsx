import { Box, Text } from 'ink';
import React from 'react';
import { formatElapsed } from '../../model/index.js';
import { helpRows } from '../keymap.js';
import { STATUS_GLYPH, COMPONENT_STATUSES } from '../../play/projections/componentStatus.js';
import type { AlertDetail } from '../../play/projections/alerts.js';
import { useTheme } from '../theme.js';
import type { Modal } from '../uiState.js';
import { Line, wrapText } from './common.js';

/** `?`: every key binding from the one table, and the map legend. */
export function HelpView(props: {
  scroll: number;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const legend = `map: ${COMPONENT_STATUSES.map((s) => `${STATUS_GLYPH[s]} ${s}`).join('  ')}`;
  const rows = [
    ...helpRows().map((r) => `${r.keys.padEnd(16)} ${r.help}  [${r.scope}]`),
    '',
    legend,
    'Compromised shows once you investigated the host (SIEM search, forensic snapshot) or after the drill.',
    'Realtime: simulated time runs at the chosen speed; p pauses exactly. Turn-based: actions take their time at once; n = next event, w = wait 5m.',
  ];
  const body = props.height - 2;
  const scroll = Math.min(props.scroll, Math.max(0, rows.length - body));
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color={theme.accent}>
        Keys (↑↓ scroll, Esc or ? closes)
      </Text>
      {rows.slice(scroll, scroll + body).map((r, i) => (
        <Line key={i} width={props.width} text={r} />
      ))}
    </Box>
  );
}

/** An opened alert: what it says, where from, its evidence lines. */
export function AlertView(props: {
  alert: AlertDetail | undefined;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const a = props.alert;
  if (!a) return <Text>alert not found (Esc)</Text>;
  const rows: Array<{ text: string; color?: string | undefined }> = [
    {
      text: `${formatElapsed(a.t)}  ${a.kind}  severity ${a.severity}  from ${a.from || '-'}`,
      color: theme.severity(a.severity),
    },
    {
      text: `about: ${a.about.join(', ') || '-'}   ${a.isAcknowledged ? 'acknowledged' : 'not acknowledged (a)'}`,
    },
    ...wrapText(a.body, props.width).map((text) => ({ text })),
    ...(a.lines.length ? [{ text: 'evidence:', color: theme.muted }] : []),
    ...a.lines.map((text) => ({ text: `  ${text}`, color: theme.warn })),
  ];
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold wrap="truncate-end">
        {a.title}
      </Text>
      {rows.slice(0, props.height - 2).map((r, i) => (
        <Line key={i} width={props.width} text={r.text} color={r.color} />
      ))}
      <Text dimColor>a acknowledge Esc close</Text>
    </Box>
  );
}

/** A list to pick one value from (log filters, severity). */
export function ChooseView(props: {
  modal: Extract<Modal, { kind: 'choose' }>;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const rows = Math.max(1, props.height - 2);
  const { index, options } = props.modal;
  // Long labels (a severity with its criteria) wrap instead of being cut; the selection stays in view.
  const wrapped = options.map((o) =>
    wrapText(o.label, Math.max(10, props.width - 4)).map((l, k) => `${k ? '    ' : '  '}${l}`),
  );
  let start = Math.min(index, Math.max(0, options.length - 1));
  let used = wrapped[start]?.length ?? 0;
  while (start > 0 && used + wrapped[start - 1]!.length <= rows) used += wrapped[--start]!.length;
  const shown: Array<{ text: string; option: number }> = [];
  for (let i = start; i < options.length; i++) {
    const lines = wrapped[i]!;
    if (shown.length + lines.length > rows && i > index) break;
    for (const text of lines) shown.push({ text, option: i });
  }
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color={theme.accent}>
        {props.modal.title}
      </Text>
      {shown.slice(0, rows).map((l, i) => (
        <Line
          key={`${l.option}-${i}`}
          width={props.width}
          text={l.text}
          isSelected={l.option === index}
        />
      ))}
      <Text dimColor>↑↓ choose Enter pick Esc cancel</Text>
    </Box>
  );
}
