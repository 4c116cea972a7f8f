import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { InputError, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { diagnoseSchemaIssues, LIMITS, parseYamlSource, type YamlSource } from './yamlSource.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Line and column (in characters) of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    // A lead byte needs that many continuation bytes, and the whole sequence must decode alone
    // (which rejects overlong forms and surrogates too).
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && length > 1) {
      try {
        UTF8.decode(bytes.subarray(i, i + length));
      } catch {
        ok = false;
      }
    }
    if (!ok) return { line, column };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { line, column };
}

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
    const bytes = readFileSync(file);
    // NUL bytes: a binary file, which the YAML reader reports as such (binary-file).
    if (bytes.includes(0)) return { text: bytes.toString('utf8') };
    try {
      return { text: UTF8.decode(bytes) };
    } catch {
      const { line, column } = firstInvalidUtf8(bytes);
      return {
        diagnostic: {
          ...problem('invalid-utf8', 'the file is not valid UTF-8', 'a UTF-8 text file').diagnostic,
          line,
          column,
        },
      };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return problem(
      'unreadable',
      code === 'ENOENT'
        ? 'no such file'
        : code === 'ELOOP'
          ? 'a symbolic link loop (the link leads back to itself)'
          : `cannot read the file (${code ?? 'unknown error'})`,
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
