import {
  closeGaps,
  type CloseGap,
  type CompiledScenario,
  type DrillResult,
} from '../engine/index.js';
import { formatElapsed, type Rubric, type TechnicalActionKind } from '../model/index.js';
import type { DraftFinding } from './draft.js';
import type { DrillFacts } from './facts.js';
import { ref } from './facts.js';

type RecoveryRubric = NonNullable<Rubric['dimensions']['recovery']>;

/** What each gap says, and what to do about it next time. */
const GAP_TEXT: Record<CloseGap['kind'], (g: CloseGap) => [text: string, fix: string]> = {
  'not-restored': (g) => [
    `${g.component} was never restored or rebuilt clean`,
    `Rebuild ${g.component} or restore it from a backup point older than the compromise.`,
  ],
  isolated: (g) => [
    `${g.component} was still isolated`,
    `Reconnect ${g.component} once it is clean, patched and watched.`,
  ],
  'not-monitored': (g) => [
    `nobody looked at ${g.component} after it was restored`,
    `Check ${g.component} (console, SIEM) after the restore before closing.`,
  ],
  'root-cause-open': (g) => [
    `${g.id} was still open on ${g.component}`,
    `Patch ${g.component}: it shares the hole the attacker used.`,
  ],
  'artefact-left': (g) => [
    `the attacker's ${g.id} was still on ${g.component}`,
    `Remove the ${g.id} (or wipe ${g.component}): it is the attacker's way back.`,
  ],
  'secret-unrotated': (g) => [
    `the exposed secret ${g.id} was never rotated`,
    `Rotate ${g.id}: the attacker read it and it still works.`,
  ],
  'unexamined-sibling': (g) => [
    `${g.component} shares ${g.id} and was never examined`,
    `Look at every host that shares the vulnerability (${g.component}): scope before you close.`,
  ],
};

/** The kinds of action that close each gap on its component (none listed: always closable, by a look). */
const CLOSED_BY: Partial<Record<CloseGap['kind'], TechnicalActionKind[]>> = {
  'not-restored': ['restore-backup', 'rebuild-host'],
  isolated: ['reconnect-host'],
  'root-cause-open': ['patch'],
  'artefact-left': ['remove-artefact', 'restore-backup', 'rebuild-host'],
  'secret-unrotated': ['rotate-secret'],
};

function closable(compiled: CompiledScenario, gap: CloseGap): boolean {
  const kinds = CLOSED_BY[gap.kind];
  if (!kinds) return true;
  return [...compiled.actions.values()].some(
    (a) =>
      kinds.includes(a.kind) &&
      (a.targets.length === 0 || gap.component === undefined || a.targets.includes(gap.component)),
  );
}

/**
 * Eradicate and recover (decision 0960): the engine records the gaps when the close step
 * completes (`incident.closed`); each costs `gap_penalty`. Without a close, the gaps at the end
 * of the drill count. Not evaluated when the attacker compromised nothing.
 */
export function recoveryDimension(
  facts: DrillFacts,
  result: DrillResult,
  rubric: RecoveryRubric,
): DraftFinding[] {
  if (facts.compromised.length === 0)
    return [
      {
        code: 'recovery.not-evaluated',
        delta: 0,
        text: 'no host was compromised: nothing to eradicate or recover (not evaluated)',
        events: [],
      },
    ];
  const index = result.trace.findIndex((e) => e.type === 'incident.closed');
  const closed = index >= 0 ? result.trace[index] : undefined;
  const gaps =
    closed?.type === 'incident.closed' ? closed.gaps : closeGaps(facts.compiled, result.context);
  const events = closed ? [ref(result.trace, index)] : [];
  const findings: DraftFinding[] = [
    closed
      ? {
          code: gaps.length ? 'recovery.closed-with-gaps' : 'recovery.closed-clean',
          delta: 1,
          text: gaps.length
            ? `incident closed at ${formatElapsed(closed.t)} with ${gaps.length} gap(s)`
            : `incident closed at ${formatElapsed(closed.t)}: restored, reconnected, watched, root cause fixed, nothing left behind`,
          t: closed.t,
          events,
        }
      : {
          code: 'recovery.not-closed',
          delta: 1,
          text: 'the incident was never closed: the gaps at the end of the drill count',
          events: [],
        },
  ];
  for (const gap of gaps) {
    const [text, recommendation] = GAP_TEXT[gap.kind](gap);
    // Only what the drill let the team do counts: a host nobody could restore is not their gap.
    if (!closable(facts.compiled, gap)) {
      findings.push({
        code: `recovery.${gap.kind}.no-action`,
        delta: 0,
        text: `${text} (the drill offers no action for it)`,
        events,
      });
      continue;
    }
    findings.push({
      code: `recovery.${gap.kind}`,
      delta: -rubric.gap_penalty,
      text,
      ...(closed ? { t: closed.t } : {}),
      events,
      recommendation,
    });
  }
  return findings;
}
