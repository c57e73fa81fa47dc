// Display filter tokens, each with its span in the text so errors can point at it.

export type TokenKind =
  'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'comma' | 'range' | 'end';

export interface Token {
  kind: TokenKind;
  /** The word, the operator (normalised: "eq" → "=="), or the string's unescaped value. */
  text: string;
  start: number;
  end: number;
}

export interface FilterError {
  message: string;
  /** Span in the filter text to underline (end exclusive). */
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_.:/-]/;
const WORD_OPS: Record<string, string> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  and: '&&',
  or: '||',
  not: '!',
  contains: 'contains',
  matches: 'matches',
  in: 'in',
};
const SYMBOL_OPS = ['==', '!=', '<=', '>=', '&&', '||', '~', '<', '>', '!', '='];

export function tokenize(text: string): { tokens: Token[] } | { error: FilterError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          return {
            error: { message: 'unterminated string: add the closing "', start, end: text.length },
          };
        }
        const c = text[i] ?? '';
        if (c === '"') break;
        if (c === '\\' && i + 1 < text.length) {
          const n = text[i + 1] ?? '';
          value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '{' || ch === '}' || ch === ',') {
      const kind =
        ch === '('
          ? 'lparen'
          : ch === ')'
            ? 'rparen'
            : ch === '{'
              ? 'lbrace'
              : ch === '}'
                ? 'rbrace'
                : 'comma';
      tokens.push({ kind, text: ch, start, end: ++i });
      continue;
    }
    if (text.startsWith('..', i)) {
      tokens.push({ kind: 'range', text: '..', start, end: (i += 2) });
      continue;
    }
    const symbol = SYMBOL_OPS.find((op) => text.startsWith(op, i));
    if (symbol) {
      i += symbol.length;
      const op = symbol === '=' ? '==' : symbol === '~' ? 'matches' : symbol;
      tokens.push({ kind: 'op', text: op, start, end: i });
      continue;
    }
    if (WORD.test(ch)) {
      while (i < text.length && WORD.test(text[i] ?? '')) {
        // "1..10" in a set: stop a word before a range.
        if (text.startsWith('..', i)) break;
        i++;
      }
      const word = text.slice(start, i);
      const op = WORD_OPS[word.toLowerCase()];
      tokens.push(
        op ? { kind: 'op', text: op, start, end: i } : { kind: 'word', text: word, start, end: i },
      );
      continue;
    }
    return { error: { message: `unexpected character "${ch}"`, start, end: start + 1 } };
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return { tokens };
}
