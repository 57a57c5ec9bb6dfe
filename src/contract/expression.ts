/**
 * The form expression language: conditions (`visibleIf`, `requiredIf`) and computed values (a fee).
 * A tiny hand-written parser, never eval: content comes over the network, and the same text must
 * mean the same thing on the phone and on the server. Grammar, loosest first:
 *   or: and ('||' and)*   and: eq ('&&' eq)*   eq: cmp (('=='|'!=') cmp)?   cmp: sum (('<'|'<='|'>'|'>=') sum)?
 *   sum: product (('+'|'-') product)*   product: unary (('*'|'/') unary)*   unary: ('!'|'-') unary | primary
 *   primary: number | 'text' | true | false | null | name | name '(' args ')' | '(' or ')'
 * Functions: FUNCTIONS below. docs/forms.md shows examples.
 */
type Expr =
  | { kind: 'lit'; value: Value }
  | { kind: 'id'; name: string }
  | { kind: 'not' | 'neg'; operand: Expr }
  | { kind: 'bin'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

export type Value = number | string | boolean | null | readonly unknown[];
type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

/** Function name to its [least, most] argument count. */
const FUNCTIONS = {
  /** count(list) answers in a group or ticks of a multiple choice; count(group, condition) items where it holds. */
  count: [1, 2],
  /** age(date) whole years from a date to today; null for no date. */
  age: [1, 1],
  /** has(choices, 'value') true when that option is ticked. */
  has: [2, 2],
  /** filled(x) true when x is answered. */
  filled: [1, 1],
  /** if(condition, then, else). */
  if: [3, 3],
} as const satisfies Record<string, readonly [number, number]>;
type FunctionName = keyof typeof FUNCTIONS;

/** Longest expression a form may carry: conditions are short, and parsing is recursive. */
const MAX_EXPRESSION_CHARS = 500;

export class ExpressionError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|([A-Za-z_]\w*)|(\|\||&&|==|!=|<=|>=|[<>+\-*/!(),]))/y;

/** Parses an expression or throws ExpressionError saying where it went wrong. */
export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_CHARS) throw new ExpressionError(`longer than ${MAX_EXPRESSION_CHARS} characters`);
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const take = (...ops: string[]) => (ops.includes(peek() as string) ? (tokens[at++] as string) : null);
  const expect = (op: string) => {
    if (!take(op)) throw new ExpressionError(`expected "${op}" at token ${at + 1} of "${source}"`);
  };
  const binary = (next: () => Expr, ops: string[], once = false) => (): Expr => {
    let left = next();
    for (let op = take(...ops); op; op = once ? null : take(...ops)) left = { kind: 'bin', op: op as BinaryOp, left, right: next() };
    return left;
  };
  const unary = (): Expr => {
    if (take('!')) return { kind: 'not', operand: unary() };
    if (take('-')) return { kind: 'neg', operand: unary() };
    return primary();
  };
  const product = binary(unary, ['*', '/']);
  const sum = binary(product, ['+', '-']);
  const compare = binary(sum, ['<', '<=', '>', '>='], true);
  const equal = binary(compare, ['==', '!='], true);
  const and = binary(equal, ['&&']);
  const or = binary(and, ['||']);
  function primary(): Expr {
    const token = tokens[at++];
    if (token === undefined) throw new ExpressionError(`"${source}" ends too early`);
    if (typeof token !== 'string') return { kind: 'lit', value: token.value };
    if (token === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (!/^[A-Za-z_]/.test(token)) throw new ExpressionError(`unexpected "${token}" in "${source}"`);
    if (token === 'true' || token === 'false') return { kind: 'lit', value: token === 'true' };
    if (token === 'null') return { kind: 'lit', value: null };
    if (!take('(')) return { kind: 'id', name: token };
    if (!(token in FUNCTIONS)) throw new ExpressionError(`unknown function "${token}"`);
    const args: Expr[] = [];
    if (!take(')')) {
      do args.push(or()); while (take(','));
      expect(')');
    }
    const [least, most] = FUNCTIONS[token as FunctionName];
    if (args.length < least || args.length > most) throw new ExpressionError(`${token}() takes ${least} to ${most} arguments`);
    return { kind: 'call', fn: token as FunctionName, args };
  }
  const expr = or();
  if (at < tokens.length) throw new ExpressionError(`unexpected "${String(peek())}" in "${source}"`);
  return expr;
}

/** Tokens: operator and name strings, literals wrapped so that the text 'x' is never the name x. */
function tokenize(source: string): Array<string | { value: number | string }> {
  const tokens: Array<string | { value: number | string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.trimEnd().length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new ExpressionError(`cannot read "${source.slice(start).trim()}"`);
    if (m[1] !== undefined) tokens.push({ value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ value: m[2] });
    else tokens.push((m[3] ?? m[4])!);
  }
  return tokens;
}

/** Every answer name an expression reads, for the content check. */
export function namesIn(expr: Expr): string[] {
  switch (expr.kind) {
    case 'lit': return [];
    case 'id': return [expr.name];
    case 'not': case 'neg': return namesIn(expr.operand);
    case 'bin': return [...namesIn(expr.left), ...namesIn(expr.right)];
    case 'call': return expr.args.flatMap(namesIn);
  }
}

/** Where names are looked up: answers, typed by their field kind (forms/answer-scope.ts). */
export interface Scope {
  get(name: string): Value;
  /** The scope inside one item of a group: its own answers first, then the form's. */
  item(entry: unknown): Scope;
  /** Today, YYYY-MM-DD, for age(). */
  today: string;
}

const cache = new Map<string, Expr>();

/** Evaluates an expression text; a parse error (content was checked at load) or a type clash gives null. */
export function evaluate(source: string, scope: Scope): Value {
  let expr = cache.get(source);
  if (!expr) {
    try {
      expr = parseExpression(source);
    } catch {
      return null;
    }
    cache.set(source, expr);
  }
  return evaluateExpr(expr, scope);
}

/** JavaScript truthiness minus its surprises: an empty list and the text 'false' are false too. */
export function isTrue(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== false && value !== 0 && value !== '' && value !== 'false';
}

function evaluateExpr(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'lit': return expr.value;
    case 'id': return scope.get(expr.name);
    case 'not': return !isTrue(evaluateExpr(expr.operand, scope));
    case 'neg': {
      const value = evaluateExpr(expr.operand, scope);
      return typeof value === 'number' ? -value : null;
    }
    case 'bin': return binaryOp(expr.op, expr.left, expr.right, scope);
    case 'call': return call(expr.fn, expr.args, scope);
  }
}

function binaryOp(op: BinaryOp, left: Expr, right: Expr, scope: Scope): Value {
  if (op === '&&') return isTrue(evaluateExpr(left, scope)) && isTrue(evaluateExpr(right, scope));
  if (op === '||') return isTrue(evaluateExpr(left, scope)) || isTrue(evaluateExpr(right, scope));
  const a = evaluateExpr(left, scope);
  const b = evaluateExpr(right, scope);
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a !== 'number' || typeof b !== 'number') {
    // Dates compare as their ISO text; anything else mixed has no order.
    if (typeof a === 'string' && typeof b === 'string' && '<<=>>='.includes(op)) return compare(op, a, b);
    return null;
  }
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? null : a / b;
    default: return compare(op, a, b);
  }
}

function compare<T extends number | string>(op: BinaryOp, a: T, b: T): boolean {
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function call(fn: FunctionName, args: Expr[], scope: Scope): Value {
  const arg = (i: number) => evaluateExpr(args[i]!, scope);
  switch (fn) {
    case 'count': {
      const list = arg(0);
      if (!Array.isArray(list)) return 0;
      const condition = args[1];
      return condition ? list.filter((entry) => isTrue(evaluateExpr(condition, scope.item(entry)))).length : list.length;
    }
    case 'age': {
      const date = arg(0);
      return typeof date === 'string' ? yearsBetween(date, scope.today) : null;
    }
    case 'has': {
      const list = arg(0);
      return Array.isArray(list) && list.includes(arg(1));
    }
    case 'filled': return isTrue(arg(0)) || arg(0) === 0 || arg(0) === false;
    case 'if': return isTrue(arg(0)) ? arg(1) : arg(2);
  }
}

/** Whole years from `from` to `to` (both YYYY-MM-DD), as a birthday counts them; null if unreadable. */
export function yearsBetween(from: string, to: string): number | null {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!a || !b) return null;
  const years = Number(b[1]) - Number(a[1]);
  return `${b[2]}-${b[3]}` < `${a[2]}-${a[3]}` ? years - 1 : years;
}
