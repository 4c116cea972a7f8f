import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenarioData } from '../../src/engine/compiledScenario.js';
import { checkScenarioText, orThrow } from '../../src/model/index.js';
import { ROOT, architecture, scenarioVariant } from '../helpers.js';

const DRUPAGEDDON = `${ROOT}scenarios/drupageddon-advisory.yaml`;

/** Products (or major versions) released after October 2014. */
const AFTER_2014 = [
  /PHP-FPM 7/,
  /nginx 1\.(1\d|[2-9]\d)/,
  /Suricata [3-9]/,
  /Kong/,
  /ModSecurity v3/,
  /CRS 3/,
  /Debian (9|1\d)/,
  /HAProxy 2/,
  /MySQL 5\.7/,
  /rsyslog 8/,
];

describe('architecture overrides', () => {
  it('give the 2014 drill period-correct software on every component', () => {
    const arch = architecture();
    const scenario = orThrow(
      checkScenarioText(DRUPAGEDDON, readFileSync(DRUPAGEDDON, 'utf8'), arch),
    ).model;
    const compiled = compileScenarioData(arch, scenario);
    const fe3 = compiled.architecture.components.find((c) => c.id === 'FEServ3')!;
    expect(fe3.stack).toContain('Drupal 7.31');
    expect(fe3.stack).toContain('PHP-FPM 5.4');
    for (const c of compiled.architecture.components)
      for (const text of [c.os, ...c.stack])
        for (const late of AFTER_2014) expect(text, `${c.id}: ${text}`).not.toMatch(late);
    // The shared architecture itself is untouched.
    expect(arch.components.find((c) => c.id === 'FEServ3')!.stack).toContain('PHP-FPM 7.2');
  });

  it('locate an override of a component the architecture does not have', () => {
    const text = scenarioVariant((doc) => {
      doc.architecture_overrides = { components: [{ id: 'FEServ9', stack: ['nginx 1.6'] }] };
    });
    const checked = checkScenarioText('variant.yaml', text, architecture());
    expect(checked.loaded).toBeUndefined();
    const messages = checked.diagnostics
      .map((d) => `${d.line}:${d.column} ${d.message} ${d.suggestion ?? ''}`)
      .join('\n');
    expect(messages).toMatch(/FEServ9/);
    expect(checked.diagnostics.some((d) => /^FEServ[123]$/.test(d.suggestion ?? ''))).toBe(true);
    expect(checked.diagnostics[0]!.line).toBeGreaterThan(1);
  });
});
