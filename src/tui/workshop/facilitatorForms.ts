import type { Key } from 'ink';
import type { ActionRequest } from '../../engine/index.js';
import {
  RATINGS,
  type OpenDecision,
  type RatableObjective,
  type Rating,
} from '../../play/facilitator/evaluation.js';

/** Rating an objective: pick it, press its rating letter, type the observations, enter. */
export interface RateForm {
  kind: 'rate';
  step: 'objective' | 'rating' | 'notes';
  index: number;
  objective?: string;
  rating?: Rating;
  text: string;
}

/** Recording the team's decision: the point, the option, then owner, rationale and follow-up. */
export interface DecideForm {
  kind: 'decide';
  step: 'point' | 'option' | 'owner' | 'rationale' | 'followup';
  index: number;
  decision?: string;
  option?: string;
  owner: string;
  rationale: string;
  text: string;
}

export type FacilitatorForm = RateForm | DecideForm;

/** What a key did to a form: the next form (undefined closes it) and the request it completed. */
export interface FormStep<F extends FacilitatorForm = FacilitatorForm> {
  form: F | undefined;
  request?: ActionRequest;
  message?: string;
}

const MAX_TEXT = 400;

/** Typing into a text field: backspace, printable characters; nothing else. */
function typed(text: string, input: string, key: Key): string {
  if (key.backspace || key.delete) return text.slice(0, -1);
  if (!input || key.ctrl || key.meta || key.return || key.escape || key.tab) return text;
  // Control characters never reach the journal or the screen.
  // eslint-disable-next-line no-control-regex
  return (text + input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')).slice(0, MAX_TEXT);
}

function moved(index: number, key: Key, count: number): number {
  if (key.upArrow) return Math.max(0, index - 1);
  if (key.downArrow) return Math.min(Math.max(0, count - 1), index + 1);
  return index;
}

export function rateStep(
  form: RateForm,
  input: string,
  key: Key,
  objectives: readonly RatableObjective[],
): FormStep<RateForm> {
  if (key.escape) return { form: undefined, message: 'Nothing rated' };
  switch (form.step) {
    case 'objective': {
      if (key.return) {
        const chosen = objectives[form.index];
        return chosen
          ? { form: { ...form, step: 'rating', objective: chosen.id } }
          : { form: undefined, message: 'No objective to rate' };
      }
      return { form: { ...form, index: moved(form.index, key, objectives.length) } };
    }
    case 'rating': {
      const letter = input.toUpperCase();
      const rating = letter === 'N' ? 'NE' : RATINGS.find((r) => r === letter);
      return rating ? { form: { ...form, step: 'notes', rating } } : { form };
    }
    case 'notes':
      if (key.return)
        return {
          form: undefined,
          request: {
            do: 'facilitator.rate',
            objective: form.objective!,
            rating: form.rating!,
            ...(form.text.trim() ? { text: form.text.trim() } : {}),
          },
          message: `Rated ${form.objective}: ${form.rating}`,
        };
      return { form: { ...form, text: typed(form.text, input, key) } };
  }
}

export function decideStep(
  form: DecideForm,
  input: string,
  key: Key,
  open: readonly OpenDecision[],
): FormStep<DecideForm> {
  if (key.escape) return { form: undefined, message: 'No decision recorded' };
  const point = open.find((d) => d.id === form.decision);
  switch (form.step) {
    case 'point': {
      if (key.return) {
        const chosen = open[form.index];
        return chosen
          ? { form: { ...form, step: 'option', index: 0, decision: chosen.id } }
          : { form: undefined, message: 'No decision point has come up yet' };
      }
      return { form: { ...form, index: moved(form.index, key, open.length) } };
    }
    case 'option': {
      const options = point?.options ?? [];
      if (key.return) {
        const chosen = options[form.index];
        return chosen
          ? { form: { ...form, step: 'owner', option: chosen.id, text: '' } }
          : { form: undefined };
      }
      return { form: { ...form, index: moved(form.index, key, options.length) } };
    }
    case 'owner':
      if (key.return) return { form: { ...form, step: 'rationale', owner: form.text, text: '' } };
      return { form: { ...form, text: typed(form.text, input, key) } };
    case 'rationale':
      if (key.return)
        return { form: { ...form, step: 'followup', rationale: form.text, text: '' } };
      return { form: { ...form, text: typed(form.text, input, key) } };
    case 'followup':
      if (key.return)
        return {
          form: undefined,
          request: {
            do: 'decide',
            decision: form.decision!,
            option: form.option!,
            ...(form.owner.trim() ? { owner: form.owner.trim() } : {}),
            ...(form.rationale.trim() ? { text: form.rationale.trim() } : {}),
            ...(form.text.trim() ? { followup: form.text.trim() } : {}),
          },
          message: `Decision recorded: ${point?.options.find((o) => o.id === form.option)?.label ?? form.option}`,
        };
      return { form: { ...form, text: typed(form.text, input, key) } };
  }
}

/** The line under the screen that says what the form asks for now. */
export function formPrompt(form: FacilitatorForm): string {
  if (form.kind === 'rate') {
    if (form.step === 'objective') return 'Rate which objective? (↑↓, enter; esc cancels)';
    if (form.step === 'rating')
      return `${form.objective}: rating? P performed, S some challenges, M major challenges, U unable, N not evaluated`;
    return `${form.objective} ${form.rating}: observations: ${form.text}█  (enter saves)`;
  }
  if (form.step === 'point') return 'Record which decision? (↑↓, enter; esc cancels)';
  if (form.step === 'option') return 'Which option did the team choose? (↑↓, enter)';
  const label = { owner: 'Owner', rationale: 'Rationale', followup: 'Follow-up' }[form.step];
  return `${label}: ${form.text}█  (enter to go on)`;
}
