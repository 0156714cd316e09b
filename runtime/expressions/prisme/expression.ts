// Prisme.ai's expression language (docs/language.md "Importing a Prisme.ai workspace") parsed and
// written as JSONata. One grammar serves `{% … %}` values and `conditions` keys: `{{path}}` is a
// variable, a bare word is a string, `== && || ! matches in exists` and a few functions. A tokenizer
// and a precedence parser build a tree; the writer keeps Prisme's meaning where JSONata's differs
// (a missing value is "not equal", `||` returns an operand, `in` also searches "a,b,c" lists).

export class PrismeSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

export type PathSegment = { name: string } | { index: number } | { dynamic: Node }

export type Node =
  | { kind: 'var'; path: PathSegment[]; at: number }
  | { kind: 'literal'; value: string | number | boolean | null | undefined; at: number }
  | { kind: 'word'; value: string; at: number }
  | { kind: 'unary'; op: '!' | '-'; arg: Node; at: number }
  | { kind: 'binary'; op: string; left: Node; right: Node; at: number }
  | { kind: 'exists'; arg: Node; negated: boolean; at: number }
  | { kind: 'call'; name: string; args: Node[]; at: number }
  | { kind: 'member'; object: Node; name: string; at: number }
  | { kind: 'group'; inner: Node; at: number }

interface Token {
  type: 'var' | 'num' | 'str' | 'word' | 'op'
  text: string
  at: number
  value?: unknown
}

// Longest first, so that `===` is never read as `==` then `=`.
const OPERATORS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '=',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  ',',
  '.',
]

/** Split an expression into tokens; `{{…}}` (nested braces allowed) is one token. */
export function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (src.startsWith('{{', i)) {
      const end = closingBraces(src, i)
      out.push({ type: 'var', text: src.slice(i + 2, end), at: i })
      i = end + 2
      continue
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1)
      if (end < 0) throw new PrismeSyntaxError(`unterminated string ${src.slice(i, i + 20)}`, i)
      out.push({ type: 'str', text: src.slice(i, end + 1), value: src.slice(i + 1, end), at: i })
      i = end + 1
      continue
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i))
    if (num) {
      out.push({ type: 'num', text: num[0], value: Number(num[0]), at: i })
      i += num[0].length
      continue
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))
    if (word) {
      out.push({ type: 'word', text: word[0], at: i })
      i += word[0].length
      continue
    }
    const op = OPERATORS.find(o => src.startsWith(o, i))
    if (!op) throw new PrismeSyntaxError(`unexpected "${c}"`, i)
    out.push({ type: 'op', text: op, at: i })
    i += op.length
  }
  return out
}

/** The index of the `}}` that closes the `{{` at `start` (nested `{{ }}` allowed). */
export function closingBraces(src: string, start: number): number {
  let depth = 0
  for (let i = start; i < src.length - 1; i++) {
    if (src.startsWith('{{', i)) {
      depth++
      i++
      continue
    }
    if (src.startsWith('}}', i)) {
      depth--
      if (depth === 0) return i
      i++
    }
  }
  throw new PrismeSyntaxError('missing "}}"', start)
}

/** `a.b[0]["k-ey"][{{k}}]` (or `a.{{k}}`), relative to `base` for error offsets. */
export function parsePrismePath(text: string, base = 0): PathSegment[] {
  const out: PathSegment[] = []
  let i = 0
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++
  }
  skip()
  const name = (): void => {
    if (text.startsWith('{{', i)) {
      const end = closingBraces(text, i)
      out.push({ dynamic: varNode(text.slice(i + 2, end), base + i) })
      i = end + 2
      return
    }
    const m = /^[^.[\]\s{}]+/.exec(text.slice(i))
    if (!m) throw new PrismeSyntaxError(`expected a name in {{${text}}}`, base + i)
    out.push({ name: m[0] })
    i += m[0].length
  }
  name()
  while (i < text.length) {
    skip()
    if (i >= text.length) break
    const c = text[i]
    if (c === '.') {
      i++
      name()
      continue
    }
    if (c !== '[') throw new PrismeSyntaxError(`unexpected "${c}" in {{${text}}}`, base + i)
    i++
    skip()
    const q = text[i]
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1)
      if (end < 0) throw new PrismeSyntaxError(`unterminated key in {{${text}}}`, base + i)
      out.push({ name: text.slice(i + 1, end) })
      i = end + 1
    } else if (text.startsWith('{{', i)) {
      const end = closingBraces(text, i)
      out.push({ dynamic: varNode(text.slice(i + 2, end), base + i) })
      i = end + 2
    } else {
      const m = /^-?\d+/.exec(text.slice(i))
      if (!m) throw new PrismeSyntaxError(`expected an index, a quoted key or {{…}} in {{${text}}}`, base + i)
      out.push({ index: Number(m[0]) })
      i += m[0].length
    }
    skip()
    if (text[i] !== ']') throw new PrismeSyntaxError(`expected "]" in {{${text}}}`, base + i)
    i++
  }
  return out
}

function varNode(text: string, at: number): Node {
  return { kind: 'var', path: parsePrismePath(text, at + 2), at }
}

// Precedence, loosest first: and/or (equal, right-associative, as in Prisme's grammar) < comparison
// < additive < multiplicative < unary (! not -) < postfix (exists, .member) < primary.
const COMPARISON: Record<string, string> = {
  '==': '==',
  '=': '==',
  equals: '==',
  '===': '===',
  '!=': '!=',
  '!==': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  matches: 'matches',
  in: 'in',
}

export function parseExpression(src: string): Node {
  const tokens = tokenize(src)
  let pos = 0
  const peek = (k = 0): Token | undefined => tokens[pos + k]
  const isWord = (t: Token | undefined, w: string): boolean => t?.type === 'word' && t.text.toLowerCase() === w
  const isOp = (t: Token | undefined, o: string): boolean => t?.type === 'op' && t.text === o
  const fail = (message: string, t = peek()): never => {
    throw new PrismeSyntaxError(message, t ? t.at : src.length)
  }

  const boolean = (): Node => {
    const left = comparison()
    const t = peek()
    const op = isOp(t, '&&') || isWord(t, 'and') ? 'and' : isOp(t, '||') || isWord(t, 'or') ? 'or' : undefined
    if (!op) return left
    pos++
    return { kind: 'binary', op, left, right: boolean(), at: t!.at }
  }
  const comparison = (): Node => {
    const left = additive()
    const t = peek()
    let op: string | undefined
    let negate = false
    if (t?.type === 'op' && COMPARISON[t.text]) {
      op = COMPARISON[t.text]
      pos++
    } else if (t?.type === 'word' && COMPARISON[t.text.toLowerCase()]) {
      op = COMPARISON[t.text.toLowerCase()]
      pos++
    } else if (isWord(t, 'not') && ['equals', 'matches', 'in'].includes(peek(1)?.text.toLowerCase() ?? '')) {
      const w = peek(1)!.text.toLowerCase()
      op = w === 'equals' ? '!=' : w
      negate = w !== 'equals'
      pos += 2
    }
    if (!op) return left
    const right = additive()
    const node: Node = { kind: 'binary', op, left, right, at: t!.at }
    return negate ? { kind: 'unary', op: '!', arg: node, at: t!.at } : node
  }
  const additive = (): Node => {
    let left = multiplicative()
    while (isOp(peek(), '+') || isOp(peek(), '-')) {
      const t = tokens[pos++]
      left = { kind: 'binary', op: t.text, left, right: multiplicative(), at: t.at }
    }
    return left
  }
  const multiplicative = (): Node => {
    let left = unary()
    while (isOp(peek(), '*') || isOp(peek(), '/') || isOp(peek(), '%')) {
      const t = tokens[pos++]
      left = { kind: 'binary', op: t.text, left, right: unary(), at: t.at }
    }
    return left
  }
  const unary = (): Node => {
    const t = peek()
    if (isOp(t, '!')) {
      pos++
      return { kind: 'unary', op: '!', arg: unary(), at: t!.at }
    }
    // `not (…)`, `not {{x}}`: a negation unless it starts `not equals|matches|in|exists` (handled by its operator).
    const next = peek(1)?.text.toLowerCase()
    if (isWord(t, 'not') && next !== undefined && !['equals', 'matches', 'in', 'exists'].includes(next)) {
      pos++
      return { kind: 'unary', op: '!', arg: unary(), at: t!.at }
    }
    if (isOp(t, '-')) {
      pos++
      return { kind: 'unary', op: '-', arg: unary(), at: t!.at }
    }
    return postfix()
  }
  const postfix = (): Node => {
    let node = primary()
    for (;;) {
      const t = peek()
      if (isWord(t, 'exists')) {
        pos++
        node = { kind: 'exists', arg: node, negated: false, at: t!.at }
        continue
      }
      if (isWord(t, 'not') && isWord(peek(1), 'exists')) {
        pos += 2
        node = { kind: 'exists', arg: node, negated: true, at: t!.at }
        continue
      }
      if (isOp(t, '.') && peek(1)?.type === 'word' && ['call', 'member', 'group'].includes(node.kind)) {
        pos += 2
        node = { kind: 'member', object: node, name: tokens[pos - 1].text, at: t!.at }
        continue
      }
      return node
    }
  }
  const primary = (): Node => {
    const t = peek()
    if (!t) return fail('the expression ends too early')
    pos++
    if (t.type === 'var') return varNode(t.text, t.at)
    if (t.type === 'num') return { kind: 'literal', value: t.value as number, at: t.at }
    if (t.type === 'str') return { kind: 'literal', value: t.value as string, at: t.at }
    if (isOp(t, '(')) {
      const inner = boolean()
      if (!isOp(peek(), ')')) fail('expected ")"')
      pos++
      return { kind: 'group', inner, at: t.at }
    }
    if (t.type === 'word') {
      if (isOp(peek(), '(')) {
        pos++
        const args: Node[] = []
        if (!isOp(peek(), ')')) {
          for (;;) {
            args.push(boolean())
            if (isOp(peek(), ',')) {
              pos++
              continue
            }
            break
          }
        }
        if (!isOp(peek(), ')')) fail(`expected ")" closing ${t.text}(`)
        pos++
        return { kind: 'call', name: t.text, args, at: t.at }
      }
      const lower = t.text.toLowerCase()
      if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true', at: t.at }
      if (lower === 'null') return { kind: 'literal', value: null, at: t.at }
      if (lower === 'undefined') return { kind: 'literal', value: undefined, at: t.at }
      // Bare words are string literals; a run of them (`Hello world`) is one string, as in Prisme.
      let text = t.text
      while (peek()?.type === 'word' && !isKeyword(peek()!.text) && !isOp(peek(1), '(')) {
        text += ' ' + tokens[pos++].text
      }
      return { kind: 'word', value: text, at: t.at }
    }
    return fail(`unexpected "${t.text}"`, t)
  }

  const node = boolean()
  if (pos < tokens.length) fail(`unexpected "${tokens[pos].text}"`)
  return node
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'matches', 'exists', 'equals'])
function isKeyword(w: string): boolean {
  return KEYWORDS.has(w.toLowerCase())
}

/** Names of Prisme's scopes and variables that are spelt differently here. */
const RENAMES: Record<string, string[]> = {
  'run.automationSlug': ['run', 'automation'],
  'global.workspaceId': ['run', 'workspace'],
  'global.workspaceName': ['run', 'workspace'],
}

/** `value`: the result is the value (`||` gives an operand); `condition`: only its truth counts. */
export type Mode = 'value' | 'condition'

/** JSONata for a Prisme expression; throws PrismeSyntaxError (offset inside `src`) when it cannot. */
export function translateExpression(src: string, mode: Mode): string {
  return write(parseExpression(src), mode)
}

const JSONATA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const JSONATA_RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function'])

function field(name: string): string {
  return JSONATA_NAME.test(name) && !JSONATA_RESERVED.has(name) ? name : '`' + name.replace(/`/g, '') + '`'
}

/** Renames of one import (a config key that holds a secret is read as `secret.X`), while `fn` runs. */
let extraRenames: Record<string, string[]> = {}
export function withRenames<T>(renames: Record<string, string[]>, fn: () => T): T {
  const saved = extraRenames
  extraRenames = renames
  try {
    return fn()
  } finally {
    extraRenames = saved
  }
}

function renameOf(path: PathSegment[]): string[] | undefined {
  const [a, b] = path
  if (!a || !b || !('name' in a) || !('name' in b)) return undefined
  const key = `${a.name}.${b.name}`
  for (const table of [extraRenames, RENAMES]) if (Object.hasOwn(table, key)) return table[key]
  return undefined
}

/** Whether the path names a Prisme variable spelt differently here (`run.automationSlug`). */
export function isRenamed(path: PathSegment[]): boolean {
  return renameOf(path) !== undefined
}

/** The path as plain segments (renames applied), or undefined when a segment is dynamic. */
export function plainSegments(path: PathSegment[]): Array<string | number> | undefined {
  if (path.some(s => 'dynamic' in s)) return undefined
  const renamed = renameOf(path)
  const segments = renamed ? [...renamed.map(name => ({ name })), ...path.slice(2)] : path
  return segments.map(s => ('name' in s ? s.name : (s as { index: number }).index))
}

export function writePath(path: PathSegment[]): string {
  // `x.length` (JavaScript's, through lodash get): a string's length or an array's count.
  const last = path.at(-1)
  if (path.length > 1 && last && 'name' in last && last.name === 'length') {
    const of = writePath(path.slice(0, -1))
    return `($type(${of}) = "string" ? $length(${of}) : $count(${of}))`
  }
  const renamed = renameOf(path)
  const segments: PathSegment[] = renamed ? [...renamed.map(name => ({ name })), ...path.slice(2)] : path
  let out = ''
  segments.forEach((s, i) => {
    if ('dynamic' in s) {
      out = `$lookup(${out}, ${write(s.dynamic, 'value')})`
      return
    }
    if ('index' in s) {
      out += `[${s.index}]`
      return
    }
    // `$workspace`, `$http`, `$error`: bindings in JSONata, as here.
    if (i === 0 && /^\$[A-Za-z_]\w*$/.test(s.name)) {
      out = s.name
      return
    }
    out += (i === 0 ? '' : '.') + field(s.name)
  })
  return out
}

function literal(v: string | number | boolean | null | undefined): string {
  return v === undefined ? '()' : JSON.stringify(v)
}

function isStringy(n: Node): boolean {
  return (
    n.kind === 'word' ||
    (n.kind === 'literal' && typeof n.value === 'string') ||
    (n.kind === 'binary' && n.op === '+' && (isStringy(n.left) || isStringy(n.right))) ||
    (n.kind === 'group' && isStringy(n.inner))
  )
}

function isNullish(n: Node): boolean {
  return n.kind === 'literal' && (n.value === null || n.value === undefined)
}

/** A Prisme-loose `a == b`: a missing value equals `null` and `undefined`; otherwise JSONata's `=`. */
function equality(n: Extract<Node, { kind: 'binary' }>): string {
  const [l, r] = [write(n.left, 'value'), write(n.right, 'value')]
  if (n.op === '==' && (isNullish(n.left) || isNullish(n.right))) {
    const other = isNullish(n.left) ? r : l
    return `($exists(${other}) = false or ${other} = null)`
  }
  if (n.op === '===' && n.right.kind === 'literal' && n.right.value === undefined) return `$exists(${l}) = false`
  if (n.op === '===' && n.left.kind === 'literal' && n.left.value === undefined) return `$exists(${r}) = false`
  return `${l} = ${r}`
}

function write(n: Node, mode: Mode): string {
  switch (n.kind) {
    case 'var':
      return writePath(n.path)
    case 'literal':
      return literal(n.value)
    case 'word':
      return JSON.stringify(n.value)
    case 'group':
      return `(${write(n.inner, mode)})`
    case 'member':
      return member(n)
    case 'call':
      return call(n)
    case 'exists': {
      const a = write(n.arg, 'value')
      const test = `($exists(${a}) and ${a} != null)`
      return n.negated ? `$not${test}` : test
    }
    case 'unary':
      if (n.op === '-') return `-${write(n.arg, 'value')}`
      return `$not(${write(n.arg, 'condition')})`
    case 'binary':
      return binary(n, mode)
  }
}

function binary(n: Extract<Node, { kind: 'binary' }>, mode: Mode): string {
  const side = (x: Node, m: Mode = 'value'): string => {
    const s = write(x, m)
    // Keep the tree's grouping: JSONata's precedence differs from Prisme's for and/or.
    return x.kind === 'binary' ? `(${s})` : s
  }
  switch (n.op) {
    case 'and':
    case 'or':
      if (mode === 'condition') return `${side(n.left, 'condition')} ${n.op} ${side(n.right, 'condition')}`
      // As in JavaScript, `a || b` is a when a is truthy, else b; `a && b` is b when a is truthy, else a.
      return n.op === 'or'
        ? `${side(n.left)} ?: ${side(n.right)}`
        : `(${write(n.left, 'value')} ? ${side(n.right)} : ${side(n.left)})`
    case '==':
    case '===':
      return equality(n)
    // Prisme's `!=` is strict, and a missing value is different from anything: `$not(a = b)` is true then.
    case '!=':
      return `$not(${equality({ ...n, op: '===' })})`
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '-':
    case '*':
    case '/':
    case '%':
      return `${side(n.left)} ${n.op} ${side(n.right)}`
    case '+':
      // `+` joins text when either side is text (JavaScript's rule), which JSONata writes `&`.
      return `${side(n.left)} ${isStringy(n.left) || isStringy(n.right) ? '&' : '+'} ${side(n.right)}`
    case 'in':
      return inList(n)
    case 'matches':
      return matches(n)
  }
  throw new PrismeSyntaxError(`unknown operator ${n.op}`, n.at)
}

/** `x in list`: an array, the keys of an object, or a comma-separated string. */
function inList(n: Extract<Node, { kind: 'binary' }>): string {
  const needle = write(n.left, 'value')
  const r = n.right
  if (r.kind === 'word' || (r.kind === 'literal' && typeof r.value === 'string')) {
    const items = String(r.value)
      .split(',')
      .map(s => s.trim())
    return `${needle} in ${JSON.stringify(items)}`
  }
  const list = write(r, 'value')
  return (
    `(${needle} in ($type(${list}) = "string" ? $split(${list}, ",").$trim($) : ` +
    `$type(${list}) = "object" ? $keys(${list}) : ${list}))`
  )
}

/** `x matches "re"`: an unanchored regular expression (a literal); an array of them matches any. */
function matches(n: Extract<Node, { kind: 'binary' }>): string {
  const subject = `$string(${write(n.left, 'value')})`
  let r = n.right
  if (r.kind === 'group') r = r.inner
  if (r.kind === 'call' && r.name === 'regex') {
    const [pattern, flags] = r.args
    if (pattern?.kind !== 'literal' || typeof pattern.value !== 'string') {
      throw new PrismeSyntaxError('regex(…) needs a literal pattern to be translated', r.at)
    }
    return `$contains(${subject}, ${regexLiteral(pattern.value, flags?.kind === 'literal' ? String(flags.value) : '')})`
  }
  if (r.kind === 'word' || (r.kind === 'literal' && typeof r.value === 'string')) {
    return `$contains(${subject}, ${regexLiteral(String(r.value), '')})`
  }
  const why = '`matches` needs a literal pattern (a string or regex("…")) to be translated to JSONata'
  throw new PrismeSyntaxError(why, r.at)
}

function regexLiteral(pattern: string, flags: string): string {
  return `/${pattern.replace(/\//g, '\\/')}/${flags.replace(/[^im]/g, '')}`
}

const DATE_FIELDS = new Set(['ts', 'iso', 'year', 'month', 'date', 'day', 'hour', 'minute', 'second'])

function member(n: Extract<Node, { kind: 'member' }>): string {
  const o = n.object
  if (o.kind === 'call' && o.name === 'date' && o.args.length === 1 && DATE_FIELDS.has(n.name)) {
    return `$date(${write(o.args[0], 'value')}).${n.name}`
  }
  if (o.kind === 'call' && o.name === 'URLSearchParams' && o.args.length === 1 && n.name === 'asString') {
    return `$encodeQuery(${write(o.args[0], 'value')})`
  }
  if (o.kind === 'call' && o.name === 'URLSearchParams' && o.args.length === 1 && n.name === 'asJSON') {
    return `$decodeQuery(${write(o.args[0], 'value')})`
  }
  return `${write(o, 'value')}.${field(n.name)}`
}

/** The argument as a value; a string argument of the legacy `isArray("path")` form is the path. */
function pathArg(n: Node | undefined): string {
  if (!n) return '()'
  if (n.kind === 'word' || (n.kind === 'literal' && typeof n.value === 'string')) {
    return writePath(parsePrismePath(String(n.value), n.at))
  }
  return write(n, 'value')
}

function call(n: Extract<Node, { kind: 'call' }>): string {
  const a = n.args.map(x => write(x, 'value'))
  const arity = (min: number, max = min): void => {
    if (a.length < min || a.length > max) {
      const takes = min === max ? String(min) : `${min} to ${max}`
      throw new PrismeSyntaxError(`${n.name}() takes ${takes} argument(s), got ${a.length}`, n.at)
    }
  }
  switch (n.name) {
    case 'date':
      arity(1, 4)
      if (a.length === 1) return `$date(${a[0]}).iso`
      return `$formatDate(${a.join(', ')})`
    case 'isArray':
      arity(1)
      return `($type(${pathArg(n.args[0])}) = "array")`
    case 'isObject':
      arity(1)
      return `($type(${pathArg(n.args[0])}) = "object")`
    case 'isString':
      arity(1)
      return `($type(${a[0]}) = "string")`
    case 'isNumber':
      arity(1)
      return `($type(${a[0]}) = "number")`
    case 'rand':
      arity(0, 2)
      if (a.length === 0) return '$random()'
      return a.length === 1
        ? `$floor($random() * ((${a[0]}) + 1))`
        : `$floor($random() * ((${a[1]}) - (${a[0]}) + 1)) + (${a[0]})`
    case 'round':
      arity(1, 2)
      return `$round(${a.join(', ')})`
    case 'floor':
    case 'ceil':
      arity(1, 2)
      return a.length === 1
        ? `$${n.name}(${a[0]})`
        : `$${n.name}((${a[0]}) * $power(10, ${a[1]})) / $power(10, ${a[1]})`
    case 'split':
      arity(2)
      return `$split(${a[0]}, ${a[1]})`
    case 'join':
      arity(1, 2)
      return `$join((${a[0]}).$string($), ${a[1] ?? '","'})`
    case 'json':
    case 'unsafejson':
      arity(1)
      return `$json(${a[0]})`
    case 'replace':
      arity(3)
      return `$replace(${a[0]}, ${a[1]}, ${a[2]}, 1)`
    case 'slice':
      arity(2, 3)
      return `$slice(${a.join(', ')})`
    case 'lower':
      arity(1)
      return `$lowercase(${a[0]})`
    case 'upper':
      arity(1)
      return `$uppercase(${a[0]})`
    case 'base64':
      arity(1)
      return `$base64encode(${a[0]})`
    case 'uuid':
      arity(0)
      return '$replace($uuid(), "-", "")'
    case 'number':
      arity(1)
      return `$number(${a[0]})`
    case 'min':
    case 'max':
      return `$${n.name}([${a.join(', ')}])`
    case 'truncate': {
      arity(1, 3)
      const len = a[1] ?? '100'
      const ellipsis = a[2] ?? '"..."'
      return `($length(${a[0]}) > (${len}) ? $substring(${a[0]}, 0, ${len}) & ${ellipsis} : ${a[0]})`
    }
  }
  throw new PrismeSyntaxError(`the function ${n.name}() has no JSONata translation here`, n.at)
}
