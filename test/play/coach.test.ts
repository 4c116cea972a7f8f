import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/engine/index.js';
import { checkScenarioFile, orThrow, type Scenario } from '../../src/model/index.js';
import { withCoachEntries, COACH_INTRO_ID } from '../../src/play/coachEntry.js';
import {
  DEFAULT_STUCK_AFTER,
  projectCoach,
  projectGlossary,
} from '../../src/play/projections/coach.js';
import { loadCatalog } from '../../src/play/scenarioCatalog.js';
import { DrillSession } from '../../src/play/session.js';
import { ROOT, architecture } from '../helpers.js';
import { hintTodos, runTodo } from '../tui/coachFollow.js';
import { fakeWall } from '../tui/helpers.js';

const INTRO_FILE = `${ROOT}scenarios/${COACH_INTRO_ID}.yaml`;
const intro = (): Scenario => orThrow(checkScenarioFile(INTRO_FILE, architecture())).model;

function turnBased(scenario: Scenario = intro(), seed = '3') {
  return new DrillSession(architecture(), scenario, {
    seed,
    wall: fakeWall().now,
    mode: 'turn-based',
  });
}

/** Moves to the next event until the inject has fired. */
function until(session: DrillSession, inject: string) {
  for (let i = 0; i < 50 && !session.drill.context.fired.some((f) => f.id === inject); i++)
    session.advanceToNext();
  expect(session.drill.context.fired.map((f) => f.id)).toContain(inject);
}

describe('coach projection: phases', () => {
  it('follows preparation -> detection -> containment -> eradication -> post-incident', () => {
    const s = turnBased();
    const phase = () => projectCoach(s.drill).phase;
    expect(phase()).toBe('preparation');
    expect(projectCoach(s.drill)).toMatchObject({ phaseNumber: 1, phaseTitle: 'Preparation' });
    until(s, 'siem-static-name');
    expect(phase()).toBe('detection');
    s.act({ do: 'query-siem', target: 'FEServ2' });
    s.act({ do: 'plan.confirm' });
    expect(phase()).toBe('containment');
    s.act({ do: 'isolate-host', target: 'FEServ2' });
    expect(phase()).toBe('containment');
    s.act({ do: 'enable-waf-rule', target: 'WAF1' });
    expect(s.drill.context.contained).toBe(true);
    expect(phase()).toBe('eradication');
    s.act({ do: 'plan.close' });
    expect(projectCoach(s.drill)).toMatchObject({ phase: 'post-incident', phaseNumber: 5 });
  });

  it('offers only the hints of the current phase whose condition holds', () => {
    const s = turnBased();
    const ids = () =>
      projectCoach(s.drill, { askedAtSeq: s.drill.context.actionSeq }).hints.map((h) => h.id);
    expect(ids()).toEqual(['wait-for-signal']);
    until(s, 'siem-static-name');
    // Investigation first: a search, the indicators marked, a look at the host.
    expect(ids()).toEqual(['look-at-alert']);
    s.act({ do: 'search', text: 'url.path:*media/static*.php' });
    expect(ids()).toEqual(['mark-what-you-found']);
    s.act({ do: 'mark', value: 'FEServ2', indicator: 'host' });
    expect(ids()).toEqual(['look-at-the-host']);
    s.act({ do: 'shell', target: 'FEServ2', text: 'ls -la /var/www/shop/public/media/static' });
    expect(ids()).toEqual(['confirm-it']);
    s.act({ do: 'plan.confirm' });
    expect(ids()).toEqual([
      'declare-major',
      'call-the-soc',
      'isolate',
      'close-the-hole',
      'escalate',
      'snapshot',
    ]);
    s.act({ do: 'declare-severity', severity: 'major' });
    s.act({ do: 'escalate', contact: 'soc-provider', channel: 'phone' });
    expect(ids()).toEqual(['isolate', 'close-the-hole', 'escalate', 'snapshot']);
    const confirm = projectCoach(s.drill, { askedAtSeq: s.drill.context.actionSeq });
    expect(confirm.hints[0]!.text).toContain('isolate FEServ2');
  });

  it('names the plan step a hint refers to', () => {
    const s = turnBased();
    until(s, 'siem-static-name');
    s.act({ do: 'search', text: 'url.path:*media/static*.php' });
    s.act({ do: 'mark', value: 'FEServ2', indicator: 'host' });
    s.act({ do: 'shell', target: 'FEServ2', text: 'ls -la /var/www/shop/public/media/static' });
    const [hint] = projectCoach(s.drill, { askedAtSeq: s.drill.context.actionSeq }).hints;
    expect(hint).toMatchObject({
      id: 'confirm-it',
      planStep: 'plan step 1 of 11: Confirm suspicious event',
    });
  });
});

describe('coach projection: hints only when asked or stuck', () => {
  it('hides hints until asked, and hides them again after the next action', () => {
    const s = turnBased();
    const hidden = projectCoach(s.drill);
    expect(hidden).toMatchObject({ showHints: false, hints: [], hintCount: 1, isStuck: false });
    const asked = projectCoach(s.drill, { askedAtSeq: s.drill.context.actionSeq });
    expect(asked).toMatchObject({ showHints: true, reason: 'asked' });
    const seq = s.drill.context.actionSeq;
    s.act({ do: 'query-vulnerabilities', target: 'FEServ2' });
    expect(projectCoach(s.drill, { askedAtSeq: seq }).showHints).toBe(false);
  });

  it('shows the hints by itself once the trainee has been idle for stuck_after (simulated time)', () => {
    const s = turnBased();
    expect(intro().coach?.stuck_after).toBe(6 * 60_000);
    s.wait(5 * 60_000);
    expect(projectCoach(s.drill).isStuck).toBe(false);
    s.wait(60_000);
    const stuck = projectCoach(s.drill);
    expect(stuck).toMatchObject({
      isStuck: true,
      showHints: true,
      reason: 'stuck',
      idle: 6 * 60_000,
    });
    expect(stuck.hints.length).toBeGreaterThan(0);
    // Idle time counts from the last action, not from the start.
    s.act({ do: 'query-vulnerabilities', target: 'FEServ2' });
    expect(projectCoach(s.drill)).toMatchObject({ isStuck: false, idle: 0 });
  });

  it('uses a default stuck time when the scenario sets none', () => {
    const scenario = intro();
    const { stuck_after: _drop, ...coach } = scenario.coach!;
    const s = turnBased({ ...scenario, coach });
    s.wait(DEFAULT_STUCK_AFTER - 60_000);
    expect(projectCoach(s.drill).isStuck).toBe(false);
    s.wait(60_000);
    expect(projectCoach(s.drill)).toMatchObject({ isStuck: true, stuckAfter: DEFAULT_STUCK_AFTER });
  });
});

describe('coach projection: explanations', () => {
  it('explains the latest action with the plan step, the architecture and its cost', () => {
    const s = turnBased();
    until(s, 'siem-static-name');
    s.act({ do: 'query-siem', target: 'FEServ2' });
    const search = projectCoach(s.drill).lastAction!;
    expect(search.label).toBe('Search the SIEM on FEServ2');
    expect(search.why).toContain('who did what and when'); // the action's own explain
    expect(search.context[0]).toMatch(
      /^FEServ2 \(Front-end server 2; Front end layer\): Serves the shop/,
    );
    expect(search.cost).toEqual(['It took 5m of simulated time.']);

    s.act({ do: 'plan.confirm' });
    const confirm = projectCoach(s.drill).lastAction!;
    expect(confirm.label).toBe('Plan step 1 of 11: Confirm suspicious event');
    expect(confirm.why).toContain('Until someone confirms'); // the scenario's explanation

    s.act({ do: 'escalate', contact: 'soc-provider', channel: 'phone' });
    const told = projectCoach(s.drill).lastAction!;
    expect(told.label).toMatch(/^Escalate to .+ by phone$/);
    expect(told.context.join(' ')).toContain(
      'escalation matrix for major asks for soc-provider by phone within 15m',
    );
  });

  it('says what a costly action cost: traffic and revenue', () => {
    const s = turnBased();
    s.act({ do: 'lockdown', target: 'FW1' });
    const note = projectCoach(s.drill).lastAction!;
    expect(note.why).toContain('1000 USD per hour');
    expect(note.cost.join(' ')).toContain(
      'Traffic is now lockdown: the portal loses 100% of USD 1000 per hour',
    );
  });

  it('adds the coach notes of the injects that fired since the latest action', () => {
    const s = turnBased();
    until(s, 'siem-static-name');
    const notes = projectCoach(s.drill).injectNotes.map((n) => n.text);
    expect(notes.some((n) => n.startsWith('A red herring'))).toBe(true);
    expect(notes.some((n) => n.startsWith('This is the baseline at work'))).toBe(true);
    s.act({ do: 'query-siem', target: 'FEServ2' });
    expect(projectCoach(s.drill).injectNotes).toEqual([]);
  });

  it('strips control characters from every coach text', () => {
    const scenario = intro();
    const evil = '\x1b]52;c;ZXZpbA==\x07bad\x1b[31m';
    const coach = {
      ...scenario.coach!,
      hints: scenario.coach!.hints.map((h) => ({ ...h, text: `${evil}${h.text}` })),
      explanations: [{ action: 'query-vulnerabilities', text: `why ${evil}` }],
      glossary: [{ term: `Term${evil}`, definition: `def ${evil}` }],
    };
    const s = turnBased({ ...scenario, coach });
    s.act({ do: 'query-vulnerabilities', target: 'FEServ2' });
    const view = projectCoach(s.drill, { askedAtSeq: s.drill.context.actionSeq });
    const texts = [
      ...view.hints.map((h) => h.text),
      view.lastAction!.why!,
      ...projectGlossary(s.drill).flatMap((g) => [g.term, g.definition]),
    ];
    // eslint-disable-next-line no-control-regex
    for (const text of texts) expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});

describe('glossary', () => {
  it('merges the architecture glossary with the scenario terms, sorted', () => {
    const terms = projectGlossary(turnBased().drill);
    const names = terms.map((t) => t.term);
    for (const t of [
      'IPS',
      'WAF',
      'SIEM',
      'EPP',
      'SOC',
      'Baseline',
      'Lateral movement',
      'Naming convention',
    ])
      expect(names).toContain(t);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

describe('following only the hints', () => {
  it.each(['1', '3', '7', '42'])('contains the intro scenario (seed %s)', (seed) => {
    const s = turnBased(intro(), seed);
    for (let step = 0; step < 40 && !s.drill.context.contained && !s.drill.isEnded; step++) {
      const view = projectCoach(s.drill, { askedAtSeq: s.drill.context.actionSeq });
      for (const todo of hintTodos(COACH_INTRO_ID, view.hints[0]!.id, s))
        for (const done of runTodo(s, todo)) expect(done).toMatchObject({ ok: true });
    }
    expect(s.drill.context.contained).toBe(true);
    expect(s.drill.context.visited).not.toContain('backend-pivot');
  });
});

describe('coached picker entries', () => {
  const files = ['fe-bash-rce', COACH_INTRO_ID, 'fp-marketing-upload'].map(
    (id) => `${ROOT}scenarios/${id}.yaml`,
  );
  const catalog = () => loadCatalog(files, architecture());

  it('puts "Start here" (the intro, coached) on top and keeps the preselection', () => {
    const { catalog: list, pickerIndex } = withCoachEntries(catalog(), files[0]!, {
      isCoach: false,
    });
    expect(list[0]).toMatchObject({ id: COACH_INTRO_ID, coached: true });
    expect(list[0]!.title).toMatch(/^Start here/);
    expect(list.slice(1).every((e) => !e.coached)).toBe(true);
    expect(list[pickerIndex]!.id).toBe('fe-bash-rce');
  });

  it('with --coach preselects the coached entry of the chosen scenario', () => {
    const intro = withCoachEntries(catalog(), files[1]!, { isCoach: true });
    expect(intro.pickerIndex).toBe(0);
    expect(intro.catalog[0]).toMatchObject({ id: COACH_INTRO_ID, coached: true });
    const other = withCoachEntries(catalog(), files[2]!, { isCoach: true });
    expect(other.catalog[other.pickerIndex]).toMatchObject({
      id: 'fp-marketing-upload',
      coached: true,
    });
    expect(other.catalog[1]).toMatchObject({ id: COACH_INTRO_ID, coached: true });
  });

  it('adds nothing when the intro scenario is not in the list', () => {
    const only = loadCatalog([files[0]!], architecture());
    expect(withCoachEntries(only, files[0]!, { isCoach: false }).catalog).toEqual(only);
  });
});

it('a drill is the same with or without the coach (the coach only reads)', () => {
  const a = new Drill(architecture(), intro(), '5');
  a.runToEnd();
  const s = turnBased(intro(), '5');
  projectCoach(s.drill, { askedAtSeq: 0 });
  s.drill.runToEnd();
  expect(s.drill.trace).toEqual(a.trace);
});

describe('coach projection: what an isolation costs', () => {
  const fe = () =>
    orThrow(checkScenarioFile(`${ROOT}scenarios/fe-bash-rce.yaml`, architecture())).model;
  it('agrees with the revenue model: one front end of three costs nothing, two cost half the shop', () => {
    const s = turnBased(fe(), '7');
    s.act({ do: 'isolate-host', target: 'FEServ1' });
    expect(projectCoach(s.drill).lastAction?.cost).toContain(
      'The load balancers carry its customers on the other servers: no revenue is lost.',
    );
    s.wait(60 * 60_000);
    expect(s.drill.revenueLost).toBe(0);
    s.act({ do: 'isolate-host', target: 'FEServ2' });
    expect(projectCoach(s.drill).lastAction?.cost).toContain(
      'The shop now loses 50% of USD 1000 per hour.',
    );
  });
});
