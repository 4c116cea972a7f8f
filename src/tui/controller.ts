import type { Key } from 'ink';
import type { Command } from './keymap.js';
import { guessIndicatorKind, type IndicatorKind } from '../model/index.js';
import { indexLines } from '../investigation/index.js';
import { logFacets, visibleLogLines } from './logView.js';
import { projectAlerts } from '../play/projections/alerts.js';
import {
  NOTIFY_CHANNEL,
  projectEscalation,
  projectPlan,
  projectTechnicalActions,
} from '../play/projections/actions.js';
import { visibleSeverity } from '../play/projections/header.js';
import { moveInMap, projectMap } from '../play/projections/map.js';
import {
  latestIndicator,
  projectNotebook,
  type NotebookEntry,
} from '../play/projections/notebook.js';
import type { ScenarioEntry } from '../play/scenarioCatalog.js';
import type { DrillSession } from '../play/session.js';
import { openDecisions } from '../play/projections/decisions.js';
import { decideStep, type DecideForm } from './workshop/facilitatorForms.js';
import {
  DISCUSSION_TABS,
  FOCUS_ORDER,
  type AimModal,
  type Modal,
  type UiState,
  type WorkTab,
} from './uiState.js';

export interface ControllerDeps {
  catalog: readonly ScenarioEntry[];
  /**
   * The picker entry at `index`, validated now if it was only listed from its header (the TUI
   * validates the list after its first frame; choosing an entry must not wait for that).
   */
  ensure?: (index: number) => ScenarioEntry | undefined;
  session: DrillSession | undefined;
  /** Starts the drill of a picker entry (the shell owns the wall clock and the log source). */
  startSession: (entry: ScenarioEntry, ui: UiState) => DrillSession;
  exit: () => void;
  /** Rows of a scrollable list on screen now (for paging). */
  pageSize: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
const WAIT_MS = 5 * 60_000;

/**
 * Applies a command to the UI state. Drill changes go through the session (and from there the
 * engine); this module only decides which request a key means in the current selection.
 */
export function handleCommand(ui: UiState, command: Command, deps: ControllerDeps): UiState {
  const next = { ...ui, message: undefined } as UiState;
  if (ui.modal) return handleModal(next, ui.modal, command, deps);
  if (command === 'help') return { ...next, modal: { kind: 'help', scroll: 0 } };
  switch (ui.screen) {
    case 'picker':
      return picker(next, command, deps);
    case 'briefing':
      return briefing(next, command, deps);
    case 'dashboard':
      return deps.session ? dashboard(next, command, deps.session, deps) : next;
    case 'debrief':
      return debrief(next, command, deps);
  }
}

function picker(ui: UiState, command: Command, deps: ControllerDeps): UiState {
  const last = deps.catalog.length - 1;
  switch (command) {
    case 'up':
      return { ...ui, pickerIndex: clamp(ui.pickerIndex - 1, 0, last) };
    case 'down':
      return { ...ui, pickerIndex: clamp(ui.pickerIndex + 1, 0, last) };
    case 'select': {
      const entry = deps.ensure?.(ui.pickerIndex) ?? deps.catalog[ui.pickerIndex];
      if (!entry?.scenario)
        return { ...ui, message: 'this scenario has errors; run `ttx validate`' };
      // The coached entry is turn-based by default: a newcomer reads at their own pace.
      return entry.coached
        ? { ...ui, screen: 'briefing', isCoached: true, mode: 'turn-based' }
        : { ...ui, screen: 'briefing', isCoached: false };
    }
    case 'quit':
    case 'back':
      deps.exit();
      return ui;
    default:
      return ui;
  }
}

function briefing(ui: UiState, command: Command, deps: ControllerDeps): UiState {
  switch (command) {
    case 'select': {
      const entry = deps.ensure?.(ui.pickerIndex) ?? deps.catalog[ui.pickerIndex];
      if (!entry?.scenario) return ui;
      deps.startSession(entry, ui);
      return { ...ui, screen: 'dashboard', focus: 'map' };
    }
    case 'back':
      return { ...ui, screen: 'picker' };
    case 'speed':
      return { ...ui, speed: ui.speed === 1 ? 10 : ui.speed === 10 ? 60 : 1 };
    case 'mode':
      return { ...ui, mode: ui.mode === 'realtime' ? 'turn-based' : 'realtime' };
    case 'quit':
      deps.exit();
      return ui;
    default:
      return ui;
  }
}

function debrief(ui: UiState, command: Command, deps: ControllerDeps): UiState {
  switch (command) {
    case 'up':
      return { ...ui, debriefScroll: Math.max(0, ui.debriefScroll - 1) };
    case 'down':
      return { ...ui, debriefScroll: ui.debriefScroll + 1 };
    case 'page-up':
      return { ...ui, debriefScroll: Math.max(0, ui.debriefScroll - deps.pageSize) };
    case 'page-down':
      return { ...ui, debriefScroll: ui.debriefScroll + deps.pageSize };
    case 'top':
      return { ...ui, debriefScroll: 0 };
    case 'debrief-dashboard':
      return { ...ui, screen: 'dashboard' };
    case 'quit':
      deps.exit();
      return ui;
    default:
      return ui;
  }
}

function handleModal(ui: UiState, modal: Modal, command: Command, deps: ControllerDeps): UiState {
  const close = { ...ui, modal: undefined };
  switch (modal.kind) {
    case 'help':
      if (command === 'down') return { ...ui, modal: { ...modal, scroll: modal.scroll + 1 } };
      if (command === 'up')
        return { ...ui, modal: { ...modal, scroll: Math.max(0, modal.scroll - 1) } };
      return command === 'help' || command === 'back' || command === 'select' || command === 'quit'
        ? close
        : ui;
    case 'confirm':
      if (command === 'yes' || (command === 'quit' && modal.purpose === 'quit')) {
        if (modal.purpose === 'quit') {
          deps.exit();
          return close;
        }
        deps.session?.end();
        return close;
      }
      if (command === 'no' || command === 'quit') {
        // The clock stood still while the question was open.
        if (modal.resumeClock && deps.session?.clock.isPaused) deps.session.togglePause();
        return close;
      }
      return ui;
    case 'alert':
      if (command === 'decide' && deps.session && !deps.session.drill.isEnded)
        return openDecide(ui, deps.session, modal.id);
      if (command === 'acknowledge') {
        deps.session?.acknowledge(modal.id);
        return close;
      }
      return command === 'back' || command === 'select' || command === 'quit' ? close : ui;
    case 'choose': {
      const last = modal.options.length - 1;
      if (command === 'up')
        return { ...ui, modal: { ...modal, index: clamp(modal.index - 1, 0, last) } };
      if (command === 'down')
        return { ...ui, modal: { ...modal, index: clamp(modal.index + 1, 0, last) } };
      if (command === 'back' || command === 'quit') return close;
      if (command !== 'select') return ui;
      if (modal.purpose === 'act-on') {
        const aim = modal.aims[modal.index];
        return aim ? { ...ui, modal: aim } : close;
      }
      const value = modal.options[modal.index]?.value;
      if (modal.purpose === 'severity') {
        if (value === undefined) return close;
        const result = deps.session?.act({ do: 'declare-severity', severity: value });
        return {
          ...close,
          message: result && !result.ok ? result.reason : `declared severity ${value}`,
        };
      }
      const key = modal.purpose === 'log-component' ? 'component' : 'source';
      const filter = { ...ui.log.filter };
      if (value === undefined) delete filter[key];
      else filter[key] = value;
      return { ...close, log: { ...ui.log, filter, offset: 0 }, tab: 'logs', focus: 'work' };
    }
    case 'input':
    case 'decide':
      return ui; // typing is handled by handleTyping
    case 'detail':
      return lineDetail(ui, modal, command, deps);
    case 'glossary':
      if (command === 'down') return { ...ui, modal: { ...modal, scroll: modal.scroll + 1 } };
      if (command === 'up')
        return { ...ui, modal: { ...modal, scroll: Math.max(0, modal.scroll - 1) } };
      if (command === 'page-down')
        return { ...ui, modal: { ...modal, scroll: modal.scroll + deps.pageSize } };
      if (command === 'page-up')
        return { ...ui, modal: { ...modal, scroll: Math.max(0, modal.scroll - deps.pageSize) } };
      return command === 'glossary' ||
        command === 'back' ||
        command === 'select' ||
        command === 'quit'
        ? close
        : ui;
  }
}

/** The kind of indicator a parsed field holds. */
function indicatorOfField(key: string, value: string): IndicatorKind {
  if (key === 'src_ip' || key === 'dest_ip') return 'address';
  if (key === 'user' || key === 'run_as') return 'account';
  if (key === 'component') return 'host';
  return guessIndicatorKind(value);
}

/** `field:"value"` for a query, quoted so any value parses. */
function term(key: string, value: string): string {
  return `${key}:"${value.replace(/["\\]/g, '')}"`;
}

/** An opened line: choose a field, pivot the search on it, or mark it as an indicator. */
function lineDetail(
  ui: UiState,
  modal: Extract<Modal, { kind: 'detail' }>,
  command: Command,
  deps: ControllerDeps,
): UiState {
  const fields = Object.entries(modal.line.fields);
  const last = Math.max(0, fields.length - 1);
  if (command === 'up')
    return { ...ui, modal: { ...modal, fieldIndex: clamp(modal.fieldIndex - 1, 0, last) } };
  if (command === 'down')
    return { ...ui, modal: { ...modal, fieldIndex: clamp(modal.fieldIndex + 1, 0, last) } };
  if (command === 'back' || command === 'select' || command === 'quit' || command === 'help')
    return { ...ui, modal: undefined };
  const field = fields[clamp(modal.fieldIndex, 0, last)];
  const session = deps.session;
  if (!field || !session) return ui;
  const [key, raw] = field;
  const value = String(raw);
  if (command === 'mark') {
    // Where it was seen goes with it: the host an action on it (remove *this* file) is aimed at.
    const seenOn = session.drill.compiled.componentIds.includes(modal.line.component)
      ? { target: modal.line.component }
      : {};
    const result = session.act({
      do: 'mark',
      value,
      indicator: indicatorOfField(key, value),
      ...seenOn,
    });
    return { ...ui, message: result.ok ? `marked ${value}` : `not marked: ${result.reason}` };
  }
  if (command === 'pivot-add' || command === 'pivot-exclude') {
    const base = session.lastSearch?.query.trim();
    const pivot = command === 'pivot-add' ? term(key, value) : `NOT ${term(key, value)}`;
    const query = base ? `(${base}) AND ${pivot}` : pivot;
    const result = session.search(query);
    return {
      ...ui,
      modal: undefined,
      tab: 'search',
      focus: 'work',
      search: { index: 0 },
      message: result.ok ? `${result.result.total} matches` : result.reason,
    };
  }
  return ui;
}

/** Keys while a note or a search is being typed. */
export function handleTyping(ui: UiState, input: string, key: Key, deps: ControllerDeps): UiState {
  const modal = ui.modal;
  if (modal?.kind === 'decide') return decideTyping(ui, modal.form, input, key, deps);
  if (modal?.kind !== 'input') return ui;
  if (key.escape || (key.ctrl && input === 'c')) {
    if (modal.purpose === 'search') {
      const { search: _drop, ...filter } = ui.log.filter;
      return { ...ui, modal: undefined, log: { ...ui.log, filter } };
    }
    return { ...ui, modal: undefined };
  }
  if (key.return) {
    const text = modal.text.trim();
    if (modal.purpose === 'aim') {
      if (text === '' && modal.required) return ui;
      const request = text === '' ? modal.request : { ...modal.request, value: text };
      return acted(
        { ...ui, modal: undefined },
        deps.session?.act(request) ?? { ok: false, reason: 'no drill' },
        `started: ${modal.title}${text ? ` -> ${text}` : ''}${request.target ? ` on ${request.target}` : ''}`,
      );
    }
    if (modal.purpose === 'query') {
      if (text === '') return { ...ui, modal: undefined };
      const result = deps.session?.search(text);
      if (result && !result.ok) return { ...ui, message: result.reason }; // keep typing
      return {
        ...ui,
        modal: undefined,
        search: { index: 0 },
        message: result?.ok ? `${result.result.total} matches` : undefined,
      };
    }
    if (modal.purpose === 'shell') {
      if (text === '' || !ui.selected) return { ...ui, modal: undefined };
      const result = deps.session?.shell(ui.selected, text);
      return {
        ...ui,
        modal: undefined,
        message: result && !result.ok ? result.reason : undefined,
      };
    }
    if (modal.purpose === 'mark') {
      if (text === '') return { ...ui, modal: undefined };
      const result = deps.session?.act({
        do: 'mark',
        value: text,
        indicator: guessIndicatorKind(text),
        // Typed beside a host's console: it was seen on that host.
        ...(ui.tab === 'console' && ui.selected ? { target: ui.selected } : {}),
      });
      return {
        ...ui,
        modal: undefined,
        message:
          result && !result.ok ? result.reason : `marked ${text} (${guessIndicatorKind(text)})`,
      };
    }
    if (modal.purpose === 'note') {
      if (text === '') return { ...ui, modal: undefined };
      const result = deps.session?.act({ do: 'note', text });
      return {
        ...ui,
        modal: undefined,
        message: result && !result.ok ? result.reason : 'note saved',
      };
    }
    const filter = { ...ui.log.filter };
    if (text === '') delete filter.search;
    else filter.search = text;
    return { ...ui, modal: undefined, log: { ...ui.log, filter, offset: 0 } };
  }
  if (key.backspace || key.delete)
    return { ...ui, modal: { ...modal, text: modal.text.slice(0, -1) } };
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return ui;
  // Printable text only (pasted text arrives as one chunk); control characters never get in.
  // eslint-disable-next-line no-control-regex
  const printable = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if (printable === '') return ui;
  return { ...ui, modal: { ...modal, text: (modal.text + printable).slice(0, 500) } };
}

/** Stops a running clock while a question is on screen (nothing happens behind it). */
function holdClock(session: DrillSession): { resumeClock?: boolean } {
  if (session.clock.mode !== 'realtime' || session.clock.isPaused) return {};
  session.togglePause();
  return { resumeClock: true };
}

const DISCUSSION_ONLY = 'a discussion-only drill: no logs, technical actions or investigation';

/**
 * Opens the decision form: on the decision point of the inject `injectId` when it has an open one,
 * straight on the only open point, or on the list of the open points.
 */
function openDecide(ui: UiState, session: DrillSession, injectId?: string): UiState {
  const open = openDecisions(session.drill);
  const ofInject = injectId
    ? session.drill.compiled.scenario.injects.find((i) => i.id === injectId)?.decision?.id
    : undefined;
  const point = open.find((d) => d.id === ofInject) ?? (open.length === 1 ? open[0] : undefined);
  if (open.length === 0) return { ...ui, message: 'no decision point has come up yet' };
  const form: DecideForm = point
    ? {
        kind: 'decide',
        step: 'option',
        index: 0,
        decision: point.id,
        owner: '',
        rationale: '',
        text: '',
      }
    : { kind: 'decide', step: 'point', index: 0, owner: '', rationale: '', text: '' };
  return { ...ui, modal: { kind: 'decide', form } };
}

/** A key in the decision form; the completed form is the team's `decide` action. */
function decideTyping(
  ui: UiState,
  form: DecideForm,
  input: string,
  key: Key,
  deps: ControllerDeps,
): UiState {
  const session = deps.session;
  if (!session) return { ...ui, modal: undefined };
  const step = decideStep(form, input, key, openDecisions(session.drill));
  if (step.form) return { ...ui, modal: { kind: 'decide', form: step.form } };
  if (!step.request) return { ...ui, modal: undefined, message: step.message };
  const result = session.act(step.request);
  return { ...ui, modal: undefined, message: result.ok ? step.message : result.reason };
}

function openTab(ui: UiState, tab: WorkTab, session: DrillSession): UiState {
  if (session.isDiscussionOnly && !DISCUSSION_TABS.includes(tab))
    return { ...ui, message: DISCUSSION_ONLY };
  if (tab === 'search') session.prepareSearch();
  return { ...ui, tab, focus: 'work' };
}

function dashboard(
  current: UiState,
  command: Command,
  session: DrillSession,
  deps: ControllerDeps,
): UiState {
  // A discussion-only drill has no log tab: its work panel is on the plan (as WorkPanel shows it).
  const ui =
    session.isDiscussionOnly && !DISCUSSION_TABS.includes(current.tab)
      ? { ...current, tab: 'plan' as const }
      : current;
  const drill = session.drill;
  const acks = session.acknowledged;
  const layers = projectMap(drill, acks);
  const selected = ui.selected ?? layers[0]?.components[0]?.id;
  const alerts = projectAlerts(drill, acks);
  const page = Math.max(1, deps.pageSize);
  const isEnded = drill.isEnded;

  switch (command) {
    case 'quit':
      if (isEnded) {
        deps.exit();
        return ui;
      }
      return { ...ui, modal: { kind: 'confirm', purpose: 'quit', ...holdClock(session) } };
    case 'debrief-dashboard':
      return isEnded ? { ...ui, screen: 'debrief' } : ui;
    case 'end-drill':
      return isEnded
        ? ui
        : { ...ui, modal: { kind: 'confirm', purpose: 'end', ...holdClock(session) } };
    case 'focus-next':
    case 'focus-prev': {
      const i = FOCUS_ORDER.indexOf(ui.focus);
      const step = command === 'focus-next' ? 1 : FOCUS_ORDER.length - 1;
      return { ...ui, focus: FOCUS_ORDER[(i + step) % FOCUS_ORDER.length]! };
    }
    case 'pause':
      session.togglePause();
      return ui;
    case 'speed':
      session.cycleSpeed();
      return { ...ui, speed: session.clock.speed };
    case 'mode':
      session.toggleMode();
      return { ...ui, mode: session.clock.mode };
    case 'next-event':
      return session.advanceToNext() ? ui : { ...ui, message: 'nothing more is scheduled' };
    case 'wait':
      session.wait(WAIT_MS);
      return ui;
    case 'tab-logs':
      return openTab(ui, 'logs', session);
    case 'tab-plan':
      return openTab(ui, 'plan', session);
    case 'tab-escalate':
      return openTab(ui, 'escalate', session);
    case 'tab-actions':
      return openTab(ui, 'actions', session);
    case 'tab-notes':
      return openTab(ui, 'notes', session);
    case 'tab-search':
      return openTab(ui, 'search', session);
    case 'tab-console':
      return openTab(ui, 'console', session);
    case 'tab-notebook':
      return openTab(ui, 'notebook', session);
    case 'log-wrap':
      return { ...ui, log: { ...ui.log, wrap: !ui.log.wrap, scrollX: 0 } };
    case 'decide':
      return isEnded ? ui : openDecide(ui, session);
    case 'mark':
      if (session.isDiscussionOnly) return { ...ui, message: DISCUSSION_ONLY };
      return isEnded ? ui : { ...ui, modal: { kind: 'input', purpose: 'mark', text: '' } };
    case 'acknowledge': {
      const alert = alerts[clamp(ui.alertIndex, 0, alerts.length - 1)];
      if (!alert) return ui;
      session.acknowledge(alert.id);
      return { ...ui, message: `acknowledged: ${alert.title}` };
    }
    case 'log-component':
    case 'log-source': {
      if (session.isDiscussionOnly) return { ...ui, message: DISCUSSION_ONLY };
      const facets = logFacets(session.logs);
      const isComponent = command === 'log-component';
      const values = isComponent
        ? [...new Set([...(selected ? [selected] : []), ...facets.components])]
        : facets.sources;
      return {
        ...ui,
        modal: {
          kind: 'choose',
          purpose: isComponent ? 'log-component' : 'log-source',
          title: isComponent ? 'Show the logs of' : 'Show the log source',
          options: [
            { value: undefined, label: 'all' },
            ...values.map((v) => ({ value: v, label: v })),
          ],
          index: 0,
        },
      };
    }
    case 'log-search':
      if (session.isDiscussionOnly) return { ...ui, message: DISCUSSION_ONLY };
      if (ui.tab === 'search' && ui.focus === 'work')
        return {
          ...ui,
          modal: { kind: 'input', purpose: 'query', text: session.lastSearch?.query ?? '' },
        };
      if (ui.tab === 'console' && ui.focus === 'work')
        return { ...ui, modal: { kind: 'input', purpose: 'shell', text: '' } };
      return {
        ...ui,
        tab: 'logs',
        focus: 'work',
        modal: { kind: 'input', purpose: 'search', text: ui.log.filter.search ?? '' },
      };
    case 'log-follow':
      return {
        ...ui,
        log: { ...ui.log, follow: !ui.log.follow, offset: ui.log.follow ? ui.log.offset : 0 },
      };
    case 'note':
      return isEnded ? ui : { ...ui, modal: { kind: 'input', purpose: 'note', text: '' } };
    case 'coach-hint': {
      if (!drill.compiled.scenario.coach)
        return { ...ui, message: 'this scenario has no coach notes (coach: in its file)' };
      const seq = drill.context.actionSeq;
      return ui.hintsAskedAt === seq
        ? { ...ui, hintsAskedAt: undefined }
        : { ...ui, hintsAskedAt: seq };
    }
    case 'glossary':
      return { ...ui, modal: { kind: 'glossary', scroll: 0 } };
    case 'declare-severity': {
      if (isEnded) return ui;
      const severities = drill.compiled.architecture.severities;
      return {
        ...ui,
        modal: {
          kind: 'choose',
          purpose: 'severity',
          title: 'Declare the incident severity',
          // The criteria a responder applies, beside each severity.
          options: severities.map((s) => ({
            value: s.id,
            label: `${s.id}: ${s.title}${s.criteria.length ? ` (${s.criteria.join(' / ')})` : ''}`,
          })),
          index: Math.max(
            0,
            severities.findIndex((s) => s.id === visibleSeverity(drill)),
          ),
        },
      };
    }
    default:
      return move(ui, command, session, deps, { selected, alerts: alerts.length, page, layers });
  }
}

function move(
  ui: UiState,
  command: Command,
  session: DrillSession,
  deps: ControllerDeps,
  view: {
    selected: string | undefined;
    alerts: number;
    page: number;
    layers: ReturnType<typeof projectMap>;
  },
): UiState {
  const drill = session.drill;
  const step =
    command === 'up'
      ? -1
      : command === 'down'
        ? 1
        : command === 'page-up'
          ? -view.page
          : command === 'page-down'
            ? view.page
            : 0;
  if (ui.focus === 'map') {
    if (command === 'select')
      return openTab({ ...ui, selected: view.selected }, 'actions', session);
    if (command === 'up' || command === 'down' || command === 'left' || command === 'right')
      return { ...ui, selected: moveInMap(view.layers, view.selected, command), actionIndex: 0 };
    return ui;
  }
  if (ui.focus === 'alerts') {
    if (command === 'select') {
      const alert = projectAlerts(drill, session.acknowledged)[
        clamp(ui.alertIndex, 0, view.alerts - 1)
      ];
      return alert ? { ...ui, modal: { kind: 'alert', id: alert.id } } : ui;
    }
    if (command === 'top') return { ...ui, alertIndex: 0 };
    return step
      ? { ...ui, alertIndex: clamp(ui.alertIndex + step, 0, Math.max(0, view.alerts - 1)) }
      : ui;
  }
  switch (ui.tab) {
    case 'search': {
      const hits = session.lastSearch?.hits ?? [];
      const index = clamp(ui.search.index, 0, Math.max(0, hits.length - 1));
      if (command === 'select') {
        const hit = hits[index];
        if (!hit) return { ...ui, modal: { kind: 'input', purpose: 'query', text: '' } };
        return { ...ui, modal: { kind: 'detail', line: hit, fieldIndex: 0 } };
      }
      if (command === 'top') return { ...ui, search: { index: 0 } };
      return step
        ? { ...ui, search: { index: clamp(index + step, 0, Math.max(0, hits.length - 1)) } }
        : ui;
    }
    case 'console':
      if (command === 'select' && !drill.isEnded)
        return { ...ui, modal: { kind: 'input', purpose: 'shell', text: '' } };
      return ui;
    case 'notebook': {
      const entries = projectNotebook(drill);
      const index = clamp(ui.notebookIndex, 0, Math.max(0, entries.length - 1));
      const entry = entries[index];
      if (command === 'select') return entry ? actOnIndicator(ui, session, entry) : ui;
      if (command === 'top') return { ...ui, notebookIndex: 0 };
      if (command === 'bottom') return { ...ui, notebookIndex: Math.max(0, entries.length - 1) };
      return step
        ? { ...ui, notebookIndex: clamp(index + step, 0, Math.max(0, entries.length - 1)) }
        : ui;
    }
    case 'logs': {
      if (command === 'left' || command === 'right') {
        const x = Math.max(0, (ui.log.scrollX ?? 0) + (command === 'right' ? 20 : -20));
        return { ...ui, log: { ...ui.log, scrollX: x } };
      }
      if (command === 'bottom') return { ...ui, log: { ...ui.log, offset: 0, follow: true } };
      if (command === 'top')
        return { ...ui, log: { ...ui.log, offset: session.logs.length, follow: false } };
      if (command === 'select') {
        // The newest line on screen (at the scroll position) opens whole, with its fields.
        const line = visibleLogLines(session.logs, ui.log.filter, ui.log.offset, 1).lines[0];
        if (!line) return ui;
        const [doc] = indexLines([line]);
        return { ...ui, modal: { kind: 'detail', line: doc!, fieldIndex: 0 } };
      }
      if (!step) return ui;
      // Up scrolls back in time; leaving the bottom stops following.
      const offset = Math.max(0, ui.log.offset - step);
      return { ...ui, log: { ...ui.log, offset, follow: offset === 0 && ui.log.follow } };
    }
    case 'plan': {
      const rows = projectPlan(drill);
      const index = clamp(ui.planIndex, 0, rows.length - 1);
      if (command === 'select') {
        const row = rows[index];
        if (!row) return ui;
        return acted(
          { ...ui, planIndex: index },
          session.act({ do: row.action }),
          `started: ${row.title}`,
        );
      }
      return step ? { ...ui, planIndex: clamp(index + step, 0, rows.length - 1) } : ui;
    }
    case 'escalate': {
      const view2 = projectEscalation(drill, visibleSeverity(drill), session.actor);
      const contact = clamp(ui.contactIndex, 0, view2.contacts.length - 1);
      const channel = clamp(ui.channelIndex, 0, view2.channels.length - 1);
      if (command === 'left')
        return { ...ui, channelIndex: clamp(channel - 1, 0, view2.channels.length - 1) };
      if (command === 'right')
        return { ...ui, channelIndex: clamp(channel + 1, 0, view2.channels.length - 1) };
      if (command === 'select') {
        const c = view2.contacts[contact];
        const ch = view2.channels[channel];
        if (!c || !ch) return ui;
        if (ch.id === NOTIFY_CHANNEL)
          return acted(
            ui,
            session.act({ do: 'notify', contact: c.id }),
            `notifying ${c.name} (formal notification)`,
          );
        return acted(
          ui,
          session.act({ do: 'escalate', contact: c.id, channel: ch.id }),
          `escalating to ${c.name} by ${ch.title.toLowerCase()}`,
        );
      }
      return step
        ? { ...ui, contactIndex: clamp(contact + step, 0, view2.contacts.length - 1) }
        : ui;
    }
    case 'actions': {
      const rows = projectTechnicalActions(drill, view.selected);
      const index = clamp(ui.actionIndex, 0, rows.length - 1);
      if (command === 'top') return { ...ui, actionIndex: 0 };
      if (command === 'bottom') return { ...ui, actionIndex: Math.max(0, rows.length - 1) };
      if (command === 'select') {
        const row = rows[index];
        if (!row) return ui;
        const request = row.target ? { do: row.id, target: row.target } : { do: row.id };
        if (row.aims && !row.unavailable && !row.progress) {
          // Aimed at an indicator: propose the latest one of its kind from the notebook.
          return {
            ...ui,
            modal: {
              kind: 'input',
              purpose: 'aim',
              title: row.title,
              request,
              indicator: row.aims.indicator,
              required: row.aims.required,
              text: latestIndicator(drill, row.aims.indicator) ?? '',
            },
          };
        }
        return acted(
          ui,
          session.act(request),
          `started: ${row.title}${row.target ? ` on ${row.target}` : ''}`,
        );
      }
      return step
        ? { ...ui, actionIndex: clamp(index + step, 0, Math.max(0, rows.length - 1)) }
        : ui;
    }
    case 'notes':
      if (command === 'select' && !drill.isEnded)
        return { ...ui, modal: { kind: 'input', purpose: 'note', text: '' } };
      return ui;
  }
}

/**
 * Acting on what was found: a marked host becomes the map's selection, with its actions (isolate
 * *this* host); any other indicator opens the first available action aimed at its kind, with the
 * value filled in (block *this* address, reset *this* account, remove *this* file).
 */
function actOnIndicator(ui: UiState, session: DrillSession, entry: NotebookEntry): UiState {
  const drill = session.drill;
  // Log lines spell hosts their own way (feserv1): a value naming a component is that host.
  const host = drill.compiled.architecture.components.find(
    (c) => c.id.toLowerCase() === entry.value.toLowerCase(),
  );
  if (entry.indicator === 'host' && !host)
    return { ...ui, message: `${entry.value} is not a host of this architecture` };
  if (host) {
    return {
      ...openTab({ ...ui, selected: host.id, actionIndex: 0 }, 'actions', session),
      message: `${host.id} selected: its actions are listed`,
    };
  }
  // The host it was seen on first (a file is removed where it is), then the selected host, then
  // the first component that has an action aimed at this kind (an address is blocked at the edge
  // firewall whatever host the trainee was looking at).
  const hosts = [
    ...(entry.on ? [entry.on] : []),
    ...(ui.selected ? [ui.selected] : []),
    ...drill.compiled.architecture.components.map((c) => c.id),
  ];
  // Every action aimed at this kind on the first of those hosts that has one; the trainee picks
  // when there are several (a path may be a file to remove or a backup point to restore).
  for (const target of new Set(hosts)) {
    const rows = projectTechnicalActions(drill, target).filter(
      (r) =>
        r.aims?.indicator === entry.indicator &&
        !r.unavailable &&
        !r.progress &&
        (r.target === undefined || r.target === target),
    );
    if (rows.length === 0) continue;
    const aims: AimModal[] = rows.map((row) => ({
      kind: 'input',
      purpose: 'aim',
      title: row.target ? `${row.title} on ${row.target}` : row.title,
      request: row.target ? { do: row.id, target: row.target } : { do: row.id },
      indicator: row.aims!.indicator,
      required: row.aims!.required,
      text: entry.value,
    }));
    const opened = openTab({ ...ui, selected: rows[0]!.target ?? ui.selected }, 'actions', session);
    if (aims.length === 1) return { ...opened, modal: aims[0]! };
    return {
      ...opened,
      modal: {
        kind: 'choose',
        purpose: 'act-on',
        title: `Act on ${entry.value}`,
        options: aims.map((aim, i) => ({ value: String(i), label: aim.title })),
        index: 0,
        aims,
      },
    };
  }
  return { ...ui, message: `no action available now is aimed at ${article(entry.indicator)}` };
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

function acted(
  ui: UiState,
  result: { ok: true } | { ok: false; reason: string },
  success: string,
): UiState {
  return { ...ui, message: result.ok ? success : `not done: ${result.reason}` };
}
