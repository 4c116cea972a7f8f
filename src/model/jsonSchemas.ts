import { z } from 'zod';
import { actionScriptSchema } from './actionLogSchema.js';
import { architectureSchema } from './architectureSchema.js';
import { detectionRuleSchema } from './detectionRuleSchema.js';
import { scenarioSchema } from './scenarioSchema.js';

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
    rule: generate(detectionRuleSchema, 'rule', 'ttx detection rule'),
  };
}
