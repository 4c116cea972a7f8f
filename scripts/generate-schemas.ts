// Writes schemas/*.schema.json from the loaders' zod schemas. Run: npm run schemas
import { mkdirSync, writeFileSync } from 'node:fs';
import { resultsJsonSchema } from '../src/export/index.js';
import { jsonSchemas } from '../src/model/index.js';

const dir = new URL('../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries({ ...jsonSchemas(), results: resultsJsonSchema() })) {
  writeFileSync(new URL(`${name}.schema.json`, dir), `${JSON.stringify(schema, null, 2)}\n`);
}
