import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRubricText } from '../../src/model/index.js';
import { architecture, ROOT } from '../helpers.js';

const arch = architecture();
const FILE = `${ROOT}scoring/default.yaml`;
const text = readFileSync(FILE, 'utf8');

describe('rubric loader', () => {
  it('accepts the default rubric', () => {
    const checked = checkRubricText(FILE, text, arch);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.loaded?.model.dimensions['time-to-contain']?.targets.minor).toEqual({
      target: 30 * 60_000,
      limit: 2 * 3_600_000,
    });
  });

  it('locates every reference and schema problem in one run', () => {
    const broken = text
      .replace(
        '      major: { target: 15m, limit: 1h }\n',
        '      majr: { target: 15m, limit: 1h }\n',
      )
      .replace(
        'sensitive_contacts: [pr-dept, upper-mgmt]',
        'sensitive_contacts: [pr-dpt, upper-mgmt]',
      )
      .replace(
        'in_order: [confirm, escalate, close, report]',
        'in_order: [confirm, escalate, closed, report]',
      )
      .replace('      low: { target: 1h, limit: 4h }\n', '      low: { target: 4h, limit: 1h }\n')
      .replace('    lost_penalty: 0.5', '    lost_penalty: 0.5\n    lost_penalti: 1');
    const { loaded, diagnostics } = checkRubricText('broken.yaml', broken, arch);
    expect(loaded).toBeUndefined();
    const found = diagnostics.map((d) => [d.line, d.code, d.suggestion]);
    const line = (needle: string) => broken.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(found).toEqual(
      expect.arrayContaining([
        [line('majr:'), 'unknown-reference', 'major'],
        [line('targets:') + 1, 'missing-severity', undefined],
        [line('sensitive_contacts'), 'unknown-reference', 'pr-dept'],
        [line('in_order'), 'unknown-reference', 'close'],
        [line('low: { target: 4h'), expect.any(String), undefined],
        [line('lost_penalti'), expect.any(String), 'lost_penalty'],
      ]),
    );
    expect(diagnostics.every((d) => d.file === 'broken.yaml' && d.column >= 1)).toBe(true);
  });
});
