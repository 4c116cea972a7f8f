import type { Scope } from './keymap.js';
import type { UiState } from './uiState.js';

/** The key scopes active in a UI state, most specific first. */
export function activeScopes(ui: UiState): Scope[] {
  if (ui.modal?.kind === 'confirm') return ['confirm', 'global'];
  if (ui.isCoached && ui.screen === 'dashboard' && (!ui.modal || ui.modal.kind === 'glossary'))
    return ['coach', 'dashboard', 'global'];
  return [ui.screen, 'global'];
}

/** Whether keys are text being typed (a note, a search, a decision's form) rather than commands. */
export function isTyping(ui: UiState): boolean {
  return ui.modal?.kind === 'input' || ui.modal?.kind === 'decide';
}
