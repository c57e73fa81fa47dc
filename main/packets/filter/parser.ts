// Recursive-descent parser for the display filter grammar:
//   or   := and (("or" | "||") and)*
//   and  := not (("and" | "&&") not)*
//   not  := ("not" | "!") not | atom
//   atom := "(" or ")" | FIELD [op value | "in" "{" value[..value] ("," value)* "}"]
import type { CompareOp, FilterNode, Literal } from './ast';
import type { FilterError, Token } from './lexer';
import { tokenize } from './lexer';

export type ParseResult =
  { ok: true; node: FilterNode | undefined } | { ok: false; error: FilterError };

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=', 'contains', 'matches']);

class ParseFailure extends Error {
  constructor(readonly error: FilterError) {
    super(error.message);
  }
}

export function parseFilter(text: string): ParseResult {
  const lexed = tokenize(text);
  if ('error' in lexed) return { ok: false, error: lexed.error };
  const tokens = lexed.tokens;
  if (tokens.length === 1) return { ok: true, node: undefined };
  let p = 0;
  const peek = (): Token =>
    tokens[p] ?? { kind: 'end', text: '', start: text.length, end: text.length };
  const next = (): Token => {
    const t = peek();
    if (t.kind !== 'end') p++;
    return t;
  };
  const fail = (message: string, t: Token): never => {
    throw new ParseFailure({ message, start: t.start, end: Math.max(t.end, t.start + 1) });
  };
  const describe = (t: Token): string =>
    t.kind === 'end' ? 'the end of the filter' : `"${t.text}"`;

  const literal = (): Literal => {
    const t = next();
    if (t.kind === 'word' || t.kind === 'string') {
      return { text: t.text, quoted: t.kind === 'string', start: t.start, end: t.end };
    }
    return fail(`expected a value, found ${describe(t)}`, t);
  };

  const atom = (): FilterNode => {
    const t = next();
    if (t.kind === 'lparen') {
      const node = or();
      const close = peek();
      if (close.kind !== 'rparen')
        fail(`expected ")" to close the "(" at ${t.start + 1}, found ${describe(close)}`, close);
      next();
      return node;
    }
    if (t.kind !== 'word') {
      return fail(`expected a field or protocol name, found ${describe(t)}`, t);
    }
    const field = t.text;
    const op = peek();
    if (op.kind === 'op' && COMPARE_OPS.has(op.text)) {
      next();
      const value = literal();
      return {
        kind: 'compare',
        field,
        op: op.text as CompareOp,
        value,
        start: t.start,
        end: value.end,
      };
    }
    if (op.kind === 'op' && op.text === 'in') {
      next();
      const open = next();
      if (open.kind !== 'lbrace') fail(`expected "{" after "in", found ${describe(open)}`, open);
      const values: (Literal | [Literal, Literal])[] = [];
      for (;;) {
        if (peek().kind === 'rbrace') break;
        const lo = literal();
        if (peek().kind === 'range') {
          next();
          values.push([lo, literal()]);
        } else values.push(lo);
        if (peek().kind === 'comma') next();
      }
      const close = next();
      if (values.length === 0) fail('a set needs at least one value', close);
      return { kind: 'in', field, values, start: t.start, end: close.end };
    }
    return { kind: 'exists', field, start: t.start, end: t.end };
  };

  const not = (): FilterNode => {
    const t = peek();
    if (t.kind === 'op' && t.text === '!') {
      next();
      return { kind: 'not', expr: not() };
    }
    return atom();
  };
  const and = (): FilterNode => {
    let left = not();
    while (peek().kind === 'op' && peek().text === '&&') {
      next();
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (peek().kind === 'op' && peek().text === '||') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  try {
    const node = or();
    const rest = peek();
    if (rest.kind !== 'end') {
      const hint =
        rest.kind === 'word' || rest.kind === 'string' ? ' (join tests with "and" or "or")' : '';
      fail(`unexpected ${describe(rest)}${hint}`, rest);
    }
    return { ok: true, node };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}
