import { describe, expect, it } from 'vitest';
import {
  decodeDrillCode,
  encodeDrillCode,
  MAX_CODE_SEED,
  replayDrill,
  runDrill,
} from '../../src/engine/index.js';
import { architecture, goldenScenario } from '../helpers.js';

describe('drill codes', () => {
  it('round-trip scenario and seed', () => {
    for (const seed of [0, 1, 7, 31, 32, 1023, 54321, MAX_CODE_SEED]) {
      const code = encodeDrillCode('fe-bash-rce', seed);
      expect(code).toMatch(/^fe-bash-rce-[0-9A-Z]{4}$/);
      expect(decodeDrillCode(code)).toEqual({ scenarioId: 'fe-bash-rce', seed });
    }
  });

  it('read lower case and Crockford look-alikes, and refuse garbage', () => {
    const code = encodeDrillCode('lb-ddos', 12345);
    expect(decodeDrillCode(code.toLowerCase())).toEqual({ scenarioId: 'lb-ddos', seed: 12345 });
    expect(decodeDrillCode('x-00O1')).toEqual(decodeDrillCode('x-0001'));
    expect(decodeDrillCode('x-0I0L')).toEqual(decodeDrillCode('x-0101'));
    expect(decodeDrillCode('no-code-here!')).toBeUndefined();
    expect(decodeDrillCode('x-UUUU')).toBeUndefined();
    expect(() => encodeDrillCode('x', MAX_CODE_SEED + 1)).toThrow(RangeError);
  });
});

describe('replayDrill', () => {
  it('rebuilds the same state as running the log, at any cut-off, and continues identically', () => {
    const arch = architecture();
    const scenario = goldenScenario();
    const log = scenario.tests.find((t) => t.id === 'good-response')!.actions;
    const full = runDrill(arch, scenario, 7, log);
    for (const cut of [3, 8, log.length]) {
      const resumed = replayDrill(arch, scenario, 7, log.slice(0, cut));
      for (const entry of log.slice(cut)) {
        resumed.advanceTo(entry.at);
        const { at: _at, ...request } = entry;
        resumed.act(request);
      }
      resumed.runToEnd();
      expect(JSON.stringify(resumed.trace)).toBe(JSON.stringify(full.trace));
    }
  });
});
