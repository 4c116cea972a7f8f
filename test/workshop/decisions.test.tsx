import { render } from 'ink-testing-library';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Drill, runDrill } from '../../src/engine/index.js';
import {
  buildResults,
  loadRubricFor,
  markdownReport,
  htmlReport,
  parseResultsText,
} from '../../src/export/index.js';
import { checkScenarioText, type ActionLogEntry } from '../../src/model/index.js';
import type { DrillSession } from '../../src/play/session.js';
import { WorkshopApp } from '../../src/tui/workshop/WorkshopApp.js';
import { decideStep, rateStep } from '../../src/tui/workshop/facilitatorForms.js';
import { architecture, DEFAULT_SCENARIO_FILE, ROOT, scenarioVariant } from '../helpers.js';
import { decisionScenario, fakeWall, keyPresser, manualFrames } from '../tui/helpers.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

const KEY = {
  upArrow: false,
  downArrow: false,
  return: false,
  escape: false,
  backspace: false,
  delete: false,
  ctrl: false,
  meta: false,
  tab: false,
} as unknown as Parameters<typeof rateStep>[2];
const press = (over: Partial<typeof KEY> = {}) => ({ ...KEY, ...over });

describe('decide and facilitator.rate in the engine', () => {
  const scenario = decisionScenario();
  /** Acts and reads the engine's verdict from the trace: rejected with a reason, or accepted. */
  const act = (drill: Drill, request: Parameters<Drill['act']>[0]) => {
    const before = drill.trace.length;
    drill.act(request);
    const rejected = drill.trace.slice(before).find((e) => e.type === 'action.rejected');
    return rejected && rejected.type === 'action.rejected'
      ? { ok: false, reason: rejected.reason }
      : { ok: true };
  };

  it('accepts a decision only once its point has come up, and only a declared option', () => {
    const drill = new Drill(architecture(), scenario, '7');
    const early = act(drill, { do: 'decide', decision: 'scan-response', option: 'watch' });
    expect(early).toMatchObject({ ok: false, reason: 'that decision point has not come up yet' });
    drill.advanceTo(7 * 60_000); // ips-scan fires at 6m
    expect(act(drill, { do: 'decide', decision: 'scan-response', option: 'shrug' })).toMatchObject({
      ok: false,
      reason: 'decide needs an option among watch, block-now',
    });
    expect(act(drill, { do: 'decide', decision: 'nope', option: 'watch' })).toMatchObject({
      ok: false,
    });
    expect(
      act(drill, {
        do: 'decide',
        decision: 'scan-response',
        option: 'watch',
        owner: 'Ana',
        text: 'scans are daily',
      }),
    ).toMatchObject({ ok: true });
  });

  it('accepts a rating of a known objective with one of P, S, M, U, NE', () => {
    const drill = new Drill(architecture(), scenario, '7');
    expect(act(drill, { do: 'facilitator.rate', objective: 'contain', rating: 'S' })).toMatchObject(
      { ok: true },
    );
    expect(act(drill, { do: 'facilitator.rate', objective: 'nope', rating: 'S' })).toMatchObject({
      ok: false,
    });
    expect(
      act(drill, {
        do: 'facilitator.rate',
        objective: 'contain',
        rating: 'X' as unknown as 'S',
      }),
    ).toMatchObject({ ok: false });
  });

  it('puts the decision log and the evaluator ratings into the results and the reports', () => {
    const actions: ActionLogEntry[] = [
      { at: 60_000, do: 'decide', decision: 'scan-response', option: 'watch' }, // too early
      {
        at: 8 * 60_000,
        do: 'decide',
        decision: 'scan-response',
        option: 'block-now',
        owner: 'Ana (lead)',
        text: 'the scanner came back | twice',
        followup: 'review the IPS rules',
        by: 'Blue',
      },
      { at: 9 * 60_000, do: 'facilitator.rate', objective: 'detect', rating: 'M', text: 'slow' },
      { at: 20 * 60_000, do: 'facilitator.rate', objective: 'detect', rating: 'S', text: 'better' },
    ];
    const result = runDrill(architecture(), scenario, '7', actions);
    const loaded = (model: typeof scenario, file: string) => ({
      file,
      sha256: 'a'.repeat(64),
      model,
    });
    const arch = {
      file: `${ROOT}architecture.yaml`,
      sha256: 'b'.repeat(64),
      model: architecture(),
    };
    const results = buildResults({
      architecture: arch,
      scenario: loaded(scenario, DEFAULT_SCENARIO_FILE),
      rubric: loadRubricFor(scenario, architecture(), `${ROOT}scoring`),
      seed: '7',
      actions,
      result,
    });
    expect(results.decisions).toEqual([
      {
        at: 8 * 60_000,
        decision: 'scan-response',
        question: 'What do we do about the scanner?',
        option: 'block-now',
        label: 'Block the address now',
        owner: 'Ana (lead)',
        rationale: 'the scanner came back | twice',
        followup: 'review the IPS rules',
        by: 'Blue',
      },
    ]);
    // The latest rating of an objective stands.
    expect(results.evaluations).toEqual([
      { at: 20 * 60_000, objective: 'detect', rating: 'S', notes: 'better' },
    ]);
    // The results file keeps them through a round trip.
    expect(parseResultsText('r.json', JSON.stringify(results)).decisions).toHaveLength(1);
    const md = markdownReport(results);
    expect(md).toContain('## Decision log');
    expect(md).toContain('the scanner came back \\| twice');
    expect(md).toContain("## Evaluators' ratings");
    expect(md).toMatch(/\| detect \| \w+ \| S \| better \|/);
    const page = htmlReport(results);
    expect(page).toContain('<h2>Decision log</h2>');
    expect(page).toContain('Computed (ttx)');
  });
});

describe('decision points in the scenario file', () => {
  it('a duplicate option id is a located error', () => {
    const text = scenarioVariant((doc) => {
      const injects = doc.injects as Array<Record<string, unknown>>;
      injects[0]!.decision = {
        id: 'd1',
        question: 'q?',
        options: [
          { id: 'same', label: 'A' },
          { id: 'same', label: 'B' },
        ],
      };
    });
    const checked = checkScenarioText(DEFAULT_SCENARIO_FILE, text, architecture());
    const problem = checked.diagnostics.find((d) => d.message.includes('duplicate option id'));
    expect(problem).toMatchObject({ code: 'duplicate-id', severity: 'error' });
    expect(problem!.line).toBeGreaterThan(1);
    expect(text.split('\n')[problem!.line - 1]).toContain('same');
  });
});

describe('the facilitator forms (pure)', () => {
  const objectives = [
    { id: 'detect', description: 'd' },
    { id: 'contain', description: 'c' },
  ];

  it('rate: objective, letter, observations, enter gives one facilitator.rate request', () => {
    let step = rateStep(
      { kind: 'rate', step: 'objective', index: 0, text: '' },
      '',
      press({ downArrow: true } as never),
      objectives,
    );
    step = rateStep(step.form as never, '', press({ return: true } as never), objectives);
    expect(step.form).toMatchObject({ step: 'rating', objective: 'contain' });
    step = rateStep(step.form as never, 'x', press(), objectives); // not a rating: ignored
    expect(step.form).toMatchObject({ step: 'rating' });
    step = rateStep(step.form as never, 'n', press(), objectives);
    expect(step.form).toMatchObject({ step: 'notes', rating: 'NE' });
    for (const ch of 'not\u001b[2Jseen')
      step = rateStep(step.form as never, ch, press(), objectives);
    step = rateStep(step.form as never, '', press({ return: true } as never), objectives);
    expect(step.form).toBeUndefined();
    expect(step.request).toEqual({
      do: 'facilitator.rate',
      objective: 'contain',
      rating: 'NE',
      text: 'not[2Jseen',
    });
  });

  it('decide: esc at any step records nothing', () => {
    const open = [{ id: 'p', question: 'q', options: [{ id: 'a', label: 'A' }] }];
    const step = decideStep(
      {
        kind: 'decide',
        step: 'owner',
        index: 0,
        decision: 'p',
        option: 'a',
        owner: '',
        rationale: '',
        text: 'x',
      },
      '',
      press({ escape: true } as never),
      open,
    );
    expect(step).toEqual({ form: undefined, message: 'No decision recorded' });
  });
});

describe('the workshop view: discussion questions, decisions and ratings', () => {
  it('shows the questions when the inject fires, records the decision and a rating', async () => {
    const wall = fakeWall();
    const { frames, tick: frameTick } = manualFrames();
    let session: DrillSession | undefined;
    const journal: ActionLogEntry[] = [];
    const app = render(
      <WorkshopApp
        architecture={architecture()}
        scenario={decisionScenario()}
        seed="7"
        code="fe-bash-rce-0007"
        wall={wall.now}
        frames={frames}
        size={{ columns: 140, rows: 50 }}
        isColour={false}
        onSession={(s) => void (session = s)}
        onAction={(e) => void journal.push(e)}
      />,
    );
    const key = keyPresser(app);
    const type = async (text: string) => {
      for (const ch of text) await key(ch);
    };
    const screen = () => plain(app.lastFrame());
    await key('d');
    expect(screen()).toContain('No decision point has come up yet');
    await key(' ');
    wall.advance(42_000); // ×10: T+7m, after ips-scan
    frameTick();
    await vi.waitFor(() => expect(screen()).toContain('DISCUSSION: ET SCAN Nikto'));
    expect(screen()).toContain('• Is a scan an incident?');
    expect(screen()).toContain('? What do we do about the scanner?');
    await key(' '); // pause while the room discusses
    await key('d');
    await key('\r'); // the only open decision point
    expect(screen()).toContain('Block the address now');
    await key('\u001b[B'); // down: block-now
    await key('\r');
    await type('Ana');
    await key('\r');
    await type('came back');
    await key('\r');
    await key('\r'); // no follow-up
    expect(screen()).toContain('Decision recorded: Block the address now');
    expect(screen()).toMatch(/What do we do about the scanner\?: Block the address now \(Ana\)/);
    await key('r');
    expect(screen()).toContain('RATE AN OBJECTIVE');
    await key('\r'); // detect
    await key('p');
    await type('fast');
    await key('\r');
    expect(screen()).toContain('Rated detect: P');
    expect(journal.filter((e) => e.do === 'decide' || e.do === 'facilitator.rate')).toEqual([
      expect.objectContaining({
        do: 'decide',
        decision: 'scan-response',
        option: 'block-now',
        owner: 'Ana',
        text: 'came back',
        by: 'facilitator',
      }),
      expect.objectContaining({
        do: 'facilitator.rate',
        objective: 'detect',
        rating: 'P',
        text: 'fast',
      }),
    ]);
    expect(session!.drill.trace.some((e) => e.type === 'action.rejected')).toBe(false);
    app.unmount();
  });
});
