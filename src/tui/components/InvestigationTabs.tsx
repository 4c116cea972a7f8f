import React from 'react';
import { wallTime } from '../../engine/index.js';
import { formatElapsed } from '../../model/index.js';
import { keyFields, sparkline } from '../../investigation/index.js';
import { projectNotebook } from '../../play/projections/notebook.js';
import type { DrillSession } from '../../play/session.js';
import { clockOf } from '../../play/text.js';
import { useTheme } from '../theme.js';
import type { UiState } from '../uiState.js';
import { Line, windowStart } from './common.js';

interface TabProps {
  session: DrillSession;
  ui: UiState;
  width: number;
  rows: number;
  isFocused: boolean;
}

/** The SIEM search: the query, a histogram of the matches, the results table, recent queries. */
export function SearchTab({ session, ui, width, rows, isFocused }: TabProps): React.ReactElement {
  const theme = useTheme();
  const result = session.lastSearch;
  const scenario = session.drill.compiled.scenario;
  if (!result)
    return (
      <>
        <Line
          width={width}
          dim
          text="/ type a query (Lucene/KQL: source.ip:203.0.113.7 AND status:>=500)"
        />
        <Line
          width={width}
          dim
          text="  Enter on a result opens the whole line; + / - pivot on a field; M marks it"
        />
        {session.recentQueries.length ? (
          <Line width={width} dim text={`recent: ${session.recentQueries.join(' | ')}`} />
        ) : null}
      </>
    );
  const listRows = Math.max(1, rows - 3);
  const index = Math.min(ui.search.index, Math.max(0, result.hits.length - 1));
  const start = windowStart(index, result.hits.length, listRows);
  return (
    <>
      <Line
        width={width}
        text={`query: ${result.query}  (${result.total} matches to ${formatElapsed(result.at)}; / edit)`}
        color={theme.accent}
      />
      <Line
        width={width}
        dim
        text={`|${sparkline(result.histogram)}| T+0..now   recent: ${session.recentQueries.slice(1).join(' | ') || '-'}`}
      />
      {result.hits.length === 0 ? <Line width={width} dim text="  nothing matches" /> : null}
      {result.hits.slice(start, start + listRows).map((h, i) => (
        <Line
          key={`${start + i}`}
          width={width}
          isSelected={isFocused && start + i === index}
          text={`${clockOf(wallTime(scenario, h.t))} ${h.component.padEnd(7)} ${h.source.slice(0, 12).padEnd(12)} ${keyFields(h, 4, 40).join(' ') || h.text}`}
        />
      ))}
    </>
  );
}

/** A host console: the transcript of the commands run on the selected host. */
export function ConsoleTab({ session, ui, width, rows }: TabProps): React.ReactElement {
  const host = ui.selected;
  const transcript = host ? session.consoleTranscript(host) : [];
  const lines = transcript.flatMap((t) => [
    `[root@${host?.toLowerCase()} ~]# ${t.command}`,
    ...t.lines,
  ]);
  const shown = lines.slice(-Math.max(1, rows - 1));
  return (
    <>
      <Line
        width={width}
        dim
        text={`console on ${host ?? 'nothing selected (choose a host in the map)'}: Enter or / types a command (help lists them); M marks a value`}
      />
      {shown.map((l, i) => (
        <Line key={i} width={width} text={l} />
      ))}
    </>
  );
}

/** The notebook: the indicators marked so far, with their kinds and when; Enter acts on one. */
export function NotebookTab({ session, ui, width, rows, isFocused }: TabProps): React.ReactElement {
  const entries = projectNotebook(session.drill);
  const listRows = Math.max(1, rows - 1);
  const index = Math.min(ui.notebookIndex, Math.max(0, entries.length - 1));
  const start = windowStart(index, entries.length, listRows);
  return (
    <>
      <Line
        width={width}
        dim
        text="M marks a value (address, account, host, path, domain, hash); Enter acts on the selected one"
      />
      {entries.length === 0 ? <Line width={width} dim text="  nothing marked yet" /> : null}
      {entries.slice(start, start + listRows).map((e, i) => (
        <Line
          key={e.value}
          width={width}
          isSelected={isFocused && start + i === index}
          text={`${formatElapsed(e.at).slice(2)} ${e.indicator.padEnd(8)} ${(e.on ?? '').padEnd(8)} ${e.value}`}
        />
      ))}
    </>
  );
}
