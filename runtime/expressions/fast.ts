// A synchronous evaluator for the small subset of JSONata that automations use on every call
// (paths like `config.authMode`, comparisons, `and`/`or`, `? :`, `&`, `[…]`, `[list.(…)]`,
// `$exists`, `$count`, `$join`, `$not`…). JSONata's own evaluator is asynchronous at every node, so
// even `config.authMode = "apiToken"` costs dozens of promises; this one costs a few property reads.
//
// It is an accelerator, not a second implementation: a node outside the subset compiles to BAIL,
// and at run time any value whose JSONata semantics are not trivially the same here (an array in
// the middle of a path, which JSONata maps over; a sequence; a comparison JSONata would reject; a
// shadowed function…) returns BAIL too. The caller then evaluates the expression with JSONata, so
// errors always come from JSONata itself. The rules mirror jsonata 2.x (evaluatePath/evaluateStep,
// evaluateBinary, evaluateCondition, the array constructor); value rules are in expressions-fast-values.ts.
import { BAIL, bool, builtin, checked, FAST_STRING_MAX, field, isFunction, string } from './fast-values.ts'

export { BAIL }

/** The context of an evaluation: ROOT (the scope, i.e. the whole input) or an item being mapped. */
const ROOT: unique symbol = Symbol('root')
type Eval = (s: FastScope, ctx: unknown) => unknown
export type FastEval = (s: FastScope) => unknown

export interface FastScope {
  /** The value of a variable or scope (`config`, `page`…), as the JSONata input's property. */
  lookup (name: string): unknown
  /** Whether a local variable exists (`$x` variables shadow functions of the same name). */
  has (name: string): boolean
  /** The whole JSONata input (for `$` and `$$` on their own). */
  view (): Record<string, unknown>
}

interface Node { type: string, value?: unknown, [key: string]: unknown }

/** Host functions (runtime/functions) the subset knows: called directly, as JSONata would. */
export interface HostFunctions { not?: (v: unknown) => unknown }

// Keys each node may carry; any other key (predicate, stages, group, keepArray, focus, tuple…)
// means semantics outside the subset.
const KEYS: Record<string, ReadonlySet<string>> = {
  string: new Set(['type', 'value', 'position']),
  number: new Set(['type', 'value', 'position']),
  value: new Set(['type', 'value', 'position']),
  name: new Set(['type', 'value', 'position']),
  variable: new Set(['type', 'value', 'position']),
  path: new Set(['type', 'steps']),
  binary: new Set(['type', 'value', 'position', 'lhs', 'rhs']),
  unary: new Set(['type', 'value', 'position', 'expressions', 'expression']),
  condition: new Set(['type', 'position', 'condition', 'then', 'else']),
  function: new Set(['type', 'value', 'position', 'arguments', 'procedure']),
  block: new Set(['type', 'position', 'expressions']),
}

const STUB: Eval = () => BAIL

/**
 * Compile a JSONata AST. A node outside the subset becomes BAIL when reached, so
 * `status = 401 and $contains(…)` is fast whenever the status is not 401. Undefined when the
 * root itself is outside the subset.
 */
export function compileFast (ast: Node, host: HostFunctions, shadowed: ReadonlySet<string>): FastEval | undefined {
  const c = (node: unknown): Eval => compile(node) ?? STUB
  const compile = (n: unknown): Eval | undefined => {
    if (!isNode(n)) return undefined
    switch (n.type) {
      case 'string': case 'number': case 'value': { const v = n.value; return () => v }
      case 'path': return isMapping(n) ? undefined : path(n.steps as Node[])
      case 'variable': return variable(n.value as string)
      case 'binary': return binary(n.value as string, c(n.lhs), c(n.rhs))
      case 'unary': return unary(n, c)
      case 'condition': return condition(c(n.condition), c(n.then), n.else === undefined ? () => undefined : c(n.else))
      case 'block': return block((n.expressions as Node[]).map(c))
      case 'function': return call(n, c, host, shadowed)
    }
    return undefined
  }
  const root = compile(ast)
  return root && (s => root(s, ROOT))
}

/**
 * A node of a known type carrying no key outside its set. Keys set to undefined (function nodes
 * have `name: undefined`) do not count, except those JSONata tests with hasOwnProperty.
 */
function isNode (node: unknown): node is Node {
  if (node === null || typeof node !== 'object') return false
  const keys = KEYS[(node as Node).type]
  if (!keys) return false
  for (const [k, v] of Object.entries(node)) if (!keys.has(k) && (v !== undefined || k === 'predicate' || k === 'group')) return false
  return true
}

function variable (name: string): Eval {
  if (name === '$') return s => s.view() // `$$`, the root
  if (name === '') return (s, ctx) => ctx === ROOT ? s.view() : ctx // `$`, the context
  const key = `$${name}`
  return s => s.has(key) ? checked(s.lookup(key)) : BAIL
}

/** A field of the context: at the root, a variable or scope of the run. */
function head (s: FastScope, ctx: unknown, name: string): unknown {
  return ctx === ROOT ? checked(s.lookup(name)) : field(ctx, name)
}

/** A path of field names, optionally after `$`, `$$` or `$var`. A final array comes back as is. */
function path (steps: Node[]): Eval | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return undefined
  for (const [i, step] of steps.entries()) {
    if (!isNode(step) || (step.type !== 'name' && !(i === 0 && step.type === 'variable'))) return undefined
    if (step.type === 'name' && (typeof step.value !== 'string' || step.value === '__proto__')) return undefined
  }
  const names = steps.map(s => s.value as string)
  const first = steps[0]
  let start: Eval
  let rest: string[]
  if (first.type === 'name') {
    start = (s, ctx) => head(s, ctx, names[0])
    rest = names.slice(1)
  } else if ((first.value === '' || first.value === '$') && steps.length > 1) {
    // `$.a` / `$$.a`: the field of the context / of the root, without building the whole input.
    const root = first.value === '$'
    start = (s, ctx) => head(s, root ? ROOT : ctx, names[1])
    rest = names.slice(2)
  } else {
    start = variable(first.value as string)
    rest = names.slice(1)
  }
  if (rest.length === 0) return start
  return (s, ctx) => {
    let cur = start(s, ctx)
    for (const key of rest) cur = field(cur, key)
    return cur
  }
}

/** `list.(expr)`: a path whose last step is a block, which JSONata evaluates once per item. */
function isMapping (n: Node): boolean {
  const steps = n.steps as Node[] | undefined
  return Array.isArray(steps) && steps.length > 1 && steps[steps.length - 1]?.type === 'block'
}

/**
 * The results of a mapping, one per item, or BAIL. Only used as an item of `[…]`, where JSONata
 * appends the whole sequence whatever its length (0 → nothing, 1 → the value, n → all).
 */
function mapping (n: Node, c: (node: unknown) => Eval): ((s: FastScope, ctx: unknown) => unknown[] | typeof BAIL) | undefined {
  const steps = n.steps as Node[]
  const last = steps[steps.length - 1]
  const prefix = path(steps.slice(0, -1))
  if (!prefix || !isNode(last)) return undefined
  const body = block((last.expressions as Node[]).map(c))
  if (!body) return undefined
  return (s, ctx) => {
    const v = prefix(s, ctx)
    if (v === BAIL) return BAIL
    if (v === undefined) return []
    // A non-final step flattens an array into items (unless JSONata built it, `cons`).
    if (Array.isArray(v) && (v as { cons?: unknown }).cons) return BAIL
    const items = Array.isArray(v) ? v : [v]
    const out: unknown[] = []
    for (let i = 0; i < items.length; i++) {
      const item = items[i]
      if (!(i in items) || item === undefined || Array.isArray(item)) return BAIL
      const r = body(s, item)
      if (r === BAIL || Array.isArray(r)) return BAIL
      if (r !== undefined) out.push(r)
    }
    return out
  }
}

function binary (op: string, lhs: Eval, rhs: Eval): Eval | undefined {
  switch (op) {
    case 'and': case 'or': return (s, ctx) => {
      const l = bool(lhs(s, ctx))
      if (l === BAIL) return BAIL
      if ((op === 'and') !== (l === true)) return l === true
      const r = bool(rhs(s, ctx))
      return r === BAIL ? BAIL : r === true
    }
    case '=': case '!=': return (s, ctx) => {
      const l = lhs(s, ctx)
      const r = rhs(s, ctx)
      if (l === BAIL || r === BAIL) return BAIL
      if (l === undefined || r === undefined) return false
      if (l === r) return op === '='
      if (typeof l === 'object' && l !== null && typeof r === 'object' && r !== null) return BAIL // deep equality
      return op === '!='
    }
    case '<': case '<=': case '>': case '>=': return (s, ctx) => {
      const l = lhs(s, ctx)
      const r = rhs(s, ctx)
      if (l === BAIL || r === BAIL) return BAIL
      const lt = typeof l
      const rt = typeof r
      // JSONata throws T2010/T2009 for these: let it.
      if (!(lt === 'undefined' || lt === 'string' || lt === 'number') || !(rt === 'undefined' || rt === 'string' || rt === 'number')) return BAIL
      if (lt === 'undefined' || rt === 'undefined') return undefined
      if (lt !== rt) return BAIL
      const a = l as number
      const b = r as number
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b
    }
    case '&': return (s, ctx) => {
      const l = lhs(s, ctx)
      const r = rhs(s, ctx)
      if (l === BAIL || r === BAIL) return BAIL
      const ls = l === undefined ? '' : string(l)
      const rs = r === undefined ? '' : string(r)
      if (ls === BAIL || rs === BAIL || ls.length + rs.length > FAST_STRING_MAX) return BAIL
      return ls.concat(rs)
    }
    case 'in': return (s, ctx) => {
      const l = lhs(s, ctx)
      const r = rhs(s, ctx)
      if (l === BAIL || r === BAIL) return BAIL
      if (l === undefined || r === undefined) return false
      return (Array.isArray(r) ? r : [r]).some(x => x === l)
    }
  }
  return undefined
}

function unary (n: Node, c: (node: unknown) => Eval): Eval | undefined {
  if (n.value === '-') {
    const e = c(n.expression)
    return (s, ctx) => {
      const v = e(s, ctx)
      if (v === undefined || v === BAIL) return v
      return typeof v === 'number' && Number.isFinite(v) ? -v : BAIL
    }
  }
  if (n.value !== '[' || !Array.isArray(n.expressions)) return undefined
  const items = (n.expressions as Node[]).map(item => {
    const many = isNode(item) && item.type === 'path' && isMapping(item) ? mapping(item, c) : undefined
    return { nested: item?.value === '[', e: many ? undefined : c(item), many }
  })
  if (items.some(i => !i.e && !i.many)) return undefined
  return (s, ctx) => {
    let out: unknown[] = []
    for (const { nested, e, many } of items) {
      if (many) {
        const vs = many(s, ctx)
        if (vs === BAIL) return BAIL
        for (const v of vs) out.push(v)
        continue
      }
      const v = e!(s, ctx)
      if (v === BAIL) return BAIL
      if (v === undefined) continue
      // fn.append: an array value is spliced in, anything else added.
      if (nested) out.push(v)
      else out = out.concat(Array.isArray(v) ? v : [v])
    }
    return out
  }
}

function condition (test: Eval, then: Eval, otherwise: Eval): Eval {
  return (s, ctx) => {
    const b = bool(test(s, ctx))
    return b === BAIL ? BAIL : b === true ? then(s, ctx) : otherwise(s, ctx)
  }
}

function block (items: Eval[]): Eval | undefined {
  if (items.length === 0) return undefined
  if (items.length === 1) return items[0]
  return (s, ctx) => {
    let v: unknown
    for (const e of items) if ((v = e(s, ctx)) === BAIL) return BAIL
    return v
  }
}

function call (n: Node, c: (node: unknown) => Eval, host: HostFunctions, shadowed: ReadonlySet<string>): Eval | undefined {
  const proc = n.procedure
  if (!isNode(proc) || proc.type !== 'variable' || !Array.isArray(n.arguments)) return undefined
  const name = proc.value as string
  const args = (n.arguments as Node[]).map(c)
  let impl: ((a: unknown[]) => unknown) | undefined
  if (name === 'not' && host.not && args.length === 1) {
    const not = host.not
    impl = ([v]) => { try { return not(v) } catch { return BAIL } }
  } else if (!shadowed.has(name)) {
    impl = builtin(name, args.length)
  }
  if (!impl) return undefined
  const local = `$${name}`
  return (s, ctx) => {
    // A variable `$name` would shadow the function.
    if (s.has(local)) return BAIL
    const values: unknown[] = []
    for (const a of args) {
      const v = a(s, ctx)
      if (v === BAIL || isFunction(v)) return BAIL
      values.push(v)
    }
    return impl(values)
  }
}
