import { z } from 'zod';
import { actionScriptSchema } from './actionLogSchema.js';
import { architectureSchema } from './architectureSchema.js';
import { rubricSchema } from './rubricSchema.js';
import { scenarioSchema, scenarioTestsFileSchema } from './scenarioSchema.js';
import { detectionRuleSchema } from './detectionRuleSchema.js';
import { evidenceTemplateSchema } from './evidenceSchema.js';

/**
 * JSON Schemas (draft-7, which yaml-language-server and most editors accept) generated from the
 * same zod schemas the loaders use. The input side is described: durations are strings there.
 */
export function jsonSchemas(): Record<string, unknown> {
  const generate = (schema: z.ZodType, id: string, title: string) => ({
    $id: `https://ttx.acme.example/schemas/${id}.schema.json`,
    title,
    ...z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
  });
  return {
    architecture: generate(architectureSchema, 'architecture', 'ttx architecture'),
    scenario: generate(scenarioSchema, 'scenario', 'ttx scenario'),
    actions: generate(actionScriptSchema, 'actions', 'ttx action script'),
    rubric: generate(rubricSchema, 'rubric', 'ttx scoring rubric'),
    'scenario-tests': generate(scenarioTestsFileSchema, 'scenario-tests', 'ttx scenario tests'),
    rule: generate(detectionRuleSchema, 'rule', 'ttx detection rule'),
    evidence: generate(evidenceTemplateSchema, 'evidence', 'ttx evidence template'),
  };
}
