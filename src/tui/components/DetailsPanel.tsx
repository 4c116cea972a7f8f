import React from 'react';
import type { ComponentDetails } from '../../play/projections/map.js';
import { useTheme } from '../theme.js';
import { Line, Panel, wrapText } from './common.js';

/** The selected component: what the notes say about it, its statuses and latest log lines. */
export function DetailsPanel(props: {
  details: ComponentDetails | undefined;
  width: number;
  height: number;
  /** A discussion-only drill shows no log lines (it has no technical play). */
  showsLogs?: boolean;
}): React.ReactElement {
  const theme = useTheme();
  const d = props.details;
  const showsLogs = props.showsLogs ?? true;
  const w = props.width;
  const rows: Array<{ text: string; color?: string | undefined; dim?: boolean }> = [];
  if (d) {
    rows.push({
      text: `${d.statuses.join(', ')} | ${d.layer}`,
      color: theme.status(d.statuses[0] ?? 'normal'),
    });
    for (const line of wrapText(d.purpose, w)) rows.push({ text: line });
    rows.push({ text: `${d.kind}, ${d.os}; ${d.stack.join(', ')}`, dim: true });
    if (d.data.length) rows.push({ text: `data: ${d.data.join(', ')}` });
    if (d.reaches.length) rows.push({ text: `reaches: ${d.reaches.join(', ')}`, dim: true });
    for (const v of d.vulnerabilities) rows.push({ text: `vuln: ${v}`, color: theme.warn });
    for (const b of d.baselines) rows.push({ text: `baseline: ${b}`, dim: true });
    if (showsLogs) {
      rows.push({
        text: d.latestLines.length ? 'latest log lines:' : 'no log lines yet',
        dim: true,
      });
      for (const l of d.latestLines) rows.push({ text: `  ${l}` });
    }
  }
  // Keep the latest log lines visible: drop description rows first when space is short.
  const room = props.height - 1;
  let shown = rows;
  if (rows.length > room && d && showsLogs) {
    const logRows = Math.min(d.latestLines.length + 1, Math.max(0, room - 2));
    const head = rows.slice(0, rows.length - (d.latestLines.length + 1)).slice(0, room - logRows);
    shown = [...head, ...rows.slice(rows.length - logRows)];
  }
  return (
    <Panel
      title={d ? `${d.id}: ${d.name}` : 'No component'}

      width={w}
      height={props.height}
    >
      {shown.slice(0, room).map((row, i) => (
        <Line key={i} width={w} text={row.text} color={row.color} dim={row.dim === true} />
      ))}
    </Panel>
  );
}
