import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { InputError, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { diagnoseSchemaIssues, LIMITS, parseYamlSource, type YamlSource } from './yamlSource.js';

/** Reads a file with the size limit applied; problems become a diagnostic at 1:1. */
export function readInputFile(file: string): { text?: string; diagnostic?: Diagnostic } {
  const problem = (
    code: string,
    message: string,
    expected?: string,
  ): { diagnostic: Diagnostic } => ({
    diagnostic: {
      file,
      line: 1,
      column: 1,
      severity: 'error',
      code,
      message,
      ...(expected ? { expected } : {}),
    },
  });
  try {
    if (file.includes('\u0000')) return problem('bad-path', 'the path contains a NUL byte');
    const stats = statSync(file);
    if (!stats.isFile()) return problem('not-a-file', 'not a regular file');
    if (stats.size > LIMITS.maxFileBytes) {
      return problem(
        'file-too-large',
        `the file is ${stats.size} bytes`,
        `at most ${LIMITS.maxFileBytes} bytes`,
      );
    }
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return problem(
      'unreadable',
      code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'unknown error'})`,
    );
  }
}

/** The outcome of parsing and validating one YAML text against a schema. */
export interface Parsed<T> {
  source: YamlSource;
  value?: T;
  diagnostics: Diagnostic[];
}

/** YAML text -> schema-checked value, with every problem located. Never throws. */
export function parseWithSchema<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): Parsed<z.output<S>> {
  const source = parseYamlSource(file, text);
  if (source.diagnostics.length) return { source, diagnostics: source.diagnostics };
  const result = schema.safeParse(source.value);
  if (!result.success) {
    return {
      source,
      diagnostics: sortDiagnostics(diagnoseSchemaIssues(source, result.error.issues, schema)),
    };
  }
  return { source, value: result.data, diagnostics: [] };
}

/** Reads, parses and validates a file, or throws an InputError carrying every diagnostic. */
export function loadFileWithSchema<S extends z.ZodType>(
  file: string,
  schema: S,
): Parsed<z.output<S>> {
  const { text, diagnostic } = readInputFile(file);
  if (diagnostic) throw new InputError([diagnostic]);
  const parsed = parseWithSchema(file, text!, schema);
  if (parsed.diagnostics.some((d) => d.severity === 'error'))
    throw new InputError(parsed.diagnostics);
  return parsed;
}
