import { Box, Text } from 'ink';
import React from 'react';
import { wallTime } from '../../engine/index.js';
import { formatElapsed } from '../../model/index.js';
import type { DrillSession } from '../../play/session.js';
import { useTheme } from '../theme.js';
import type { Modal } from '../uiState.js';
import { Line, windowStart, wrapText } from './common.js';

/** One log line opened whole: its text wrapped, then every field the SIEM parsed from it. */
export function LineDetailView(props: {
  session: DrillSession;
  modal: Extract<Modal, { kind: 'detail' }>;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const { line, fieldIndex } = props.modal;
  const fields = Object.entries(line.fields);
  const text = wrapText(line.text, props.width);
  const header = `${formatElapsed(line.t)}  ${wallTime(props.session.drill.compiled.scenario, line.t)}  ${line.component}  ${line.source}`;
  const room = Math.max(1, props.height - 4 - Math.min(text.length, props.height - 8));
  const start = windowStart(fieldIndex, fields.length, room);
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color={theme.accent} wrap="truncate-end">
        {header}
      </Text>
      {text.slice(0, Math.max(1, props.height - 8)).map((t, i) => (
        <Line key={`t${i}`} width={props.width} text={t} color={theme.warn} />
      ))}
      <Text dimColor>fields (↑↓ choose):</Text>
      {fields.slice(start, start + room).map(([k, v], i) => (
        <Line
          key={k}
          width={props.width}
          isSelected={start + i === fieldIndex}
          text={`  ${k} = ${String(v)}`}
        />
      ))}
      <Text dimColor wrap="truncate-end">
        + add to the search - exclude from the search M mark as indicator Esc close
      </Text>
    </Box>
  );
}
