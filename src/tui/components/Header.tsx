import { Box, Text } from 'ink';
import React from 'react';
import type { HeaderView } from '../../play/projections/header.js';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';

/** Two rows: the drill and its clock, then status and the last message. */
export function Header(props: {
  view: HeaderView;
  width: number;
  message?: string | undefined;
}): React.ReactElement {
  const theme = useTheme();
  const v = props.view;
  const right = `${v.elapsed}  ${v.wallTime}  ${v.clock}`;
  const title = fit(v.scenario, Math.max(4, props.width - right.length - 6));
  const status = `severity ${v.severity} | revenue lost ${v.revenueLost} | in progress ${v.inProgress}`;
  return (
    <Box flexDirection="column" width={props.width} height={2}>
      <Box width={props.width}>
        <Text bold wrap="truncate-end">
          {`ttx: ${title}`}
        </Text>
        <Box flexGrow={1} />
        <Text
          bold
          color={v.clock.startsWith('PAUSED') ? theme.warn : theme.accent}
          wrap="truncate-end"
        >
          {right}
        </Text>
      </Box>
      <Text
        wrap="truncate-end"
        color={props.message ? theme.warn : theme.severity(v.severity.split(' ')[0] ?? '')}
      >
        {fit(props.message ? `${status} | ${props.message}` : status, props.width)}
      </Text>
    </Box>
  );
}
