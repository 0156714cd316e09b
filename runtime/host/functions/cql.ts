// CQL (Confluence Query Language) handled as a language, not a string: a linear-time tokenizer, the
// limits every query is held to ($cqlCheck), and the confinement of a query to a space allowlist
// ($cqlConfine). Confinement wraps the query as `(<query>) AND space IN (…)`, so it must be sure of
// where the query's own parentheses, strings and ORDER BY are: anything it cannot be sure of (an
// unbalanced parenthesis, an unterminated string, a backslash outside a string, ORDER BY inside
// parentheses or followed by more than field names) is refused, never passed on.
import { DsulError } from '../../core/errors.ts'

/** Longest query accepted (characters). Confluence's own URL limits make longer queries fail anyway. */
export const MAX_CQL_CHARS = 8 * 1024
/** Most tokens in one query: `space IN (…)` with a few hundred keys still fits. */
export const MAX_CQL_TOKENS = 1_000
/** Deepest parenthesis nesting. */
export const MAX_CQL_DEPTH = 32

export type TokenKind = 'word' | 'string' | 'op' | '(' | ')' | ','

export interface Token {
  kind: TokenKind
  /** Source text; for a string, its decoded content. */
  text: string
  start: number
  end: number
  /** Whitespace precedes it in the source (kept when the query is written back). */
  spaced: boolean
}

const OPERATOR_CHARS = '=!<>~'
const OPERATORS = new Set(['=', '!=', '>', '<', '>=', '<=', '~', '!~'])

function refuse(detail: string): DsulError {
  return new DsulError('QUERY_REFUSED', { language: 'CQL', detail })
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v'
}

/** Split a query into tokens, in one pass; errors name the offending position. */
export function tokenize(cql: string): Token[] {
  if (cql.length > MAX_CQL_CHARS) {
    throw new DsulError('LIMIT_QUERY', {
      language: 'CQL',
      what: 'long',
      detail: `${cql.length} characters, at most ${MAX_CQL_CHARS}; split the search`,
    })
  }
  const tokens: Token[] = []
  let i = 0
  let spaced = false
  const push = (kind: TokenKind, text: string, start: number, end: number): void => {
    if (tokens.length >= MAX_CQL_TOKENS) {
      throw new DsulError('LIMIT_QUERY', {
        language: 'CQL',
        what: 'complex',
        detail: `more than ${MAX_CQL_TOKENS} tokens; split the search`,
      })
    }
    tokens.push({ kind, text, start, end, spaced })
    spaced = false
  }
  while (i < cql.length) {
    const c = cql[i]
    if (isSpace(c)) {
      spaced = true
      i++
      continue
    }
    const start = i
    if (c === '"' || c === "'") {
      let text = ''
      i++
      for (;;) {
        if (i >= cql.length) throw refuse(`the string starting at character ${start + 1} is not closed`)
        const d = cql[i]
        if (d === '\\') {
          if (i + 1 >= cql.length) throw refuse(`the string starting at character ${start + 1} is not closed`)
          text += cql[i + 1]
          i += 2
          continue
        }
        i++
        if (d === c) break
        text += d
      }
      push('string', text, start, i)
    } else if (c === '(' || c === ')' || c === ',') {
      i++
      push(c, c, start, i)
    } else if (OPERATOR_CHARS.includes(c)) {
      while (i < cql.length && OPERATOR_CHARS.includes(cql[i])) i++
      const op = cql.slice(start, i)
      if (!OPERATORS.has(op)) throw refuse(`"${op}" at character ${start + 1} is not a CQL operator`)
      push('op', op, start, i)
    } else {
      while (i < cql.length && !isSpace(cql[i]) && !'"\'(),\\'.includes(cql[i]) && !OPERATOR_CHARS.includes(cql[i])) {
        if (cql.charCodeAt(i) < 0x20) break
        i++
      }
      if (i === start) {
        // A backslash outside a string, or a control character: their meaning differs between lexers.
        throw refuse(
          `unexpected ${cql[i] === '\\' ? 'backslash' : 'control character'} at character ${
            i + 1
          }; put it inside a quoted string`,
        )
      }
      push('word', cql.slice(start, i), start, i)
    }
  }
  return tokens
}

function isWord(t: Token | undefined, word: string): boolean {
  return t !== undefined && t.kind === 'word' && t.text.toUpperCase() === word
}

export interface ParsedCql {
  tokens: Token[]
  /** Tokens before ORDER BY. */
  where: Token[]
  /** Tokens after ORDER BY (field names, ASC/DESC and commas), empty without ORDER BY. */
  orderBy: Token[]
}

/** Tokenize and check structure: balanced parentheses, nesting, at most one ORDER BY, last and outside parentheses. */
export function parseCql(cql: string): ParsedCql {
  const tokens = tokenize(cql)
  let depth = 0
  let order = -1
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.kind === '(') {
      if (++depth > MAX_CQL_DEPTH) {
        throw new DsulError('LIMIT_QUERY', {
          language: 'CQL',
          what: 'complex',
          detail: `parentheses nested deeper than ${MAX_CQL_DEPTH}`,
        })
      }
    } else if (t.kind === ')') {
      if (--depth < 0) throw refuse(`the ")" at character ${t.start + 1} closes nothing`)
    } else if (isWord(t, 'ORDER') && isWord(tokens[k + 1], 'BY')) {
      if (depth > 0) throw refuse(`ORDER BY at character ${t.start + 1} is inside parentheses`)
      if (order >= 0) throw refuse(`ORDER BY appears twice (character ${t.start + 1})`)
      order = k
    }
  }
  if (depth > 0) throw refuse(`${depth} "(" not closed`)
  if (order < 0) return { tokens, where: tokens, orderBy: [] }
  const orderBy = tokens.slice(order + 2)
  checkOrderBy(orderBy, tokens[order])
  return { tokens, where: tokens.slice(0, order), orderBy }
}

/** `field [ASC|DESC] (, field [ASC|DESC])*`: nothing after ORDER BY may add a condition. */
function checkOrderBy(tokens: Token[], order: Token): void {
  const bad = (t: Token | undefined): DsulError =>
    refuse(
      t
        ? `after ORDER BY, "${t.text}" at character ${t.start + 1} is not a field name, ASC, DESC or a comma`
        : `ORDER BY at character ${order.start + 1} names no field`,
    )
  let k = 0
  for (;;) {
    const field = tokens[k]
    if (
      field?.kind !== 'word' ||
      ['AND', 'OR', 'NOT', 'ORDER', 'BY', 'IN', 'ASC', 'DESC'].includes(field.text.toUpperCase())
    )
      throw bad(field)
    k++
    if (isWord(tokens[k], 'ASC') || isWord(tokens[k], 'DESC')) k++
    if (k === tokens.length) return
    if (tokens[k].kind !== ',') throw bad(tokens[k])
    k++
  }
}

/** A CQL string literal Confluence reads back as exactly `text`. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, m => `\\${m}`)}"`
}

/** Tokens written back canonically: strings re-quoted, the source's spacing kept between tokens. */
export function write(tokens: Token[]): string {
  let out = ''
  for (const t of tokens) out += (t.spaced && out ? ' ' : '') + (t.kind === 'string' ? quote(t.text) : t.text)
  return out
}

/** $cqlCheck(cql): the query, after the length and complexity limits and the structure checks. */
export function cqlCheck(cql: unknown): string | undefined {
  if (typeof cql !== 'string') return undefined
  parseCql(cql)
  return cql
}

/**
 * $cqlConfine(cql, spaceKeys): `(<query>) AND space IN ("A","B") ORDER BY …`, rebuilt from the
 * tokens; with no keys, a space that cannot exist, so nothing is found rather than everything.
 */
export function cqlConfine(cql: unknown, spaceKeys?: unknown): string | undefined {
  if (typeof cql !== 'string') return undefined
  const { where, orderBy } = parseCql(cql)
  const keys = (Array.isArray(spaceKeys) ? spaceKeys : spaceKeys === undefined ? [] : [spaceKeys]).map(String)
  const spaces = `space IN (${keys.length > 0 ? keys.map(quote).join(',') : '"-"'})`
  const condition = where.length > 0 ? `(${write(where)}) AND ${spaces}` : spaces
  return orderBy.length > 0 ? `${condition} ORDER BY ${write(orderBy)}` : condition
}
