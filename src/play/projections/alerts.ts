import { renderInject } from '../../engine/index.js';
import type { AlertSeverity, SimMs } from '../../model/index.js';
import { injectEvidenceLines } from '../../telemetry/index.js';
import { clean } from '../text.js';
import { injectDiscussion, type InjectDiscussion } from './decisions.js';
import type { Acknowledged, DrillView } from './drillView.js';

export interface AlertRow {
  id: string;
  t: SimMs;
  kind: string;
  severity: AlertSeverity;
  title: string;
  /** Component that raised it, or the contact who called/wrote. */
  from: string;
  about: string[];
  isAcknowledged: boolean;
}

/** Everything that has reached the trainee's inbox (every fired inject), newest first. */
export function projectAlerts(drill: DrillView, acknowledged: Acknowledged): AlertRow[] {
  const rows: AlertRow[] = [];
  for (const fired of drill.context.fired) {
    const inject = drill.compiled.injects.get(fired.id);
    if (!inject) continue;
    const from = inject.source ?? inject.from ?? '';
    rows.push({
      id: inject.id,
      t: fired.at,
      kind: inject.type,
      severity: inject.severity,
      title: clean(inject.title),
      from: clean(
        inject.from
          ? (drill.compiled.architecture.contacts.find((c) => c.id === inject.from)?.name ?? from)
          : from,
      ),
      about: inject.about,
      isAcknowledged: acknowledged.has(inject.id),
    });
  }
  // Stable: same-time injects keep firing order, newest first overall.
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => b.row.t - a.row.t || b.i - a.i)
    .map((x) => x.row);
}

export interface AlertDetail extends AlertRow {
  body: string;
  lines: string[];
  /** The inject's discussion questions and decision point, if it has any. */
  discussion?: InjectDiscussion;
}

/** An opened alert: its rendered body and evidence lines, placeholders filled. */
export function projectAlertDetail(
  drill: DrillView,
  id: string,
  acknowledged: Acknowledged,
): AlertDetail | undefined {
  const row = projectAlerts(drill, acknowledged).find((r) => r.id === id);
  const inject = drill.compiled.injects.get(id);
  if (!row || !inject) return undefined;
  const rendered = renderInject(inject, drill.compiled.scenario, drill.context, row.t);
  // Evidence references show the very lines the log files hold (one truth); `lines:` is the
  // deprecated free-text form.
  const evidence = injectEvidenceLines(drill.compiled, drill, inject, row.t).map((l) => l.text);
  const discussion = injectDiscussion(drill, id);
  return {
    ...row,
    body: clean(rendered.body),
    lines: [...evidence, ...rendered.lines].map(clean),
    ...(discussion ? { discussion } : {}),
  };
}
