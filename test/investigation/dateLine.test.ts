import { describe, expect, it } from 'vitest';
import { dateLine } from '../../src/investigation/console/commands.js';

describe('the console calendar (no Date in the core)', () => {
  it('prints `date` as coreutils does in UTC, for any simulated instant', () => {
    expect(dateLine(Date.parse('2026-03-12T23:05:09Z'))).toBe('Thu Mar 12 23:05:09 UTC 2026');
    expect(dateLine(Date.parse('2014-10-15T02:00:00Z'))).toBe('Wed Oct 15 02:00:00 UTC 2014');
    expect(dateLine(Date.parse('2024-02-29T00:00:00Z'))).toBe('Thu Feb 29 00:00:00 UTC 2024');
  });
});
