import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Diagnostic } from './diagnostic.js';
import {
  evidenceItemSchema,
  type EvidenceEntry,
  type EvidenceTemplate,
  type ParameterValue,
  type ExpandedEvidenceItem,
} from './evidenceSchema.js';
import { fillParameters } from './evidenceParameters.js';
import { packageRoot } from './packageRoot.js';

/** The evidence templates an author may `use:`, by id. */
export interface EvidenceLibrary {
  templates: ReadonlyMap<string, EvidenceTemplate>;
  /** Problems found loading the library's files (reported by `ttx validate`). */
  diagnostics: readonly Diagnostic[];
  /** Of its files' names and bytes: what a scenario was checked against (unset: not from files). */
  sha256?: string;
}

export const EMPTY_EVIDENCE_LIBRARY: EvidenceLibrary = { templates: new Map(), diagnostics: [] };

export function parameterDefaults(template: EvidenceTemplate): Record<string, ParameterValue> {
  return Object.fromEntries(Object.entries(template.parameters).map(([k, p]) => [k, p.default]));
}

/**
 * A `use:` item expanded: the template's items with the parameters filled in, and the use item's
 * `on`, `from`, `as` (where the item has none) and `at` (added) applied to each. With an id on the
 * use item, each item's id becomes `<use id>.<item id or position>`, so injects can name the whole
 * use (its id) or one item; without, items keep the template's ids.
 */
export function expandUse(
  use: Extract<EvidenceEntry, { use: string }>,
  template: EvidenceTemplate,
): { items: ExpandedEvidenceItem[]; issues: Array<{ index: number; issues: z.core.$ZodIssue[] }> } {
  const values = { ...parameterDefaults(template), ...use.with };
  const items: ExpandedEvidenceItem[] = [];
  const issues: Array<{ index: number; issues: z.core.$ZodIssue[] }> = [];
  template.evidence.forEach((raw, index) => {
    const parsed = evidenceItemSchema.safeParse(fillParameters(raw, values));
    if (!parsed.success) {
      issues.push({ index, issues: parsed.error.issues });
      return;
    }
    const item = parsed.data;
    items.push({
      ...item,
      ...(use.on !== undefined && item.on === undefined ? { on: use.on } : {}),
      ...(use.from !== undefined && item.from === undefined ? { from: use.from } : {}),
      ...(use.as !== undefined && item.as === undefined ? { as: use.as } : {}),
      ...(use.at !== undefined ? { at: (item.at ?? 0) + use.at } : {}),
      ...(use.id !== undefined ? { id: `${use.id}.${item.id ?? index + 1}` } : {}),
      template: template.id,
      ...(use.id !== undefined ? { group: use.id } : {}),
    });
  });
  return { items, issues };
}

/** The template files in a folder (top level, sorted). */
export function listEvidenceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The shipped templates: the `evidence/` folder beside architecture.yaml. */
export function shippedEvidenceDir(): string {
  return join(packageRoot(), 'evidence');
}
