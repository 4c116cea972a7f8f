import { Box, Text } from 'ink';
import { drillCodeFor } from '../../export/index.js';
import React from 'react';
import type { Architecture, Scenario } from '../../model/index.js';
import type { ClockMode, Speed } from '../../play/simClock.js';
import { clean, shortDuration } from '../../play/text.js';
import { useTheme } from '../theme.js';
import { Line, wrapText } from './common.js';

/** The drill code other teams type to play this exact drill (`ttx play --code ...`). */
const codeText = (scenarioId: string, seed: string) => {
  const code = drillCodeFor(scenarioId, seed);
  return code ? `   Drill code: ${code}` : '';
};

/** Situation, role, objectives and the architecture at a glance, before the clock starts. */
export function BriefingScreen(props: {
  scenario: Scenario;
  architecture: Architecture;
  mode: ClockMode;
  speed: Speed;
  seed: string;
  width: number;
  height: number;
  /** Coached mode: the footer says how to reach the coach. */
  isCoached?: boolean;
}): React.ReactElement {
  const theme = useTheme();
  const { scenario, architecture, width } = props;
  const rows: Array<{ text: string; bold?: boolean; color?: string | undefined }> = [];
  const para = (title: string, text: string) => {
    rows.push({ text: title, bold: true, color: theme.accent });
    for (const line of wrapText(clean(text), width - 2)) rows.push({ text: `  ${line}` });
  };
  para('Situation', scenario.briefing.situation);
  para('Your role', scenario.briefing.role);
  rows.push({ text: 'Objectives', bold: true, color: theme.accent });
  for (const o of scenario.objectives) {
    const [first = '', ...rest] = wrapText(clean(o.description), width - 4);
    rows.push({ text: `- ${first}` });
    for (const line of rest) rows.push({ text: `  ${line}` });
  }
  rows.push({
    text: `Architecture: ${clean(architecture.title)}`,
    bold: true,
    color: theme.accent,
  });
  for (const layer of architecture.layers) {
    const ids = architecture.components.filter((c) => c.layer === layer.id).map((c) => c.id);
    if (ids.length)
      rows.push({ text: `  ${clean(layer.title).padEnd(32).slice(0, 32)} ${ids.join(' ')}` });
  }
  rows.push({
    text: `Business: ${architecture.business.revenue_per_hour} ${architecture.business.currency}/hour. Plan: ${architecture.emergency_plan.length} steps. Contacts: ${architecture.contacts.length}.`,
  });
  const clock =
    props.mode === 'realtime'
      ? `realtime at ${props.speed}x (p pauses; s changes speed)`
      : 'turn-based (time moves only by your actions, n = next event, w = wait 5m)';
  const footer = [
    ...(props.isCoached
      ? ['Coached: the coach panel explains each action; h shows hints, t the glossary.']
      : []),
    `Clock: ${clock}   Seed: ${props.seed}${codeText(scenario.id, props.seed)}   Starts ${scenario.start_time}, time limit ${shortDuration(scenario.end.time_limit)}`,
    'Press Enter to start the drill.',
  ];
  const bodyRows = Math.max(1, props.height - 1 - footer.length);
  return (
    <Box flexDirection="column" width={width} height={props.height}>
      <Text bold wrap="truncate-end">
        {`Briefing: ${clean(scenario.title)} (${scenario.difficulty}, about ${shortDuration(scenario.estimated_duration)})`}
      </Text>
      <Box flexDirection="column" height={bodyRows} overflow="hidden">
        {rows.slice(0, bodyRows).map((row, i) => (
          <Line key={i} width={width} text={row.text} bold={row.bold === true} color={row.color} />
        ))}
      </Box>
      {footer.map((line, i) => (
        <Line
          key={`f${i}`}
          width={width}
          text={line}
          bold={i === footer.length - 1}
          color={i === footer.length - 1 ? theme.good : undefined}
        />
      ))}
    </Box>
  );
}
