import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestPolicy } from '../../src/authoring/bestPolicy.js';
import { compileScenarioData, runDrill } from '../../src/engine/index.js';
import { checkScenarioFile, checkScenarioText, orThrow } from '../../src/model/index.js';
import { GOLDEN_DIR, architecture } from '../helpers.js';

const arch = architecture();
const lbDdos = orThrow(checkScenarioFile(`${GOLDEN_DIR}lb-ddos.yaml`, arch)).model;
const feBash = orThrow(checkScenarioFile(`${GOLDEN_DIR}fe-bash-rce.yaml`, arch)).model;
const contactsAt = (matrix: Record<string, Array<{ contact: string }>>, severity: string) =>
  (matrix[severity] ?? []).map((r) => r.contact);

describe('the escalation matrix by incident category, with the contacts a scenario adds', () => {
  it('a flood does not page the EPP provider; an intrusion does', () => {
    const flood = compileScenarioData(arch, lbDdos).architecture.escalation_matrix;
    const intrusion = compileScenarioData(arch, feBash).architecture.escalation_matrix;
    expect(contactsAt(flood, 'major')).not.toContain('epp-provider');
    expect(contactsAt(intrusion, 'major')).toContain('epp-provider');
    // The scenario's own contact is in its matrix and its contacts, not in another scenario's.
    expect(contactsAt(flood, 'major')).toContain('scrubbing-provider');
    expect(contactsAt(intrusion, 'major')).not.toContain('scrubbing-provider');
    expect(compileScenarioData(arch, lbDdos).architecture.contacts.map((c) => c.id)).toContain(
      'scrubbing-provider',
    );
  });

  it('the model answer follows the matrix of its category: it calls the scrubbing service, not EPP', () => {
    const log = bestPolicy(arch, lbDdos, 7);
    const told = log.filter((a) => a.do === 'escalate').map((a) => a.contact);
    expect(told).toContain('scrubbing-provider');
    expect(told).not.toContain('epp-provider');
    // The engine accepts the added contact (done, not rejected).
    const result = runDrill(arch, lbDdos, 7, log);
    expect(
      result.trace.some(
        (e) => e.type === 'action.done' && e.request.contact === 'scrubbing-provider',
      ),
    ).toBe(true);
  });

  it('rejects an unknown category and a rule for an unknown contact, located', () => {
    const source = readFileSync(`${GOLDEN_DIR}lb-ddos.yaml`, 'utf8')
      .replace('category: denial-of-service', 'category: flood')
      .replace(
        '\nattacker:\n',
        '\narchitecture_overrides:\n  escalation_matrix:\n    critical: [{ contact: nobody, channel: phone, within: 15m }]\nattacker:\n',
      );
    const checked = checkScenarioText('lb-ddos.yaml', source, arch);
    const messages = checked.diagnostics.map((d) => d.message);
    expect(messages.some((m) => /unknown incident category "flood"/.test(m))).toBe(true);
    expect(messages.some((m) => /unknown contact "nobody"/.test(m))).toBe(true);
  });
});

describe('the shipped matrix is cumulative in every category', () => {
  it('each severity lists everyone the one below does (critical keeps the network and system engineers)', () => {
    const categories = [undefined, ...arch.incident_categories.map((c) => c.id)];
    for (const category of categories) {
      const matrix = compileScenarioData(arch, { ...feBash, category }).architecture
        .escalation_matrix;
      const order = arch.severities.map((s) => s.id);
      for (let i = 1; i < order.length; i++) {
        const below = contactsAt(matrix, order[i - 1]!);
        expect(contactsAt(matrix, order[i]!), `${category ?? 'any'} ${order[i]}`).toEqual(
          expect.arrayContaining(below),
        );
      }
      expect(contactsAt(matrix, 'critical')).toEqual(expect.arrayContaining(['snow', 'duck']));
    }
  });
});
