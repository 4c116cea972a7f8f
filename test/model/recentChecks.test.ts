import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkArchitectureText, checkScenarioText } from '../../src/model/index.js';
import { ARCHITECTURE_FILE, ROOT } from '../helpers.js';

const archText = readFileSync(ARCHITECTURE_FILE, 'utf8');
const scenarioFile = `${ROOT}/scenarios/fe-bash-rce.yaml`;
const scenarioText = readFileSync(scenarioFile, 'utf8');

describe('checks of the same file and text', () => {
  it('are made once: the same model comes back, frozen so no caller can change it for another', () => {
    const first = checkArchitectureText(ARCHITECTURE_FILE, archText).loaded!.model;
    const again = checkArchitectureText(ARCHITECTURE_FILE, archText).loaded!.model;
    expect(again).toBe(first);
    expect(Object.isFrozen(first.components[0])).toBe(true);
    expect(() => {
      (first.components as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('are made again when the text, the file name or what it was checked against differs', () => {
    const arch = checkArchitectureText(ARCHITECTURE_FILE, archText).loaded!.model;
    const edited = checkArchitectureText(ARCHITECTURE_FILE, `${archText}\n# edited\n`).loaded!
      .model;
    expect(edited).not.toBe(arch);
    expect(edited).toEqual(arch);
    expect(checkArchitectureText('elsewhere.yaml', archText).loaded!.model).not.toBe(arch);

    const scenario = checkScenarioText(scenarioFile, scenarioText, arch).loaded!.model;
    expect(checkScenarioText(scenarioFile, scenarioText, arch).loaded!.model).toBe(scenario);
    expect(checkScenarioText(scenarioFile, scenarioText, edited).loaded!.model).not.toBe(scenario);
  });

  it('keep a broken file broken: its diagnostics come back each time, the same', () => {
    const broken = 'components: [';
    const first = checkArchitectureText('broken.yaml', broken);
    const again = checkArchitectureText('broken.yaml', broken);
    expect(first.loaded).toBeUndefined();
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(again.diagnostics.length).toBeGreaterThan(0);
  });

  it('remember only the last few: a long-running process does not grow with every file it read', () => {
    const arch = checkArchitectureText(ARCHITECTURE_FILE, archText).loaded!.model;
    for (let i = 0; i < 40; i++) checkArchitectureText(`other-${i}.yaml`, archText);
    expect(checkArchitectureText(ARCHITECTURE_FILE, archText).loaded!.model).not.toBe(arch);
  });
});
