import { Drill } from '../engine/index.js';
import {
  formatDuration,
  PLAN_ACTION_PREFIX,
  sortDiagnostics,
  DIMENSION_IDS,
  pinnedAttackCatalog,
  type Architecture,
  type AttackCatalog,
  type Diagnostic,
  type Rubric,
  type PathSegment,
  type Scenario,
  type TechnicalActionKind,
  type YamlSource,
} from '../model/index.js';
import { lintScenarioAttack } from './attackLint.js';
import { describeCondition } from './describeCondition.js';
import { lintEvidence } from './evidenceLint.js';
import { lintObligations } from './obligationLint.js';
import { Reporter } from './located.js';
import { canHold, preAttackFacts, scenarioFacts, type ScenarioFacts } from './scenarioFacts.js';

/** Action kinds that do nothing without a target component. */
const NEEDS_TARGET: ReadonlySet<TechnicalActionKind> = new Set([
  'isolate-host',
  'reconnect-host',
  'forensic-snapshot',
  'reset-credentials',
  'patch',
  'restore-backup',
]);

// C0 controls except tab and newline, DEL and C1: legal in YAML strings, never wanted in a drill.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * What the schema cannot see: the scenario is valid, but parts of it can never happen, or happen
 * in an order that makes no sense. Errors are impossibilities; warnings are likely mistakes.
 * Pure: (architecture, scenario, its parsed source) -> located diagnostics.
 */
export function lintScenario(
  architecture: Architecture,
  scenario: Scenario,
  source: YamlSource,
  rubric?: Rubric,
  /** The ATT&CK technique list ids are checked against (default: the pinned version). */
  attack: AttackCatalog = pinnedAttackCatalog(),
): Diagnostic[] {
  const out = new Reporter(source);
  const facts = scenarioFacts(architecture, scenario);
  lintAttacker(scenario, facts, out);
  lintInjects(scenario, facts, out);
  lintActions(scenario, facts, out);
  lintContainment(architecture, scenario, facts, out);
  lintExpected(scenario, facts, out);
  lintObjectives(scenario, rubric, out);
  lintTests(scenario, facts, out);
  lintEvidence(architecture, scenario, facts.reachable, out);
  lintObligations(architecture, scenario, facts.reachable, out);
  lintScenarioAttack(attack, scenario, out);
  lintText(source.value, [], out);
  return sortDiagnostics(out.diagnostics);
}

function lintAttacker(scenario: Scenario, facts: ScenarioFacts, out: Reporter): void {
  const states = scenario.attacker.states;
  states.forEach((state, i) => {
    const at: PathSegment[] = ['attacker', 'states', i];
    if (!facts.reachable.has(state.id)) {
      out.error(
        [...at, 'id'],
        'unreachable-state',
        `attacker state "${state.id}" can never be reached from "${scenario.attacker.initial}"`,
        'a transition (`next: - to: ' + state.id + '`) from a reachable state',
      );
    } else if (state.next.length === 0 && !state.objective && state.malicious) {
      // A harmless last state (the botnet gives up, a false positive's legitimate activity) is an end.
      out.warn(
        [...at, 'id'],
        'dead-end-state',
        `the attacker stops in "${state.id}", which is not an objective`,
        'a `next` transition, or `objective: true`',
      );
    }
    const seen = new Set<string>();
    state.next.forEach((tr, j) => {
      const tat: PathSegment[] = [...at, 'next', j];
      if (seen.has(tr.to)) {
        out.error(
          [...tat, 'to'],
          'duplicate-transition',
          `"${state.id}" has two transitions to "${tr.to}"; only one can be scheduled`,
          'one transition per target (combine the conditions with any/all)',
        );
      }
      seen.add(tr.to);
      if (tr.to === state.id) {
        out.warn([...tat, 'to'], 'self-transition', `"${state.id}" moves to itself`);
      }
      if (tr.jitter !== undefined && tr.jitter >= tr.after) {
        out.warn(
          [...tat, 'jitter'],
          'jitter-exceeds-after',
          `jitter ${formatDuration(tr.jitter)} is not smaller than after ${formatDuration(tr.after)}: the move can come at once`,
          `a jitter below ${formatDuration(tr.after)}`,
        );
      }
      if (tr.retry !== undefined && !tr.when && !tr.unless) {
        out.warn(
          [...tat, 'retry'],
          'retry-unused',
          '`retry` only applies to a move blocked by `when` or `unless`',
        );
      }
      if (tr.when && facts.reachable.has(state.id) && !canHold(tr.when, facts)) {
        out.warn(
          [...tat, 'when'],
          'transition-never-happens',
          `the move ${state.id} -> ${tr.to} waits for ${describeCondition(tr.when)}, which can never hold`,
        );
      }
    });
  });
  // A scenario with no malicious state is a false-positive drill: there is no attacker to win.
  const isFalsePositive = !states.some((s) => s.malicious);
  if (!isFalsePositive && !states.some((s) => s.objective && facts.reachable.has(s.id))) {
    out.warn(
      ['attacker', 'states'],
      'no-objective',
      'no reachable attacker state is marked `objective: true`: the attacker can never win',
    );
  }
}

function lintInjects(scenario: Scenario, facts: ScenarioFacts, out: Reporter): void {
  const limit = scenario.end.time_limit;
  scenario.injects.forEach((inject, i) => {
    const at: PathSegment[] = ['injects', i];
    const never = (key: string, why: string, expected?: string) =>
      out.error(
        [...at, key],
        'inject-never-fires',
        `inject "${inject.id}" can never fire: ${why}`,
        expected,
      );
    if (inject.at !== undefined && inject.at >= limit) {
      out.error(
        [...at, 'at'],
        'inject-after-end',
        `inject "${inject.id}" is due at ${formatDuration(inject.at)}, after the drill's time limit ${formatDuration(limit)}`,
        `a time before ${formatDuration(limit)}`,
      );
    }
    if (inject.on_enter !== undefined) {
      if (!facts.reachable.has(inject.on_enter)) {
        never('on_enter', `the attacker never reaches "${inject.on_enter}"`);
      } else {
        const due = (facts.earliest.get(inject.on_enter) ?? 0) + (inject.delay ?? 0);
        if (due >= limit) {
          out.warn(
            [...at, 'delay'],
            'inject-after-end',
            `inject "${inject.id}" is due at ${formatDuration(due)} at the earliest, after the time limit ${formatDuration(limit)}`,
          );
        }
      }
    }
    if (inject.on_action !== undefined) {
      const action = scenario.actions.find((a) => a.id === inject.on_action);
      if (action && !facts.available.has(action.id)) {
        never('on_action', `action "${action.id}" is never available`);
      } else if (
        action &&
        inject.on_target !== undefined &&
        action.targets.length > 0 &&
        !action.targets.includes(inject.on_target)
      ) {
        never(
          'on_target',
          `"${action.id}" cannot be aimed at ${inject.on_target}`,
          `one of: ${action.targets.join(', ')}`,
        );
      } else if (inject.on_target !== undefined && !action) {
        never('on_target', `"${inject.on_action}" takes no target`);
      }
    }
    if (inject.delay !== undefined && inject.at !== undefined) {
      out.warn([...at, 'delay'], 'delay-ignored', '`delay` only applies to on_enter and on_action');
    }
    if (inject.when && !canHold(inject.when, facts)) {
      never('when', `its condition ${describeCondition(inject.when)} can never hold`);
    }
  });
}

function lintActions(scenario: Scenario, facts: ScenarioFacts, out: Reporter): void {
  scenario.actions.forEach((action, i) => {
    const at: PathSegment[] = ['actions', i];
    const kind = action.kind ?? (action.id as TechnicalActionKind);
    if (!facts.available.has(action.id)) {
      out.error(
        [...at, 'available_when'],
        'action-never-available',
        `action "${action.id}" is never available: ${describeCondition(action.available_when!)} can never hold`,
      );
    }
    if (NEEDS_TARGET.has(kind) && action.targets.length === 0) {
      out.warn(
        [...at, 'id'],
        'action-needs-target',
        `action "${action.id}" (${kind}) has no targets, so it changes nothing`,
        'targets: [component, ...]',
      );
    }
    const triggersInject = scenario.injects.some((inj) => inj.on_action === action.id);
    if (kind === 'custom' && action.sets.length === 0 && !triggersInject) {
      out.warn(
        [...at, 'id'],
        'action-without-effect',
        `custom action "${action.id}" sets no flag and triggers no inject`,
        'sets: [flag], or an inject with on_action: ' + action.id,
      );
    }
    if (kind === 'enable-waf-rule' && action.rule === undefined) {
      out.warn(
        [...at, 'id'],
        'waf-rule-unnamed',
        `"${action.id}" names no rule; the rule id is "${action.id}"`,
        'rule: <rule id>',
      );
    }
  });
}

function lintContainment(
  architecture: Architecture,
  scenario: Scenario,
  facts: ScenarioFacts,
  out: Reporter,
): void {
  const at: PathSegment[] = ['containment', 'when'];
  if (!canHold(scenario.containment.when, facts)) {
    out.error(
      at,
      'no-containment-path',
      `containment (${describeCondition(scenario.containment.when)}) can never hold: no action in the scenario brings it about`,
      'actions whose effects can satisfy the containment condition',
    );
    return;
  }
  // Played, not guessed: is the drill contained at T+0 with nobody doing anything?
  let containedAtStart = false;
  try {
    containedAtStart = new Drill(architecture, scenario, 1).context.contained;
  } catch {
    /* an engine failure on a valid scenario is reported by `ttx run`, not here */
  }
  if (containedAtStart) {
    out.error(at, 'contained-at-start', 'the drill is contained at T+0, before anybody acts');
    return;
  }
  // Only meaningful when the attack opens with harmless states (otherwise it starts at T+0), and
  // when there is an attack at all (a false positive's "containment" is its correct closure).
  const before = preAttackFacts(facts);
  const isFalsePositive = !scenario.attacker.states.some((s) => s.malicious);
  if (!isFalsePositive && before.reachable.size > 0 && canHold(scenario.containment.when, before)) {
    out.warn(
      at,
      'contained-before-attack',
      'containment can hold before the attacker does anything malicious (the drill can be won before it starts)',
      'a containment condition that needs the attack, e.g. `isolated: compromised`',
    );
  }
}

function lintExpected(scenario: Scenario, facts: ScenarioFacts, out: Reporter): void {
  scenario.expected.forEach((response, i) => {
    const at: PathSegment[] = ['expected', i];
    const action = scenario.actions.find((a) => a.id === response.action);
    const isEscalate = response.action === 'escalate';
    const nothing = (key: string, message: string, expected?: string) =>
      out.error(
        [...at, key],
        'expected-names-nothing',
        `expected response "${response.id}": ${message}`,
        expected,
      );
    if (action && !facts.available.has(action.id)) {
      nothing('action', `action "${action.id}" is never available`);
    }
    if (action && action.targets.length > 0 && response.target === undefined) {
      nothing(
        'action',
        `"${action.id}" needs a target`,
        `target: one of ${action.targets.join(', ')}`,
      );
    }
    if (response.target !== undefined && (!action || action.targets.length === 0)) {
      nothing('target', `"${response.action}" takes no target`);
    }
    if (isEscalate && (response.contact === undefined || response.channel === undefined)) {
      nothing(
        'action',
        'an escalation names a contact and a channel',
        'contact: <id>, channel: <id>',
      );
    }
    const isNotify = response.action === 'notify';
    if (isNotify && (response.contact === undefined || response.channel !== undefined)) {
      nothing(
        response.contact === undefined ? 'action' : 'channel',
        'a notification names a contact and no channel',
        'contact: <a notification recipient>',
      );
    }
    if (
      !isEscalate &&
      !isNotify &&
      (response.contact !== undefined || response.channel !== undefined)
    ) {
      nothing(
        response.contact !== undefined ? 'contact' : 'channel',
        `only "escalate" takes a contact and a channel ("notify" a contact)`,
      );
    }
    if (response.action.startsWith(PLAN_ACTION_PREFIX) && response.target !== undefined) {
      nothing('target', 'plan steps take no target');
    }
    if (response.within >= scenario.end.time_limit) {
      out.warn(
        [...at, 'within'],
        'expected-after-end',
        `expected response "${response.id}" is due after the time limit ${formatDuration(scenario.end.time_limit)}`,
      );
    }
    const inject = scenario.injects.find((inj) => inj.id === response.inject);
    if (inject?.on_enter !== undefined && !facts.reachable.has(inject.on_enter)) {
      out.warn(
        [...at, 'inject'],
        'expected-answers-nothing',
        `it answers inject "${inject.id}", which can never fire`,
      );
    }
    // Its clock starts when its anchor fires: an anchor that never fires means it is never due.
    const anchor = scenario.injects.find((inj) => inj.id === response.after);
    if (
      response.after !== undefined &&
      (!anchor || (anchor.on_enter !== undefined && !facts.reachable.has(anchor.on_enter)))
    ) {
      out.error(
        [...at, 'after'],
        'expected-never-due',
        `expected response "${response.id}" can never be performed: its anchor "${response.after}" ${anchor ? 'can never fire' : 'is not an inject of this scenario'}`,
        'an inject that can fire (at:, a reachable on_enter, on_action or manual)',
      );
    }
  });
}

/** Learning objectives the score can rate: each needs a dimension that measures it. */
function lintObjectives(scenario: Scenario, rubric: Rubric | undefined, out: Reporter): void {
  scenario.objectives.forEach((objective, i) => {
    const own = objective.dimensions;
    const measured = own
      ? own.filter((d) => rubric === undefined || (rubric.dimensions[d]?.weight ?? 0) > 0)
      : rubric === undefined
        ? ['(rubric not checked)']
        : DIMENSION_IDS.filter((d) => {
            const dim = rubric.dimensions[d];
            return (dim?.weight ?? 0) > 0 && (dim?.objectives ?? []).includes(objective.id);
          });
    if (measured.length === 0) {
      out.warn(
        ['objectives', i, own ? 'dimensions' : 'id'],
        'objective-unmeasured',
        `no scoring dimension measures objective "${objective.id}": it can only ever be rated N/E`,
        `dimensions: [...] on the objective, or a rubric dimension listing "${objective.id}" in its objectives`,
      );
    }
  });
}

function lintTests(scenario: Scenario, facts: ScenarioFacts, out: Reporter): void {
  const limit = scenario.end.time_limit;
  scenario.tests.forEach((test, i) => {
    const at: PathSegment[] = ['tests', i];
    test.expect.attacker_reached.forEach((state, j) => {
      if (!facts.reachable.has(state)) {
        out.error(
          [...at, 'expect', 'attacker_reached', j],
          'test-cannot-pass',
          `test "${test.id}" expects the attacker to reach "${state}", which is unreachable`,
        );
      }
    });
    if (test.expect.contained_by !== undefined && test.expect.contained_by > limit) {
      out.warn(
        [...at, 'expect', 'contained_by'],
        'test-after-end',
        `contained_by ${formatDuration(test.expect.contained_by)} is after the time limit`,
      );
    }
    test.actions.forEach((action, j) => {
      if (action.at >= limit) {
        out.warn(
          [...at, 'actions', j, 'at'],
          'test-after-end',
          `action at ${formatDuration(action.at)} comes after the time limit ${formatDuration(limit)} and is never taken`,
        );
      }
    });
  });
}

/** Control characters anywhere in the file's strings (stripped on output, but never intended). */
function lintText(value: unknown, path: PathSegment[], out: Reporter): void {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) {
      out.warn(
        path,
        'control-character',
        'the text contains control characters (they are removed on display)',
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => lintText(item, [...path, i], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) lintText(item, [...path, key], out);
  }
}
