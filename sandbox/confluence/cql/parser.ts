// Recursive-descent CQL parser:
//   query   := or [ORDER BY field [ASC|DESC] {, field [ASC|DESC]}]
//   or      := and {OR and}        and := unary {AND unary}        unary := NOT unary | primary
//   primary := '(' or ')' | field op value | field [NOT] IN '(' value {, value} ')'
// Fields and their operators are checked here so unsupported queries fail like Confluence does.
import { CqlError, tokenize, type Token } from './lexer.ts'

export type Operator = '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=' | 'in' | 'not in'

export type Value = { kind: 'literal'; value: string } | { kind: 'func'; name: string; args: string[] }

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'clause'; field: string; op: Operator; values: Value[] }

export interface CqlQuery {
  where: Expr
  orderBy: Array<{ field: string; desc: boolean }>
}

const EQUALITY: Operator[] = ['=', '!=', 'in', 'not in']
const DATES: Operator[] = ['=', '!=', '>', '>=', '<', '<=']
// Field aliases resolve to one canonical name; each field lists the operators CQL allows on it.
const FIELDS: Record<string, { canonical: string; ops: Operator[] }> = {
  type: { canonical: 'type', ops: EQUALITY },
  space: { canonical: 'space', ops: EQUALITY },
  'space.key': { canonical: 'space', ops: EQUALITY },
  'space.id': { canonical: 'space.id', ops: EQUALITY },
  'space.title': { canonical: 'space.title', ops: [...EQUALITY, '~', '!~'] },
  title: { canonical: 'title', ops: [...EQUALITY, '~', '!~'] },
  text: { canonical: 'text', ops: ['~', '!~'] },
  label: { canonical: 'label', ops: EQUALITY },
  ancestor: { canonical: 'ancestor', ops: EQUALITY },
  parent: { canonical: 'parent', ops: EQUALITY },
  id: { canonical: 'id', ops: EQUALITY },
  content: { canonical: 'id', ops: EQUALITY },
  created: { canonical: 'created', ops: DATES },
  lastmodified: { canonical: 'lastmodified', ops: DATES },
  creator: { canonical: 'creator', ops: EQUALITY },
  contributor: { canonical: 'contributor', ops: EQUALITY },
}
const ORDER_FIELDS = new Set(['title', 'created', 'lastmodified', 'id', 'type', 'space'])

export function parseCql(cql: string): CqlQuery {
  return new Parser(tokenize(cql)).query()
}

class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  query(): CqlQuery {
    if (this.tokens.length === 0) throw new CqlError('empty query')
    const where = this.or()
    const orderBy: CqlQuery['orderBy'] = []
    if (this.keyword('order')) {
      if (!this.keyword('by')) throw this.error('expected BY after ORDER')
      do {
        const field = this.word().toLowerCase()
        if (!ORDER_FIELDS.has(field)) throw this.error(`cannot order by '${field}'`)
        const desc = this.keyword('desc')
        if (!desc) this.keyword('asc')
        orderBy.push({ field, desc })
      } while (this.take('comma'))
    }
    if (this.i < this.tokens.length) throw this.error('unexpected input')
    return { where, orderBy }
  }

  private or(): Expr {
    let left = this.and()
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and() }
    return left
  }

  private and(): Expr {
    let left = this.unary()
    while (this.keyword('and')) left = { kind: 'and', left, right: this.unary() }
    return left
  }

  private unary(): Expr {
    if (this.keyword('not')) return { kind: 'not', expr: this.unary() }
    if (this.take('lparen')) {
      const inner = this.or()
      if (!this.take('rparen')) throw this.error('expected )')
      return inner
    }
    return this.clause()
  }

  private clause(): Expr {
    const name = this.word()
    const field = FIELDS[name.toLowerCase()]
    if (!field) throw this.error(`unknown field '${name}'`)
    let op: Operator
    const t = this.tokens[this.i]
    if (t?.kind === 'op') {
      this.i++
      op = t.value
    } else if (this.keyword('in')) op = 'in'
    else if (this.keyword('not')) {
      if (!this.keyword('in')) throw this.error('expected IN after NOT')
      op = 'not in'
    } else throw this.error('expected an operator')
    if (!field.ops.includes(op)) throw this.error(`operator ${op} is not supported for field '${name}'`)
    const values: Value[] = []
    if (op === 'in' || op === 'not in') {
      if (!this.take('lparen')) throw this.error('expected ( after IN')
      do values.push(this.value())
      while (this.take('comma'))
      if (!this.take('rparen')) throw this.error('expected )')
    } else values.push(this.value())
    return { kind: 'clause', field: field.canonical, op, values }
  }

  private value(): Value {
    const t = this.tokens[this.i++]
    if (t?.kind === 'string') return { kind: 'literal', value: t.value }
    if (t?.kind !== 'word') throw this.error('expected a value')
    if (!this.take('lparen')) return { kind: 'literal', value: t.value }
    const args: string[] = []
    if (!this.take('rparen')) {
      do {
        const a = this.tokens[this.i++]
        if (a?.kind !== 'string' && a?.kind !== 'word') throw this.error('expected a function argument')
        args.push(a.value)
      } while (this.take('comma'))
      if (!this.take('rparen')) throw this.error('expected )')
    }
    return { kind: 'func', name: t.value.toLowerCase(), args }
  }

  private word(): string {
    const t = this.tokens[this.i]
    if (t?.kind !== 'word') throw this.error('expected a field name')
    this.i++
    return t.value
  }

  private keyword(name: string): boolean {
    const t = this.tokens[this.i]
    if (t?.kind === 'word' && t.value.toLowerCase() === name) {
      this.i++
      return true
    }
    return false
  }

  private take(kind: 'lparen' | 'rparen' | 'comma'): boolean {
    if (this.tokens[this.i]?.kind !== kind) return false
    this.i++
    return true
  }

  private error(message: string): CqlError {
    return new CqlError(message, this.tokens[this.i]?.pos)
  }
}
