// Tokens of the Confluence Query Language: words (fields, keywords, bare values), quoted strings,
// comparison operators, parentheses and commas.

export class CqlError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message)
    this.name = 'CqlError'
  }
}

export type Token =
  | { kind: 'word'; value: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'op'; value: '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<='; pos: number }
  | { kind: 'lparen' | 'rparen' | 'comma'; pos: number }

const OPS = ['!=', '!~', '>=', '<=', '=', '~', '>', '<'] as const

export function tokenize(cql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < cql.length) {
    const ch = cql[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', pos: i })
      i++
      continue
    }
    const op = OPS.find(o => cql.startsWith(o, i))
    if (op) {
      tokens.push({ kind: 'op', value: op, pos: i })
      i += op.length
      continue
    }
    if (ch === '"' || ch === "'") {
      let value = ''
      let j = i + 1
      for (; j < cql.length && cql[j] !== ch; j++) value += cql[j] === '\\' && j + 1 < cql.length ? cql[++j] : cql[j]
      if (j >= cql.length) throw new CqlError('unterminated string', i)
      tokens.push({ kind: 'string', value, pos: i })
      i = j + 1
      continue
    }
    const word = /^[\p{L}\p{N}_.\-:*?@+]+/u.exec(cql.slice(i))
    if (!word) throw new CqlError(`unexpected character '${ch}'`, i)
    tokens.push({ kind: 'word', value: word[0], pos: i })
    i += word[0].length
  }
  return tokens
}
