import { parse, type LiqeQuery } from 'liqe';

/** One searchable log line: where and when it was written, its raw text, the SIEM's fields. */
export interface SearchDoc {
  t: number;
  component: string;
  source: string;
  text: string;
  fields: Readonly<Record<string, string | number | boolean>>;
}

/** A query that did not parse: what is wrong and where (0-based offset, 1-based column). */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

/**
 * ECS names the trainee may use for the SIEM's own field names (the parsers in
 * telemetry/rules/parseLine.ts name them as the products do).
 */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  'source.ip': 'src_ip',
  'client.ip': 'src_ip',
  'destination.ip': 'dest_ip',
  'destination.port': 'dest_port',
  'url.path': 'path',
  'url.original': 'path',
  'http.request.method': 'method',
  'http.response.status_code': 'status',
  'http.response.body.bytes': 'bytes',
  'user_agent.original': 'user_agent',
  'http.request.referrer': 'referer',
  'user.name': 'user',
  'process.command_line': 'command',
  'process.name': 'program',
  'rule.name': 'signature',
  'rule.id': 'signature_id',
  'event.action': 'action',
  'network.transport': 'proto',
  'host.name': 'component',
  'host.id': 'component',
  'log.source': 'source',
  'event.dataset': 'source',
};

/** The document key a query field names. */
export function fieldKey(name: string): string {
  return FIELD_ALIASES[name] ?? name;
}

function valueOf(doc: SearchDoc, key: string): string | number | boolean | undefined {
  if (key === 'component') return doc.component;
  if (key === 'source') return doc.source;
  if (key === 'message') return doc.text;
  return doc.fields[key];
}

export type Predicate = (doc: SearchDoc) => boolean;

/**
 * liqe's grammar reads an unquoted value that starts with a digit as a number and one that starts
 * with `/` as a regex, so `source.ip:203.0.113.7` and `url.path:/index.php` do not parse. Such
 * values are quoted before parsing, remembered as unquoted (wildcards keep working), and every
 * offset liqe reports is mapped back to the trainee's text.
 */
function quoteBareValues(query: string): {
  text: string;
  origin: number[];
  bare: Set<number>;
} {
  let text = '';
  const origin: number[] = [];
  const bare = new Set<number>();
  const push = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      text += s[k];
      origin.push(at);
    }
  };
  let i = 0;
  let inRange = false;
  while (i < query.length) {
    const c = query[i]!;
    if (c === '[' || c === '{') inRange = true;
    if (c === ']' || c === '}') inRange = false;
    if (c === '"' || c === "'") {
      const end = query.indexOf(c, i + 1);
      const stop = end === -1 ? query.length : end + 1;
      for (let k = i; k < stop; k++) push(query[k]!, k);
      i = stop;
      continue;
    }
    const atTokenStart = i === 0 || /[\s(:]/.test(query[i - 1]!) || /[:<>=]$/.test(text);
    if (atTokenStart && !inRange && !/[\s()[\]{}"'<>=]/.test(c)) {
      let end = i;
      while (end < query.length && !/[\s()"'\]}]/.test(query[end]!)) end++;
      const token = query.slice(i, end);
      const isRegex = /^\/.*\/[a-z]*$/.test(token) && token.length > 1;
      const afterColon = /[:<>=]$/.test(text);
      const needsQuotes =
        !isRegex &&
        (afterColon || !token.includes(':')) &&
        !/^-?\d+(\.\d+)?$/.test(token) &&
        !['AND', 'OR', 'NOT', 'TO'].includes(token) &&
        (/^[\d/]/.test(token) || /[^A-Za-z0-9_*?-]/.test(token)) &&
        (afterColon || !token.startsWith('-'));
      if (needsQuotes) {
        bare.add(text.length);
        push('"', i);
        for (let k = i; k < end; k++) push(query[k]!, k);
        push('"', end - 1);
        i = end;
        continue;
      }
    }
    push(c, i);
    i++;
  }
  origin.push(query.length);
  return { text, origin, bare };
}

const escapeRegex = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const globToRegex = (glob: string, anchored: boolean, flags: string) =>
  new RegExp(
    `${anchored ? '^' : ''}${escapeRegex(glob).replace(/\*/g, '.*').replace(/\?/g, '.')}${anchored ? '$' : ''}`,
    flags,
  );

function parseRegexLiteral(value: string): RegExp {
  const last = value.lastIndexOf('/');
  return new RegExp(value.slice(1, last), value.slice(last + 1).replace(/[^imsu]/g, ''));
}

/**
 * Compiles a Lucene/KQL-style query (parsed by liqe) into a predicate over log lines:
 * - `field:value` matches the whole value, case-insensitively, with `*` and `?` wildcards;
 *   `field:*` means the field exists; numbers compare as numbers;
 * - `field:"text"` (quoted) matches text inside the value, case-sensitively;
 * - `field:/regex/`, `field:>=500` (`>`, `<`, `<=`), `field:[200 TO 299]` (`{}` exclusive);
 * - a bare term (`php`, `"GET /"`) searches the whole raw line;
 * - `AND`, `OR`, `NOT`/`-`, parentheses; terms side by side mean AND.
 * Field names are the SIEM's (`src_ip`, `status`, `path`...) or their ECS names (`source.ip`,
 * `http.response.status_code`, `url.path`...), plus `component`, `source` and `message`.
 */
/** An exact `field:value` test every match must pass (value lower-cased): an index can look it up. */
export interface RequiredTerm {
  key: string;
  /** The exact value (lower-cased)... */
  value?: string;
  /** ...or a test of each distinct value of the field (lower-cased): wildcards, ranges. */
  test?: (value: string) => boolean;
}

export function compileQuery(query: string): {
  predicate: Predicate;
  fields: string[];
  /** Terms every match has (any one of them narrows the candidates); empty: scan every line. */
  required: RequiredTerm[];
} {
  const prepared = quoteBareValues(query);
  let ast: LiqeQuery;
  try {
    ast = parse(prepared.text);
  } catch (error) {
    const e = error as { offset?: number; message?: string };
    const offset =
      e.offset !== undefined ? (prepared.origin[e.offset] ?? query.length) : query.length; // "found no parsings": the query ended too early
    const what =
      e.offset !== undefined
        ? `unexpected ${query[offset] === undefined ? 'end of query' : `"${query[offset]}"`}`
        : 'the query is incomplete (an operator, a quote or a parenthesis is missing its other half)';
    throw new QuerySyntaxError(`${what} at column ${offset + 1}`, offset, offset + 1);
  }
  const fields = new Set<string>();
  const predicate = compileNode(ast, prepared.bare, fields);
  return { predicate, fields: [...fields], required: requiredTerms(ast, prepared.bare) };
}

/**
 * The exact terms a match cannot do without: a `field:value` with no wildcard (matched whole and
 * case-insensitively), alone or in an AND chain, never under NOT or OR.
 */
function requiredTerms(node: LiqeQuery, bare: Set<number>): RequiredTerm[] {
  switch (node.type) {
    case 'ParenthesizedExpression':
      return requiredTerms(node.expression as LiqeQuery, bare);
    case 'LogicalExpression':
      return node.operator.operator === 'OR'
        ? []
        : [
            ...requiredTerms(node.left as LiqeQuery, bare),
            ...requiredTerms(node.right as LiqeQuery, bare),
          ];
    case 'Tag': {
      const { expression, field, operator } = node;
      if (field.type === 'ImplicitField') return [];
      const key = fieldKey(field.name);
      if (expression.type === 'RangeExpression') {
        const { min, max, minInclusive, maxInclusive } = expression.range;
        return [
          {
            key,
            test: (text) => {
              const v = Number(text);
              if (text === '' || Number.isNaN(v)) return false;
              return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
            },
          },
        ];
      }
      if (expression.type !== 'LiteralExpression') return [];
      const literal = expression.value;
      if (operator.operator !== ':' && operator.operator !== ':=') {
        const n = Number(literal);
        const op = operator.operator;
        return [
          {
            key,
            test: (text) => {
              if (text === '') return false;
              const v = Number(text);
              return op === ':>' ? v > n : op === ':>=' ? v >= n : op === ':<' ? v < n : v <= n;
            },
          },
        ];
      }
      const userQuoted = expression.quoted && !bare.has(expression.location.start);
      if (userQuoted || literal === null || typeof literal === 'boolean') return [];
      if (typeof literal === 'string' && literal !== '*' && /[*?]/.test(literal)) {
        const re = globToRegex(literal, true, 'i');
        return [{ key, test: (text) => re.test(text) }];
      }
      if (literal === '*') return [];
      return [{ key, value: String(literal).toLowerCase() }];
    }
    default:
      return [];
  }
}

function compileNode(node: LiqeQuery, bare: Set<number>, fields: Set<string>): Predicate {
  switch (node.type) {
    case 'EmptyExpression':
      return () => true;
    case 'ParenthesizedExpression':
      return compileNode(node.expression as LiqeQuery, bare, fields);
    case 'UnaryOperator': {
      const inner = compileNode(node.operand as LiqeQuery, bare, fields);
      return (doc) => !inner(doc);
    }
    case 'LogicalExpression': {
      const left = compileNode(node.left as LiqeQuery, bare, fields);
      const right = compileNode(node.right as LiqeQuery, bare, fields);
      return node.operator.operator === 'OR'
        ? (doc) => left(doc) || right(doc)
        : (doc) => left(doc) && right(doc);
    }
    case 'Tag':
      return compileTag(node, bare, fields);
  }
}

type Tag = Extract<LiqeQuery, { type: 'Tag' }>;

function compileTag(tag: Tag, bare: Set<number>, fields: Set<string>): Predicate {
  const expression = tag.expression;
  if (tag.field.type === 'ImplicitField') {
    // A bare term searches the raw line.
    if (expression.type === 'RegexExpression') {
      const re = parseRegexLiteral(expression.value);
      return (doc) => re.test(doc.text);
    }
    if (expression.type !== 'LiteralExpression') return () => false;
    const term = String(expression.value);
    const userQuoted = expression.quoted && !bare.has(expression.location.start);
    if (userQuoted) return (doc) => doc.text.includes(term);
    const re = globToRegex(term, false, 'i');
    return (doc) => re.test(doc.text);
  }
  const key = fieldKey(tag.field.name);
  const operator = tag.operator.operator;
  fields.add(tag.field.name);
  switch (expression.type) {
    case 'EmptyExpression':
      return () => false;
    case 'RangeExpression': {
      const { min, max, minInclusive, maxInclusive } = expression.range;
      return (doc) => {
        const v = Number(valueOf(doc, key));
        if (Number.isNaN(v)) return false;
        return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
      };
    }
    case 'RegexExpression': {
      const re = parseRegexLiteral(expression.value);
      return (doc) => {
        const v = valueOf(doc, key);
        return v !== undefined && re.test(String(v));
      };
    }
    case 'LiteralExpression': {
      const literal = expression.value;
      if (operator !== ':' && operator !== ':=') {
        const n = Number(literal);
        const compare =
          operator === ':>'
            ? (v: number) => v > n
            : operator === ':>='
              ? (v: number) => v >= n
              : operator === ':<'
                ? (v: number) => v < n
                : (v: number) => v <= n;
        return (doc) => {
          const v = valueOf(doc, key);
          return v !== undefined && v !== '' && compare(Number(v));
        };
      }
      if (typeof literal === 'number') {
        return (doc) => {
          const v = valueOf(doc, key);
          return v !== undefined && (v === literal || String(v) === String(literal));
        };
      }
      if (literal === null || typeof literal === 'boolean') {
        const text = String(literal);
        return (doc) => String(valueOf(doc, key)) === text;
      }
      const userQuoted = expression.quoted && !bare.has(expression.location.start);
      if (userQuoted) {
        return (doc) => {
          const v = valueOf(doc, key);
          return v !== undefined && String(v).includes(literal);
        };
      }
      if (literal === '*') return (doc) => valueOf(doc, key) !== undefined;
      if (!/[*?]/.test(literal)) {
        // No wildcard: a plain comparison is several times cheaper than a regex per line.
        const lower = literal.toLowerCase();
        return (doc) => {
          const v = valueOf(doc, key);
          return v !== undefined && (v === literal || String(v).toLowerCase() === lower);
        };
      }
      const re = globToRegex(literal, true, 'i');
      return (doc) => {
        const v = valueOf(doc, key);
        return v !== undefined && re.test(String(v));
      };
    }
  }
}
