import { Box, Text } from 'ink';
import React from 'react';
import { formatElapsed } from '../../model/index.js';
import { helpRows } from '../keymap.js';
import { STATUS_GLYPH, COMPONENT_STATUSES } from '../../play/projections/componentStatus.js';
import type { AlertDetail } from '../../play/projections/alerts.js';
import { useTheme } from '../theme.js';
import type { OpenDecision } from '../../play/facilitator/evaluation.js';
import type { Modal } from '../uiState.js';
import { formPrompt, type DecideForm } from '../workshop/facilitatorForms.js';
import { Line, windowStart, wrapText } from './common.js';

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
    ...discussionRows(a, theme.accent),
  ];
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold wrap="truncate-end">
        {a.title}
      </Text>
      {rows.slice(0, props.height - 2).map((r, i) => (
        <Line key={i} width={props.width} text={r.text} color={r.color} />
      ))}
      <Text dimColor>
        {a.discussion?.decision
          ? 'a acknowledge D record the decision Esc close'
          : 'a acknowledge Esc close'}
      </Text>
    </Box>
  );
}

/** What the alert brings to discuss: its questions, then its decision point and its options. */
function discussionRows(
  a: AlertDetail,
  accent: string | undefined,
): Array<{ text: string; color?: string | undefined }> {
  const d = a.discussion;
  if (!d) return [];
  return [
    ...(d.questions.length ? [{ text: 'discuss:', color: accent }] : []),
    ...d.questions.map((q) => ({ text: `  - ${q}` })),
    ...(d.decision
      ? [
          { text: `decide: ${d.decision.question}`, color: accent },
          ...d.decision.options.map((o) => ({ text: `  [${o.id}] ${o.label}` })),
        ]
      : []),
    ...(d.decided ? [{ text: `decided: ${d.decided}`, color: accent }] : []),
  ];
}

/** Recording the team's decision: the point, the option, then owner, rationale and follow-up. */
export function DecideView(props: {
  form: DecideForm;
  open: readonly OpenDecision[];
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const { form } = props;
  const point = props.open.find((d) => d.id === form.decision);
  const choices =
    form.step === 'point'
      ? props.open.map((d) => d.question)
      : form.step === 'option'
        ? (point?.options ?? []).map((o) => o.label)
        : [];
  const rows = props.height - 3;
  const start = windowStart(form.index, choices.length, rows);
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color={theme.accent} wrap="truncate-end">
        {point ? `Decision: ${point.question}` : 'Record a decision'}
      </Text>
      {choices.slice(start, start + rows).map((label, i) => (
        <Line
          key={`${start + i}`}
          width={props.width}
          text={`  ${label}`}
          isSelected={start + i === form.index}
        />
      ))}
      {form.step === 'owner' || form.step === 'rationale' || form.step === 'followup' ? (
        <Text wrap="truncate-end">
          {`chosen: ${point?.options.find((o) => o.id === form.option)?.label ?? form.option ?? ''}`}
        </Text>
      ) : null}
      <Text wrap="truncate-end">{formPrompt(form)}</Text>
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
