import { compileScenarioData } from '../src/engine/index.js';
import { checkArchitectureFile, checkScenarioFile, orThrow } from '../src/model/index.js';
import { createTelemetry } from '../src/telemetry/index.js';
const arch = orThrow(checkArchitectureFile(`architecture.yaml`)).model;
const base = orThrow(checkScenarioFile(`scenarios/fe-bash-rce.yaml`, arch)).model;
const t = createTelemetry(compileScenarioData(arch, base), 7);
console.log(t.streams.length);
const by = new Map(); for (const s of t.streams) by.set(s.source, (by.get(s.source)??0)+1); console.log(by);
