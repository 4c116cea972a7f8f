import { describe, expect, it } from 'vitest';
import { COACH_PHASE_CSF, COACH_PHASES, CSF_CATEGORIES } from '../../src/model/index.js';
import { checkArchitectureText, orThrow } from '../../src/model/index.js';
import { readFileSync } from 'node:fs';
import { architecture, ARCHITECTURE_FILE } from '../helpers.js';

const arch = architecture();

describe('the plan and the coach mapped to NIST SP 800-61r3 / CSF 2.0', () => {
  it("keeps the source text's eleven steps, each placed in the response life cycle", () => {
    expect(arch.emergency_plan).toHaveLength(11);
    for (const step of arch.emergency_plan) {
      expect(step.function, step.id).toBeDefined();
      expect(step.csf.length, step.id).toBeGreaterThan(0);
    }
    const byFunction = (f: string) =>
      arch.emergency_plan.filter((s) => s.function === f).map((s) => s.id);
    expect(byFunction('detect')).toEqual(['confirm', 'monitor']);
    expect(byFunction('recover')).toEqual(['coordinate-restoration', 'close']);
    expect(byFunction('improve')).toEqual(['report']);
    // The Respond categories the issue names are all carried by some step, and RC.RP too.
    const all = new Set(arch.emergency_plan.flatMap((s) => s.csf));
    for (const id of ['RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP']) expect(all).toContain(id);
    expect(arch.references.some((r) => r.includes('800/61/r3'))).toBe(true);
  });

  it('every coach phase maps to CSF 2.0 categories that exist', () => {
    for (const phase of COACH_PHASES) {
      const map = COACH_PHASE_CSF[phase];
      expect(map.csf.length).toBeGreaterThan(0);
      for (const id of map.csf) expect(Object.keys(CSF_CATEGORIES)).toContain(id);
    }
    expect(COACH_PHASE_CSF['post-incident'].function).toBe('improve');
  });

  it('a category CSF 2.0 does not have is refused with the place it is written', () => {
    const text = readFileSync(ARCHITECTURE_FILE, 'utf8').replace(
      'function: detect, csf: [DE.AE, RS.MA]',
      'function: detect, csf: [DE.AE, RS.XX]',
    );
    const result = checkArchitectureText(ARCHITECTURE_FILE, text);
    expect(result.loaded).toBeUndefined();
    const d = result.diagnostics.find((x) => x.sourceLine?.includes('RS.XX'));
    expect(d?.line).toBe(text.split('\n').findIndex((l) => l.includes('RS.XX')) + 1);
    expect(() => orThrow(result)).toThrow();
  });
});
