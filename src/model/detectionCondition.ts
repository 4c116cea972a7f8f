/*
 * The condition of a detection rule: named selections joined by `and`, `or`, `not` and
 * parentheses (Sigma's tiny boolean language). It is parsed to data, never evaluated as code.
 */
export type ConditionNode =
  | { op: 'ref'; name: string }
  | { op: 'not'; arg: ConditionNode }
  | { op: 'and' | 'or'; args: ConditionNode[] };

export type ConditionParse = { node: ConditionNode } | { error: string };

const TOKEN = /\s*(\(|\)|[A-Za-z_][A-Za-z0-9_]*)/y;

function tokenize(text: string): string[] | { error: string } {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (!match) return { error: `unexpected "${text.slice(at).trim().slice(0, 20)}"` };
    tokens.push(match[1]!);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** `selection and not (filter_a or filter_b)` -> a tree; precedence: not > and > or. */
export function parseCondition(text: string): ConditionParse {
  const tokenized = tokenize(text);
  if (!Array.isArray(tokenized)) return tokenized;
  const tokens: string[] = tokenized;
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  function primary(): ConditionNode {
    const token = tokens[i++];
    if (token === undefined) throw new Error('the condition ends too early');
    if (token === '(') {
      const inner = or();
      if (tokens[i++] !== ')') throw new Error('a "(" is not closed');
      return inner;
    }
    if (token.toLowerCase() === 'not') return { op: 'not', arg: primary() };
    if (['and', 'or', ')'].includes(token.toLowerCase()))
      throw new Error(`expected a selection name, found "${token}"`);
    return { op: 'ref', name: token };
  }
  function and(): ConditionNode {
    const args = [primary()];
    while (peek() === 'and') {
      i++;
      args.push(primary());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  }
  function or(): ConditionNode {
    const args = [and()];
    while (peek() === 'or') {
      i++;
      args.push(and());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  }
  try {
    if (tokens.length === 0) return { error: 'the condition is empty' };
    const node = or();
    if (i < tokens.length) return { error: `unexpected "${tokens[i]}"` };
    return { node };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The selection names a condition refers to. */
export function conditionRefs(node: ConditionNode): string[] {
  switch (node.op) {
    case 'ref':
      return [node.name];
    case 'not':
      return conditionRefs(node.arg);
    default:
      return node.args.flatMap(conditionRefs);
  }
}
