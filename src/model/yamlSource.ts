import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { stripControl, type Diagnostic } from './diagnostic.js';
import { closest } from './suggest.js';

/** Limits that keep hostile or accidental input from stalling a loader. */
export const LIMITS = {
  /** Largest YAML file read, in bytes. */
  maxFileBytes: 1024 * 1024,
  /** Most aliases expanded in one document (alias bombs). */
  maxAliasCount: 100,
  /** Deepest nesting of maps and lists. */
  maxDepth: 32,
  /** Most keys in one map (no file of ours needs near this many). */
  maxMapKeys: 1000,
  /** Most items in one list (injects, lines, actions, components...). */
  maxListItems: 2000,
} as const;

export type PathSegment = string | number;

/** A parsed YAML file that can say where any path in it came from. */
export interface YamlSource {
  file: string;
  text: string;
  value: unknown;
  diagnostics: Diagnostic[];
  locate(
    path: readonly PathSegment[],
    options?: { key?: boolean },
  ): { line: number; column: number };
}

function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (item !== null && typeof item === 'object') {
      for (const child of Object.values(item)) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * One linear pass over the parsed nodes: duplicate keys (by a Set per map) and the size limits,
 * each located. Stops at the first map or list over a limit (its contents are not looked at).
 */
function shapeProblems(
  root: Node,
  at: (line: number, column: number) => Omit<Diagnostic, 'severity' | 'code' | 'message'>,
  lineCounter: LineCounter,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (node: Node | null | undefined) => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return at(pos.line, pos.col);
  };
  const stack: unknown[] = [root];
  while (stack.length && out.length < 20) {
    const node = stack.pop();
    if (isMap(node)) {
      if (node.items.length > LIMITS.maxMapKeys) {
        return [
          {
            ...where(node),
            severity: 'error',
            code: 'too-many-keys',
            message: `this map has ${node.items.length} keys`,
            expected: `at most ${LIMITS.maxMapKeys} keys in one map`,
          },
        ];
      }
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          if (seen.has(key))
            out.push({
              ...where(pair.key as Node),
              severity: 'error',
              code: 'duplicate-key',
              message: `Map keys must be unique ("${stripControl(key.slice(0, 60))}" is repeated)`,
              expected: 'each key once per map',
            });
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      if (node.items.length > LIMITS.maxListItems) {
        return [
          {
            ...where(node),
            severity: 'error',
            code: 'too-many-items',
            message: `this list has ${node.items.length} items`,
            expected: `at most ${LIMITS.maxListItems} items in one list`,
          },
        ];
      }
      stack.push(...node.items);
    }
  }
  return out;
}

/** Parses YAML text; syntax problems become diagnostics (the document value is then undefined). */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const lines = text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, column: number) => ({
    file,
    line,
    column,
    sourceLine: stripControl(lines[line - 1] ?? ''),
  });

  let doc: Document.Parsed | undefined;
  let value: unknown;
  if (text.includes('\u0000')) {
    diagnostics.push({
      ...at(1, 1),
      severity: 'error',
      code: 'binary-file',
      message: 'the file contains NUL bytes',
      expected: 'a UTF-8 YAML text file',
    });
  } else {
    // uniqueKeys is checked below in one pass: the library's own check compares every key with
    // every other (a 60,000-key map took minutes). logLevel 'error': its warnings (an unknown
    // tag) would go to the console; they become located diagnostics here instead.
    doc = parseDocument(text, {
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
      strict: true,
      logLevel: 'error',
    });
    for (const error of doc.errors) {
      const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      // The parser recovers from a stack overflow on extreme nesting and reports it as an error.
      if (/call stack/i.test(error.message)) {
        diagnostics.push({
          ...at(pos.line, pos.col),
          severity: 'error',
          code: 'too-deep',
          message: 'the document nests too deeply',
          expected: `at most ${LIMITS.maxDepth} levels of nesting`,
        });
        continue;
      }
      if (error.code === 'MULTIPLE_DOCS') {
        diagnostics.push({
          ...at(pos.line, pos.col),
          severity: 'error',
          code: 'multiple-documents',
          message: 'a second YAML document starts here (after "---")',
          expected: 'one document per file; remove the "---" line or split the file',
        });
        continue;
      }
      diagnostics.push({
        ...at(pos.line, pos.col),
        severity: 'error',
        code: error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
        message: stripControl(error.message.split('\n')[0] ?? error.message),
        ...(error.code === 'DUPLICATE_KEY' ? { expected: 'each key once per map' } : {}),
      });
    }
    for (const warning of doc.warnings) {
      const pos = warning.linePos?.[0] ?? lineCounter.linePos(warning.pos[0]);
      diagnostics.push({
        ...at(pos.line, pos.col),
        severity: 'error',
        code: warning.code === 'TAG_RESOLVE_FAILED' ? 'unknown-tag' : 'yaml-syntax',
        message:
          warning.code === 'TAG_RESOLVE_FAILED'
            ? `unknown tag ${stripControl(warning.message.replace(/^Unresolved tag: /, '').split('\n')[0] ?? '')}`
            : stripControl(warning.message.split('\n')[0] ?? warning.message),
        expected: 'plain YAML values (no custom !tags)',
      });
    }
    if (diagnostics.length === 0 && doc.contents)
      diagnostics.push(...shapeProblems(doc.contents, at, lineCounter));
    if (diagnostics.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
      } catch (error) {
        diagnostics.push({
          ...at(1, 1),
          severity: 'error',
          code: 'alias-limit',
          message: error instanceof Error ? error.message : 'aliases could not be resolved',
          expected: `at most ${LIMITS.maxAliasCount} alias expansions`,
        });
      }
      if (value !== undefined && depthOf(value, LIMITS.maxDepth) > LIMITS.maxDepth) {
        diagnostics.push({
          ...at(1, 1),
          severity: 'error',
          code: 'too-deep',
          message: 'the document nests too deeply',
          expected: `at most ${LIMITS.maxDepth} levels of nesting`,
        });
        value = undefined;
      }
    }
  }

  const locate = (path: readonly PathSegment[], options: { key?: boolean } = {}) => {
    let node: unknown = doc?.contents;
    let range: [number, number, number] | undefined = (node as Node | undefined)?.range as
      [number, number, number] | undefined;
    for (const [index, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        const keyRange = (pair.key as Node).range as [number, number, number] | undefined;
        const valueRange = (pair.value as Node | null)?.range as
          [number, number, number] | undefined;
        const isLast = index === path.length - 1;
        range = isLast && options.key ? keyRange : (valueRange ?? keyRange);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        range = item.range as [number, number, number] | undefined;
        node = item;
      } else break;
    }
    const pos = lineCounter.linePos(range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };

  return { file, text, value, diagnostics, locate };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, segment)
      ? (node as Record<PathSegment, unknown>)[segment]
      : undefined;
  }
  return node;
}

/** Turns schema issues into located diagnostics that say what was expected. */
export function diagnoseSchemaIssues(
  source: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
): Diagnostic[] {
  const lines = source.text.split(/\r?\n/);
  const located = (path: readonly PathSegment[], key = false) => {
    const pos = source.locate(path, { key });
    return {
      file: source.file,
      ...pos,
      sourceLine: stripControl(lines[pos.line - 1] ?? ''),
      severity: 'error' as const,
    };
  };
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    const where = path.length ? path.join('.') : 'the document';
    const received = valueAt(source.value, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = objectKeysAt(schema, path, source.value);
        for (const key of issue.keys) {
          out.push({
            ...located([...path, key], true),
            code: 'unknown-key',
            message: `unknown key "${key}" in ${where}`,
            expected: known.length ? `one of: ${known.join(', ')}` : 'no other keys',
            ...(closest(key, known) ? { suggestion: closest(key, known)! } : {}),
          });
        }
        break;
      }
      case 'invalid_type': {
        const missing = received === undefined;
        out.push({
          ...located(missing ? path.slice(0, -1) : path),
          code: missing ? 'missing-key' : 'wrong-type',
          message: missing
            ? `missing required key "${String(path[path.length - 1])}" in ${path.slice(0, -1).join('.') || 'the document'}`
            : `wrong type at ${where}: got ${describeValue(received)}`,
          expected: expectedType(issue.expected),
        });
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map(String);
        const suggestion = typeof received === 'string' ? closest(received, values) : undefined;
        out.push({
          ...located(path),
          code: 'invalid-value',
          message: `invalid value at ${where}: got ${describeValue(received)}`,
          expected: `one of: ${values.join(', ')}`,
          ...(suggestion ? { suggestion } : {}),
        });
        break;
      }
      case 'invalid_union': {
        // A discriminated union (evidence `kind:`): say which values exist, suggest the closest.
        const options = 'options' in issue ? (issue.options as unknown[]) : undefined;
        if (!options) {
          out.push({
            ...located(path),
            code: 'invalid-value',
            message: `${where}: ${issue.message}`,
          });
          break;
        }
        const values = options.filter((o): o is string => typeof o === 'string');
        const suggestion = typeof received === 'string' ? closest(received, values) : undefined;
        out.push({
          ...located(path),
          code: 'invalid-value',
          message: `invalid value at ${where}: got ${describeValue(received)}`,
          expected: issue.message.replace(/^expected /, ''),
          ...(suggestion ? { suggestion } : {}),
        });
        break;
      }
      case 'too_small':
      case 'too_big':
        out.push({
          ...located(path),
          code: 'out-of-range',
          message: `${where}: ${issue.message.replace(/^Too (small|big): /, '')}`,
        });
        break;
      default: {
        const message = issue.message.replace(/^Invalid input: /, '');
        const expectedText = message.startsWith('expected ') ? message.slice(9) : undefined;
        out.push({
          ...located(path),
          code: issue.code === 'invalid_format' ? 'invalid-format' : 'invalid-value',
          message: expectedText
            ? `invalid value at ${where}: got ${describeValue(received)}`
            : `${where}: ${message}`,
          ...(expectedText ? { expected: expectedText } : {}),
        });
      }
    }
  }
  return out;
}

function expectedType(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    default:
      return `a ${expected}`;
  }
}

type SchemaDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
};

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** Follows a data path through a schema and lists the keys the object found there allows. */
export function objectKeysAt(
  schema: z.ZodType,
  path: readonly PathSegment[],
  value?: unknown,
): string[] {
  let node: z.ZodType | undefined = schema;
  const rest = [...path];
  // The data beside the schema, so a discriminated union picks the option the data names.
  let data = value;
  const step = () => {
    const key = rest.shift()!;
    data =
      data !== null && typeof data === 'object'
        ? (data as Record<PathSegment, unknown>)[key]
        : undefined;
  };
  for (let guard = 0; node && guard < 200; guard++) {
    const def = defOf(node);
    if (def.innerType) node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else if (def.type === 'union' && def.discriminator && data && typeof data === 'object') {
      const wanted = (data as Record<string, unknown>)[def.discriminator];
      node = (def.options ?? []).find((option) => {
        const literal = defOf(option).shape?.[def.discriminator!];
        return literal && defOf(literal).values?.includes(wanted);
      });
    } else if (rest.length === 0) return def.shape ? Object.keys(def.shape) : [];
    else if (def.type === 'object') {
      node = def.shape?.[String(rest[0])];
      step();
    } else if (def.type === 'array') {
      step();
      node = def.element;
    } else if (def.type === 'record') {
      step();
      node = def.valueType;
    } else if (def.type === 'union') {
      const options: z.ZodType[] = def.options ?? [];
      const keys = options.map((option) => objectKeysAt(option, rest)).find((k) => k.length);
      return keys ?? [];
    } else return [];
  }
  return [];
}
