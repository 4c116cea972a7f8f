import { describe, expect, it } from 'vitest';
import { stripControl } from '../../src/model/index.js';

// eslint-disable-next-line no-control-regex
const REFERENCE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

describe('the terminal sanitiser', () => {
  it('removes exactly the controls of the rule, for every UTF-16 code unit, wherever it stands', () => {
    const differing: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`${ch}`, `ab${ch}`, `a${ch}b${ch}`]) {
        if (stripControl(text) !== text.replace(REFERENCE, '')) differing.push(c);
      }
    }
    expect(differing).toEqual([]);
  });

  it('keeps tab, newline and printable text, and hands clean text back unchanged', () => {
    const clean = 'GET /a\tb\n\u00e9 \u2603 \ud834\udd1e';
    expect(stripControl(clean)).toBe(clean);
    expect(stripControl('\u001b]0;pwned\u0007\u001b[2Jok\u202e\u009b\r')).toBe(']0;pwned[2Jok');
  });
});
