import { Box, Text } from 'ink';
import React from 'react';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';
import { bigText } from './bigText.js';
import type { FacilitatorView } from '../../play/facilitator/facilitatorView.js';
import { FACILITATOR_BINDINGS } from './workshopKeys.js';
import { formPrompt, type FacilitatorForm } from './facilitatorForms.js';

/** A picker over manual injects or hints, or the observation being typed. */
export type FacilitatorPrompt =
  | { kind: 'manual' | 'hint'; index: number }
  | { kind: 'observe'; text: string }
  /** A projector trap closed: ending the drill or skipping an inject asks first (y/n). */
  | { kind: 'confirm'; question: string; confirm: 'end' | 'skip'; inject?: string }
  | FacilitatorForm;

const STATUS_LABEL: Record<FacilitatorView['status'], string> = {
  'not started': 'READY: space starts the drill',
  running: 'RUNNING',
  paused: 'PAUSED',
  ended: 'ENDED',
};

function Section(props: { title: string; children: React.ReactNode; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={props.width} marginBottom={1}>
      <Text bold inverse color={theme.accent}>
        {fit(` ${props.title} `, props.width)}
      </Text>
      {props.children}
    </Box>
  );
}

/**
 * The projector layout: a big clock, the drill code and the team on the left; upcoming injects,
 * recent events and observations on the right (stacked on narrow terminals). Bold, few columns.
 */
export function FacilitatorScreen(props: {
  view: FacilitatorView;
  selected: number;
  prompt?: FacilitatorPrompt | undefined;
  message?: string | undefined;
  width: number;
  height: number;
}): React.ReactElement {
  const theme = useTheme();
  const v = props.view;
  const isWide = props.width >= 110;
  const left = isWide ? Math.floor(props.width * 0.42) : props.width;
  const right = isWide ? props.width - left - 2 : props.width;
  const statusColour =
    v.status === 'running' ? theme.good : v.status === 'ended' ? theme.bad : theme.warn;
  const rowsFor = (n: number) => Math.max(1, n);
  const clockPanel = (
    <Box flexDirection="column" width={left}>
      <Text bold>{fit(v.title, left)}</Text>
      <Text bold color={theme.accent}>
        {fit(`DRILL CODE  ${v.code}`, left)}
      </Text>
      <Box flexDirection="column" marginY={1}>
        {bigText(`T+${v.clock.replace(/^T\+/, '')}`).map((line, i) => (
          <Text key={i} bold color={statusColour}>
            {fit(line, left)}
          </Text>
        ))}
      </Box>
      <Text bold inverse color={statusColour}>
        {fit(` ${STATUS_LABEL[v.status]}  speed ${v.speed} `, left)}
      </Text>
      <Text bold>{fit(`severity ${v.severity}${v.contained ? '  CONTAINED' : ''}`, left)}</Text>
      {v.team ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{fit(`TEAM ${v.team}`, left)}</Text>
          {v.members.slice(0, 6).map((m) => (
            <Text key={m}>{fit(`  ${m}`, left)}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
  const prompt = props.prompt;
  const list =
    prompt?.kind === 'manual'
      ? v.manual.map((m) => `${m.id}: ${m.title}`)
      : prompt?.kind === 'hint'
        ? v.hints.map((h) => h.text)
        : prompt?.kind === 'rate' && prompt.step === 'objective'
          ? v.objectives.map((o) => `${o.id}${o.rating ? ` [${o.rating}]` : ''}: ${o.description}`)
          : prompt?.kind === 'decide' && prompt.step === 'point'
            ? v.openDecisions.map((d) => d.question)
            : prompt?.kind === 'decide' && prompt.step === 'option'
              ? (v.openDecisions.find((d) => d.id === prompt.decision)?.options ?? []).map(
                  (o) => o.label,
                )
              : [];
  const listTitle =
    prompt?.kind === 'manual'
      ? 'FIRE A MANUAL INJECT (enter, esc)'
      : prompt?.kind === 'hint'
        ? 'REVEAL A HINT (enter, esc)'
        : prompt?.kind === 'rate'
          ? 'RATE AN OBJECTIVE (evaluator)'
          : prompt?.kind === 'decide' && prompt.step === 'option'
            ? (v.openDecisions.find((d) => d.id === prompt.decision)?.question ?? 'OPTION')
            : 'RECORD THE TEAM DECISION';
  const hasList =
    prompt !== undefined &&
    (prompt.kind === 'manual' ||
      prompt.kind === 'hint' ||
      (prompt.kind === 'rate' && prompt.step === 'objective') ||
      (prompt.kind === 'decide' && (prompt.step === 'point' || prompt.step === 'option')));
  const emptyText =
    prompt?.kind === 'manual'
      ? 'no manual injects left'
      : prompt?.kind === 'hint'
        ? 'no hints for this phase'
        : prompt?.kind === 'decide'
          ? 'no decision point has come up yet'
          : 'nothing to choose';
  const upcomingRows = rowsFor(Math.min(v.upcoming.length, isWide ? 8 : 4));
  const detailPanel = (
    <Box flexDirection="column" width={right}>
      {prompt && hasList && 'index' in prompt ? (
        <Section title={listTitle} width={right}>
          {list.length === 0 ? (
            <Text>{emptyText}</Text>
          ) : (
            list.map((line, i) => (
              // Hints are sentences meant for the room: wrapped, never cut.
              <Text key={i} bold={i === prompt.index} inverse={i === prompt.index} wrap="wrap">
                {`${i === prompt.index ? '▶ ' : '  '}${line}`}
              </Text>
            ))
          )}
        </Section>
      ) : null}
      <Section title="UPCOMING INJECTS (t trigger now, x skip)" width={right}>
        {v.upcoming.length === 0 ? <Text>none scheduled</Text> : null}
        {v.upcoming.slice(0, upcomingRows).map((u, i) => (
          <Text key={u.id} bold inverse={i === props.selected} wrap="truncate-end">
            {fit(`${i === props.selected ? '▶' : ' '} ${u.at}  ${u.title}`, right)}
          </Text>
        ))}
      </Section>
      <Section title="LATEST" width={right}>
        {v.recent.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {fit(line, right)}
          </Text>
        ))}
      </Section>
      {v.discussion.length > 0 ? (
        <Section title={`DISCUSSION: ${v.discussion[0]!.title}`} width={right}>
          {v.discussion[0]!.questions.map((q, i) => (
            <Text key={i} wrap="wrap">{`• ${q}`}</Text>
          ))}
        </Section>
      ) : null}
      {v.openDecisions.length > 0 || v.decisions.length > 0 ? (
        <Section title="DECISIONS (d records)" width={right}>
          {v.openDecisions.map((d) => (
            <Text key={d.id} bold wrap="truncate-end">
              {fit(`? ${d.question}`, right)}
            </Text>
          ))}
          {v.decisions.slice(-3).map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {fit(line, right)}
            </Text>
          ))}
        </Section>
      ) : null}
      <Section title="OBSERVATIONS (o)" width={right}>
        {v.observations.length === 0 ? <Text color={theme.muted}>none yet</Text> : null}
        {v.observations.slice(-3).map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {fit(line, right)}
          </Text>
        ))}
      </Section>
    </Box>
  );
  const keys = FACILITATOR_BINDINGS.filter((b) => b.label)
    .map((b) => b.label)
    .join('  ');
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Box flexDirection={isWide ? 'row' : 'column'} flexGrow={1} overflow="hidden">
        {clockPanel}
        {isWide ? <Box width={2} /> : null}
        {detailPanel}
      </Box>
      {prompt?.kind === 'rate' || prompt?.kind === 'decide' ? (
        <Text bold color={theme.accent} wrap="wrap">
          {formPrompt(prompt)}
        </Text>
      ) : prompt?.kind === 'confirm' ? (
        <Text bold inverse color={theme.warn} wrap="wrap">
          {` ${prompt.question}  y yes, n or esc no `}
        </Text>
      ) : prompt?.kind === 'observe' ? (
        <Text bold color={theme.accent} wrap="truncate-end">
          {fit(
            `Observation at T+${v.clock.replace(/^T\+/, '')}: ${prompt.text}█  (enter saves, esc cancels)`,
            props.width,
          )}
        </Text>
      ) : props.message ? (
        <Text bold color={theme.warn} wrap="wrap">
          {props.message}
        </Text>
      ) : null}
      {/* Every facilitator key stays visible: the bar wraps rather than cuts on narrower screens. */}
      <Text bold inverse wrap="wrap">
        {` FACILITATOR  ${keys} `}
      </Text>
    </Box>
  );
}
