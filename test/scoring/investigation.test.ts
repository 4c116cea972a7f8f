import { describe, expect, it } from 'vitest';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import {
  checkActionScriptFile,
  checkRubricFile,
  orThrow,
  formatElapsed,
  parseDuration,
  type ActionLogEntry,
  type Scenario,
} from '../../src/model/index.js';
import { scoreDrill } from '../../src/scoring/index.js';
import { investigationDimension, investigationTruth } from '../../src/scoring/investigation.js';
import { bestPolicy } from '../../src/authoring/bestPolicy.js';
import { GOLDEN_DIR, ROOT, architecture, goldenScenario } from '../helpers.js';

const arch = architecture();
const scenario = goldenScenario();
// The good script's response without its marks: contained early, nothing marked.
const GOOD: ActionLogEntry[] = orThrow(
  checkActionScriptFile(`${GOLDEN_DIR}fe-bash-rce-good.yaml`, arch, scenario),
).model.actions.filter((a) => a.do !== 'mark');
const rubric = orThrow(checkRubricFile(`${ROOT}scoring/default.yaml`, arch)).model;
const load = (id: string): Scenario => goldenScenario(id);
const mark = (at: string, value: string): ActionLogEntry => ({
  at: parseDuration(at)!,
  do: 'mark',
  value,
});
const score = (actions: ActionLogEntry[], s: Scenario = scenario, seed = 7) => {
  const result = runDrill(arch, s, seed, actions);
  const findings = investigationDimension(
    compileScenarioData(arch, s),
    result.trace,
    String(seed),
    rubric.dimensions.investigation,
  );
  return { findings, share: findings.reduce((n, f) => n + f.delta, 0), result };
};

describe('the investigation dimension', () => {
  it('judges against what was observable: with nobody responding, fe-bash-rce seed 7 shows all this', () => {
    const result = runDrill(arch, scenario, 7, []);
    const truth = investigationTruth(compileScenarioData(arch, scenario), result.trace, '7');
    expect(truth.map((i) => [i.kind, i.value, formatElapsed(i.observableAt)])).toEqual([
      // The exploit's first request on FEServ1 at initial access; the scanner's requests from T+1m.
      ['entry-point', 'FEServ1', 'T+00:27:37'],
      ['host', 'BEServ1', 'T+01:27:57'],
      ['address', '198.51.100.23', 'T+00:01:01'],
      ['account', 'svc-shop', 'T+01:27:57'],
      ['artefact', '/var/www/shop/public/media/static/thumb.php', 'T+00:48:02'],
    ]);
  });

  it('leaves out what the drill never showed: contained early, only the entry point and the address', () => {
    const result = runDrill(arch, scenario, 7, GOOD);
    const truth = investigationTruth(compileScenarioData(arch, scenario), result.trace, '7');
    expect(truth.map((i) => i.value)).toEqual(['FEServ1', '198.51.100.23']);
  });

  it('credits what was marked, with when, and names what was missed', () => {
    const none = score(GOOD);
    expect(none.share).toBe(0);
    expect(none.findings.map((f) => f.code)).toEqual([
      'investigation.missed-entry-point',
      'investigation.missed-address',
    ]);
    expect(none.findings[0]!.text).toBe(
      'did not find the entry point FEServ1 (observable from T+00:27:37)',
    );
    const both = score([...GOOD, mark('35m', '198.51.100.23'), mark('36m', 'feserv1')]);
    // The address showed 34 minutes before it was marked: past find.target (30m), a little less.
    expect(both.findings.map((f) => f.code)).toEqual([
      'investigation.found-entry-point',
      'investigation.late-address',
    ]);
    expect(both.share).toBeGreaterThan(0.95);
    expect(both.share).toBeLessThan(1);
    expect(both.findings.find((f) => f.code === 'investigation.late-address')?.text).toBe(
      "found the attacker's address 198.51.100.23 at T+00:35:00 (observable from T+00:01:01)",
    );
    expect(both.findings.find((f) => f.code === 'investigation.found-entry-point')?.t).toBe(
      36 * 60_000,
    );
  });

  it('gives nothing for a guess made before the evidence showed it', () => {
    // FEServ1 is marked at T+5m, twenty minutes before anything happened on it.
    const guess = score([...GOOD, mark('5m', 'FEServ1'), mark('6m', '198.51.100.23')]);
    expect(guess.findings.map((f) => f.code)).toEqual([
      'investigation.missed-entry-point',
      'investigation.found-address',
    ]);
    expect(guess.share).toBe(0.5);
    // Marked again once it shows, it counts.
    const again = score([...GOOD, mark('5m', 'FEServ1'), mark('40m', 'FEServ1')]);
    expect(again.findings[0]!.code).toBe('investigation.found-entry-point');
  });

  it('credits a late find less, down to late_credit at the limit (boundaries of find)', () => {
    const find = rubric.dimensions.investigation!.find!;
    const seen = 1_657_791; // FEServ1's first malicious fact (T+00:27:37.791)
    const at = (ms: number) => score([{ at: seen + ms, do: 'mark', value: 'FEServ1' }]);
    const share = (ms: number) => 1 / at(ms).findings.length;
    const first = (ms: number) => at(ms).findings[0]!;
    expect(first(find.target)).toMatchObject({
      code: 'investigation.found-entry-point',
      delta: share(find.target),
    });
    const late = first(find.target + 1000);
    expect(late.code).toBe('investigation.late-entry-point');
    expect(late.delta).toBeLessThan(share(find.target + 1000));
    expect(late.recommendation).toMatch(/was in the evidence for 30m1s first/);
    expect(first(find.limit).delta).toBeCloseTo(
      share(find.limit) * rubric.dimensions.investigation!.late_credit,
      10,
    );
  });

  it('is not evaluated when nothing malicious was observable (a false positive)', () => {
    const fp = score([], load('fp-marketing-upload'));
    expect(fp.findings.map((f) => f.code)).toEqual(['investigation.not-evaluated']);
  });

  it('counts what the trainee found in the default rubric, and the model answer finds it all', () => {
    const actions = bestPolicy(arch, scenario, 7);
    // The blind model answer marks what the lines showed: the truth among it (and the web user).
    expect(actions.filter((a) => a.do === 'mark').map((a) => a.value)).toEqual(
      expect.arrayContaining(['198.51.100.23', 'FEServ1']),
    );
    const result = runDrill(arch, scenario, 7, actions);
    const total = scoreDrill({ architecture: arch, scenario, rubric, result });
    const dim = total.dimensions.find((d) => d.id === 'investigation')!;
    expect(dim).toMatchObject({ evaluated: true, title: 'Investigation findings', share: 1 });
    const without = scoreDrill({
      architecture: arch,
      scenario,
      rubric,
      result: runDrill(
        arch,
        scenario,
        7,
        actions.filter((a) => a.do !== 'mark'),
      ),
    });
    expect(without.dimensions.find((d) => d.id === 'investigation')!.points).toBe(0);
    expect(without.total).toBeLessThan(total.total);
  });

  it('lists the web shell as an artefact, not the configuration the attacker only read', () => {
    const intro = load('intro-static-webshell');
    const result = runDrill(arch, intro, 3, []);
    const truth = investigationTruth(compileScenarioData(arch, intro), result.trace, '3');
    const artefacts = truth.filter((i) => i.kind === 'artefact').map((i) => i.value);
    // The web shell, the cron entry and the SSH key it left; db.php it only read.
    expect(artefacts).toEqual([
      '/var/www/shop/public/media/static/banner-summer.jpg.php',
      '/var/spool/cron/nginx',
      '/var/lib/nginx/.ssh/authorized_keys',
    ]);
  });
});

describe('investigation truth: an address is found where a line shows it', () => {
  it('a skimmer whose collection server only the customers’ browsers reach has no address to find', () => {
    const s = load('checkout-skimmer');
    const result = runDrill(arch, s, 5, []);
    const truth = investigationTruth(compileScenarioData(arch, s), result.trace, '5');
    expect(truth.map((t) => t.kind)).toContain('artefact');
    expect(truth.filter((t) => t.kind === 'address')).toEqual([]);
  });

  it('the ransomware crew’s address counts from the upload, not from its first command', () => {
    const s = load('ransomware-backups');
    const result = runDrill(arch, s, 3, []);
    const truth = investigationTruth(compileScenarioData(arch, s), result.trace, '3');
    const upload = result.trace.find(
      (e) => e.type === 'attacker.entered' && e.state === 'exfiltration',
    )!;
    const address = truth.find((t) => t.kind === 'address')!;
    expect(address.value).toBe(result.trace.find((e) => e.type === 'drill.started')!.attackerIp);
    expect(address.observableAt).toBeGreaterThan(upload.t);
  });
});
