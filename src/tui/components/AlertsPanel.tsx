import { formatElapsed } from '../../model/index.js';
import React from 'react';
import type { AlertRow } from '../../play/projections/alerts.js';
import { useTheme } from '../theme.js';
import { Line, Panel, windowStart } from './common.js';

/** Every inject that reached the trainee, newest first; `*` marks the unacknowledged. */
export function AlertsPanel(props: {
  alerts: AlertRow[];
  index: number;
  width: number;
  height: number;
  isFocused: boolean;
}): React.ReactElement {
  const theme = useTheme();
  const rows = props.height - 1;
  const index = Math.min(props.index, Math.max(0, props.alerts.length - 1));
  const start = windowStart(index, props.alerts.length, rows);
  const unacked = props.alerts.filter((a) => !a.isAcknowledged).length;
  return (
    <Panel
      title="Alerts and messages"
      right={`${unacked} new / ${props.alerts.length}`}
      width={props.width}
      height={props.height}
      isFocused={props.isFocused}
    >
      {props.alerts.length === 0 ? <Line width={props.width} text="  nothing yet" dim /> : null}
      {props.alerts.slice(start, start + rows).map((a, i) => (
        <Line
          key={a.id}
          width={props.width}
          isSelected={props.isFocused && start + i === index}
          bold={!a.isAcknowledged}
          color={theme.severity(a.severity)}
          text={`${a.isAcknowledged ? ' ' : '*'}${formatElapsed(a.t).slice(2)} ${a.severity.padEnd(8)} ${a.kind.padEnd(5)} ${a.from ? `${a.from}: ` : ''}${a.title}`}
        />
      ))}
    </Panel>
  );
}
