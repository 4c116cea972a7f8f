import { Box } from 'ink';
import React from 'react';
import type { Layout } from '../layout.js';
import { projectAlertDetail, projectAlerts } from '../../play/projections/alerts.js';
import { projectDetails, projectMap } from '../../play/projections/map.js';
import type { DrillSession } from '../../play/session.js';
import type { UiState } from '../uiState.js';
import { projectCoach, projectGlossary } from '../../play/projections/coach.js';
import { AlertsPanel } from './AlertsPanel.js';
import { CoachPanel, coachPanelHeight } from './CoachPanel.js';
import { GlossaryView } from './GlossaryView.js';
import { DetailsPanel } from './DetailsPanel.js';
import { MapPanel } from './MapPanel.js';
import { AlertView, ChooseView, DecideView, HelpView } from './Overlays.js';
import { openDecisions } from '../../play/projections/decisions.js';
import { WorkPanel } from './WorkPanel.js';
import { LineDetailView } from './LineDetail.js';

/**
 * The drill on one screen: map and details on the left, alerts and the work area on the right.
 * A facilitator view or a coach panel would be another column or a replacement of the left side,
 * fed by the same projections.
 */
export function DashboardScreen(props: {
  session: DrillSession;
  ui: UiState;
  layout: Layout;
}): React.ReactElement {
  const { session, ui, layout } = props;
  const drill = session.drill;
  const acks = session.acknowledged;
  const layers = projectMap(drill, acks);
  const selected = ui.selected ?? layers[0]?.components[0]?.id;
  const modal = ui.modal;
  if (modal?.kind === 'help')
    return <HelpView scroll={modal.scroll} width={layout.columns} height={layout.body} />;
  if (modal?.kind === 'alert')
    return (
      <AlertView
        alert={projectAlertDetail(drill, modal.id, acks)}
        width={layout.columns}
        height={layout.body}
      />
    );
  if (modal?.kind === 'detail')
    return (
      <LineDetailView session={session} modal={modal} width={layout.columns} height={layout.body} />
    );
  if (modal?.kind === 'decide')
    return (
      <DecideView
        form={modal.form}
        open={openDecisions(drill)}
        width={layout.columns}
        height={layout.body}
      />
    );
  if (modal?.kind === 'choose')
    return <ChooseView modal={modal} width={layout.columns} height={layout.body} />;
  if (modal?.kind === 'glossary')
    return (
      <GlossaryView
        entries={projectGlossary(drill)}
        scroll={modal.scroll}
        width={layout.columns}
        height={layout.body}
      />
    );
  // Coached mode: the coach panel sits between the alerts and the work panel.
  const coachRows = ui.isCoached ? coachPanelHeight(layout.work) : 0;
  const detailLogLines = Math.max(1, Math.min(6, layout.details - 8));
  return (
    <Box width={layout.columns} height={layout.body}>
      <Box flexDirection="column" width={layout.left} height={layout.body}>
        <MapPanel
          layers={layers}
          selected={selected}
          width={layout.left}
          height={layout.map}
          titleWidth={layout.layerTitle}
          isFocused={ui.focus === 'map'}
        />
        <DetailsPanel
          details={
            selected
              ? projectDetails(drill, selected, acks, session.logs, detailLogLines)
              : undefined
          }
          width={layout.left}
          height={layout.details}
          showsLogs={!session.isDiscussionOnly}
        />
      </Box>
      <Box width={1} />
      <Box flexDirection="column" width={layout.right} height={layout.body}>
        <AlertsPanel
          alerts={projectAlerts(drill, acks)}
          index={ui.alertIndex}
          width={layout.right}
          height={layout.alerts}
          isFocused={ui.focus === 'alerts'}
        />
        {ui.isCoached ? (
          <CoachPanel
            view={projectCoach(
              drill,
              ui.hintsAskedAt !== undefined ? { askedAtSeq: ui.hintsAskedAt } : {},
            )}
            width={layout.right}
            height={coachRows}
          />
        ) : null}
        <WorkPanel
          session={session}
          ui={{ ...ui, selected }}
          width={layout.right}
          height={layout.work - coachRows}
          isFocused={ui.focus === 'work'}
        />
      </Box>
    </Box>
  );
}
