import type { IndicatorKind } from '../model/index.js';
import type { SearchDoc } from '../investigation/index.js';
import type { LogFilter } from './logView.js';
import type { DecideForm } from './workshop/facilitatorForms.js';
import type { ClockMode, Speed } from '../play/simClock.js';

export type Screen = 'picker' | 'briefing' | 'dashboard' | 'debrief';
export type Focus = 'map' | 'alerts' | 'work';
export const FOCUS_ORDER: Focus[] = ['map', 'alerts', 'work'];
export type WorkTab =
  'logs' | 'plan' | 'escalate' | 'actions' | 'notes' | 'search' | 'console' | 'notebook';
export const WORK_TABS: Array<{ tab: WorkTab; key: string; title: string }> = [
  { tab: 'logs', key: '1', title: 'Logs' },
  { tab: 'plan', key: '2', title: 'Plan' },
  { tab: 'escalate', key: '3', title: 'Escalate' },
  { tab: 'actions', key: '4', title: 'Actions' },
  { tab: 'notes', key: '5', title: 'Notes' },
  { tab: 'search', key: '6', title: 'Search' },
  { tab: 'console', key: '7', title: 'Console' },
  { tab: 'notebook', key: '8', title: 'Notebook' },
];

/** The tabs of a discussion-only (executive) drill: no logs, technical actions or investigation. */
export const DISCUSSION_TABS: readonly WorkTab[] = ['plan', 'escalate', 'notes'];

/** The work tabs a drill offers. */
export function workTabs(isDiscussionOnly: boolean): typeof WORK_TABS {
  return isDiscussionOnly ? WORK_TABS.filter((t) => DISCUSSION_TABS.includes(t.tab)) : WORK_TABS;
}

export interface ChoiceOption {
  value: string | undefined;
  label: string;
}

/** The indicator an aimed action takes (an address to block, an account to reset). */
export interface AimModal {
  kind: 'input';
  purpose: 'aim';
  text: string;
  title: string;
  request: { do: string; target?: string };
  indicator: IndicatorKind;
  required: boolean;
}

export type Modal =
  | { kind: 'help'; scroll: number }
  | {
      kind: 'confirm';
      purpose: 'quit' | 'end';
      /** The clock was running when the question opened: it resumes when it closes. */
      resumeClock?: boolean;
    }
  | { kind: 'alert'; id: string }
  | {
      kind: 'choose';
      purpose: 'log-component' | 'log-source' | 'severity';
      title: string;
      options: ChoiceOption[];
      index: number;
    }
  | {
      /** A notebook entry more than one action is aimed at: which one (each opens its aim). */
      kind: 'choose';
      purpose: 'act-on';
      title: string;
      options: ChoiceOption[];
      index: number;
      aims: AimModal[];
    }
  | { kind: 'input'; purpose: 'note' | 'search' | 'query' | 'shell' | 'mark'; text: string }
  | {
      /** One log line opened whole (from the search results or the log stream). */
      kind: 'detail';
      line: SearchDoc;
      fieldIndex: number;
    }
  | AimModal
  | { kind: 'glossary'; scroll: number }
  /** Recording the team's decision at a decision point (keys go to the form). */
  | { kind: 'decide'; form: DecideForm };

/** Everything the UI remembers that is not the drill: selection, focus, scroll, open dialogs. */
export interface UiState {
  screen: Screen;
  pickerIndex: number;
  mode: ClockMode;
  speed: Speed;
  focus: Focus;
  tab: WorkTab;
  selected?: string;
  alertIndex: number;
  planIndex: number;
  contactIndex: number;
  channelIndex: number;
  actionIndex: number;
  /** The selected indicator of the notebook (first marked first). */
  notebookIndex: number;
  log: {
    filter: LogFilter;
    offset: number;
    follow: boolean;
    /** Long lines wrap instead of being cut; `scrollX` columns are skipped when they do not. */
    wrap?: boolean;
    scrollX?: number;
  };
  /** The selected row of the search results. */
  search: { index: number };
  debriefScroll: number;
  /** The drill's end has been seen (the debrief opened once by itself). */
  sawEnd: boolean;
  modal?: Modal;
  /** One line of feedback (a rejected action, a saved note). */
  message?: string;
  /** The drill's simulated time when `message` was set: the header drops it once it is stale. */
  messageAt?: number;
  /** Incident-101 coached mode: the coach panel, hints on request, the glossary. */
  isCoached: boolean;
  /** The drill's `actionSeq` when the trainee asked for hints (they hide after the next action). */
  hintsAskedAt?: number;
}

export function initialUi(options: {
  screen: Screen;
  pickerIndex?: number;
  mode?: ClockMode;
  speed?: Speed;
  isCoached?: boolean;
}): UiState {
  return {
    screen: options.screen,
    pickerIndex: options.pickerIndex ?? 0,
    mode: options.mode ?? 'realtime',
    speed: options.speed ?? 10,
    focus: 'map',
    tab: 'logs',
    alertIndex: 0,
    planIndex: 0,
    contactIndex: 0,
    channelIndex: 0,
    actionIndex: 0,
    notebookIndex: 0,
    log: { filter: {}, offset: 0, follow: true },
    search: { index: 0 },
    debriefScroll: 0,
    sawEnd: false,
    isCoached: options.isCoached ?? false,
  };
}

/** How long (simulated) the header keeps a feedback line such as "started: ...". */
export const MESSAGE_TTL = 5 * 60_000;

/** The feedback line while it is fresh: "started: Isolate host" is not news an hour later. */
export function freshMessage(ui: UiState, now: number): string | undefined {
  if (ui.message === undefined) return undefined;
  return ui.messageAt === undefined || now - ui.messageAt < MESSAGE_TTL ? ui.message : undefined;
}

/** Stamps the feedback line of a key's new state with the drill's time (the key made it news). */
export function stampMessage(before: UiState, after: UiState, now: number | undefined): UiState {
  if (after === before || after.message === undefined || now === undefined) return after;
  return { ...after, messageAt: now };
}
