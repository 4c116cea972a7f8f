import { Box, Text } from 'ink';
import React from 'react';
import { useTheme } from '../theme.js';
import { Line, wrapText } from './common.js';

/** `t` in coached mode: the architecture's glossary plus the scenario's own terms. */
export function GlossaryView(props: {
  entries: Array<{ term: string; definition: string }>;
  scroll: number;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const rows: Array<{ text: string; isTerm: boolean }> = [];
  for (const entry of props.entries) {
    rows.push({ text: entry.term, isTerm: true });
    for (const line of wrapText(entry.definition, Math.max(4, props.width - 4)))
      rows.push({ text: `    ${line}`, isTerm: false });
  }
  const body = props.height - 1;
  const scroll = Math.min(props.scroll, Math.max(0, rows.length - body));
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color={theme.accent}>
        {`Glossary: ${props.entries.length} terms (↑↓ PgUp PgDn scroll, Esc or t closes)`}
      </Text>
      {rows.slice(scroll, scroll + body).map((r, i) => (
        <Line
          key={i}
          width={props.width}
          text={r.text}
          bold={r.isTerm}
          color={r.isTerm ? theme.accent : undefined}
        />
      ))}
    </Box>
  );
}
