import { Box, Text } from 'ink';
import React from 'react';
import type { ScenarioEntry } from '../../play/scenarioCatalog.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';
import { Line, windowStart, wrapText } from './common.js';

/** Every scenario with title, difficulty, duration; the selected one's summary below. */
export function PickerScreen(props: {
  catalog: readonly ScenarioEntry[];
  index: number;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const { catalog, width } = props;
  const selected = catalog[props.index];
  const summaryRows = Math.min(8, Math.max(3, Math.floor(props.height / 3)));
  const listRows = Math.max(1, props.height - summaryRows - 3);
  const start = windowStart(props.index, catalog.length, listRows);
  const titleWidth = Math.max(20, width - 30);
  const summary = selected?.error
    ? wrapText(`Cannot be played: ${selected.error}`, width)
    : wrapText(selected?.summary ?? '', width);
  return (
    <Box flexDirection="column" width={width} height={props.height}>
      <Text bold color={theme.accent}>
        Choose a scenario ({catalog.length})
      </Text>
      <Line
        width={width}
        text={`  ${'scenario'.padEnd(titleWidth)} ${'difficulty'.padEnd(10)} duration`}
        dim
      />
      <Box flexDirection="column" height={listRows}>
        {catalog.slice(start, start + listRows).map((entry, i) => {
          const index = start + i;
          const text = `${index === props.index ? '>' : ' '} ${fit(entry.title, titleWidth).padEnd(titleWidth)} ${entry.difficulty.padEnd(10)} ${entry.duration}${entry.error ? '  (invalid)' : ''}`;
          return (
            <Line
              key={`${entry.coached ? 'coached:' : ''}${entry.file}`}
              width={width}
              text={text}
              isSelected={index === props.index}
              color={entry.error ? theme.bad : undefined}
            />
          );
        })}
      </Box>
      <Line width={width} text={selected ? `${selected.id}  ${selected.file}` : ''} dim />
      <Box flexDirection="column" height={summaryRows}>
        {summary.slice(0, summaryRows).map((line, i) => (
          <Line key={i} width={width} text={line} color={selected?.error ? theme.bad : undefined} />
        ))}
      </Box>
    </Box>
  );
}
