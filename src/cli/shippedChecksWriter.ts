import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkArchitectureFile,
  checkRuleFile,
  checkScenarioFile,
  orThrow,
  shippedEvidenceLibrary,
} from '../model/index.js';
import {
  recordShippedChecks,
  SHIPPED_CHECKS_FILE,
  useShippedChecksTable,
  type ShippedChecksTable,
} from '../model/shippedChecks.js';
import { defaultArchitecturePath, listRuleFiles, listScenarioFiles } from './paths.js';

/*
 * Run once by scripts/build.mjs, from the fresh bundle (dist/shippedChecksWriter.js, removed
 * after): checks every shipped file with the bundle's own loaders and writes the clean models
 * to dist/shipped-checks.json (src/model/shippedChecks.ts says why and how they are found).
 */
useShippedChecksTable(null);
const models: Record<string, unknown> = {};
recordShippedChecks(
  (key, model) => (models[key] = model),
  () => {
    const architecture = orThrow(checkArchitectureFile(defaultArchitecturePath())).model;
    shippedEvidenceLibrary();
    for (const file of listRuleFiles()) checkRuleFile(file, architecture);
    for (const file of listScenarioFiles()) checkScenarioFile(file, architecture);
  },
);
const table: ShippedChecksTable = { format: 'ttx-shipped-checks/1', models };
const out = join(dirname(fileURLToPath(import.meta.url)), SHIPPED_CHECKS_FILE);
writeFileSync(out, JSON.stringify(table));
