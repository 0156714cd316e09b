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
import {
  BAIL,
  bool,
  builtin,
  checked,
  FAST_STRING_MAX,
  FastRegex,
  field,
  isFunction,
  type RegexEngine,
  string,
} from './fast-values.ts'

export { BAIL }

/** The context of an evaluation: ROOT (the scope, i.e. the whole input) or an item being mapped. */
const ROOT: unique symbol = Symbol('root')
type Eval = (s: FastScope, ctx: unknown) => unknown
export type FastEval = (s: FastScope) => unknown

export interface FastScope {
  /** The value of a variable or scope (`config`, `page`…), as the JSONata input's property. */
  lookup(name: string): unknown
  /** Whether a local variable exists (`$x` variables shadow functions of the same name). */
  has(name: string): boolean
  /** The whole JSONata input (for `$` and `$$` on their own). */
  view(): Record<string, unknown>
}

interface Node {
  type: string
  value?: unknown
  [key: string]: unknown
}

/** Host functions (runtime/functions) the subset knows: called directly, as JSONata would. */
export interface HostFunctions {
  not?: (v: unknown) => unknown
  /**
   * Synchronous, side-effect-free host functions by name, with their JSONata signature; `this` is
   * `focus` (what JSONata passes: the expression's options). `accepts` may refuse arguments (BAIL).
   */
  functions?: Record<string, HostFunction>
  focus?: unknown
  /** The workspace's regex engine (JSONata's `RegexEngine` option), for `$match` and `$replace`. */
  regexEngine?: RegexEngine
}

interface HostFunction {
  impl: (...a: unknown[]) => unknown
  signature: string
  accepts?: (args: unknown[]) => boolean
}

/** A lambda bound to a variable: never called here (a call of a local variable bails), never returned. */
const LAMBDA = Object.freeze({ _jsonata_lambda: true })

/** A local frame of a block, as JSONata's createFrame: bindings shadow the enclosing ones. */
class Locals implements FastScope {
  private readonly bound = new Map<string, unknown>()
  constructor(private readonly parent: FastScope) {}
  bind(key: string, value: unknown): void {
    this.bound.set(key, value)
  }
  // As jsonata 2.2's frame: a binding holding undefined still shadows the enclosing ones.
  has(key: string): boolean {
    return this.bound.has(key) || this.parent.has(key)
  }
  lookup(key: string): unknown {
    return this.bound.has(key) ? this.bound.get(key) : this.parent.lookup(key)
  }
  view(): Record<string, unknown> {
    return this.parent.view()
  }
}

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
  bind: new Set(['type', 'value', 'position', 'lhs', 'rhs']),
  regex: new Set(['type', 'value', 'position']),
  unary: new Set(['type', 'value', 'position', 'expressions', 'expression', 'lhs']),
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
export function compileFast(ast: Node, host: HostFunctions, shadowed: ReadonlySet<string>): FastEval | undefined {
  const c = (node: unknown): Eval => compile(node) ?? STUB
  const compile = (n: unknown): Eval | undefined => {
    if (!isNode(n)) return undefined
    switch (n.type) {
      case 'string':
      case 'number':
      case 'value': {
        const v = n.value
        return () => v
      }
      case 'path':
        return isMapping(n) ? undefined : path(n.steps as Node[], c)
      case 'variable':
        return variable(n.value as string)
      case 'binary':
        return binary(n.value as string, c(n.lhs), c(n.rhs))
      case 'unary':
        return unary(n, c)
      case 'condition':
        return condition(c(n.condition), c(n.then), n.else === undefined ? () => undefined : c(n.else))
      case 'block':
        return block((n.expressions as Node[]).map(c), bindsIn(n))
      case 'function':
        return call(n, c, host, shadowed)
      case 'bind':
        return bind(n, c)
      case 'regex': {
        const engine = host.regexEngine
        const re = n.value
        return engine && re instanceof RegExp ? () => new FastRegex(re, engine) : undefined
      }
    }
    return undefined
  }
  const root = isLambda(ast) ? undefined : compile(ast)
  if (!root) return undefined
  return s => {
    const v = root(s, ROOT)
    return v === LAMBDA || v instanceof FastRegex ? BAIL : v
  }
}

function isLambda(n: unknown): boolean {
  return n !== null && typeof n === 'object' && (n as Node).type === 'lambda'
}

/** `$x := value`: bound in the innermost block's frame (a bind outside any block is left to JSONata). */
function bind(n: Node, c: (node: unknown) => Eval): Eval | undefined {
  const lhs = n.lhs as Node | undefined
  if (!isNode(lhs) || lhs.type !== 'variable' || typeof lhs.value !== 'string' || lhs.value === '') return undefined
  const key = `$${lhs.value}`
  // A lambda is bound as a marker: calling it goes to JSONata (the variable shadows any function).
  const rhs = isLambda(n.rhs) ? () => LAMBDA : c(n.rhs)
  return (s, ctx) => {
    if (!(s instanceof Locals)) return BAIL
    const v = rhs(s, ctx)
    // An array made here is a `cons` array in JSONata, which later steps treat differently.
    if (v === BAIL || Array.isArray(v)) return BAIL
    s.bind(key, v)
    return v
  }
}

/** Whether a block binds a variable anywhere inside (then it needs its own frame, as in JSONata). */
function bindsIn(n: Node): boolean {
  const stack: unknown[] = [n.expressions]
  while (stack.length > 0) {
    const x = stack.pop()
    if (x === null || typeof x !== 'object' || x instanceof RegExp) continue
    if ((x as Node).type === 'bind') return true
    for (const v of Object.values(x)) stack.push(v)
  }
  return false
}

/**
 * A node of a known type carrying no key outside its set. Keys set to undefined (function nodes
 * have `name: undefined`) do not count, except those JSONata tests with hasOwnProperty.
 */
function isNode(node: unknown): node is Node {
  if (node === null || typeof node !== 'object') return false
  const keys = KEYS[(node as Node).type]
  if (!keys) return false
  for (const [k, v] of Object.entries(node))
    if (!keys.has(k) && (v !== undefined || k === 'predicate' || k === 'group')) return false
  return true
}

function variable(name: string): Eval {
  if (name === '$') return s => s.view() // `$$`, the root
  if (name === '') return (s, ctx) => (ctx === ROOT ? s.view() : ctx) // `$`, the context
  const key = `$${name}`
  return s => {
    if (!s.has(key)) return BAIL
    const v = s.lookup(key)
    return v === LAMBDA ? BAIL : checked(v)
  }
}

/** A field of the context: at the root, a variable or scope of the run. */
function head(s: FastScope, ctx: unknown, name: string): unknown {
  return ctx === ROOT ? checked(s.lookup(name)) : field(ctx, name)
}

/** `[n]` with a non-negative integer literal: the only predicate of the subset. */
function indexOf(step: Node): number | undefined {
  const stages = step.stages as Node[] | undefined
  if (stages === undefined) return undefined
  if (!Array.isArray(stages) || stages.length !== 1) return -1
  const f = stages[0]
  const keys = Object.keys(f).filter(k => (f as Record<string, unknown>)[k] !== undefined)
  if (f.type !== 'filter' || keys.some(k => k !== 'type' && k !== 'expr' && k !== 'position')) return -1
  const e = f.expr as Node | undefined
  if (!isNode(e) || e.type !== 'number' || !Number.isInteger(e.value) || (e.value as number) < 0) return -1
  return e.value as number
}

/** A name step's own keys without its `[n]` (checked by indexOf). */
function isNameStep(step: unknown): boolean {
  if (step === null || typeof step !== 'object' || (step as Node).type !== 'name') return false
  const { stages, ...rest } = step as Node
  if (!isNode(rest) || typeof rest.value !== 'string' || rest.value === '__proto__') return false
  return stages === undefined || indexOf(step as Node)! >= 0
}

/**
 * `[n]` on one step's value, as JSONata filters a step's result sequence: an array of plain items
 * gives its item, another value is a sequence of one (item 0). Nested arrays and holes: BAIL.
 */
function pick(v: unknown, index: number): unknown {
  if (v === BAIL || v === undefined) return v
  if (!Array.isArray(v)) return index === 0 ? v : undefined
  for (let i = 0; i < v.length; i++) if (!(i in v) || v[i] === undefined || Array.isArray(v[i])) return BAIL
  return v[index]
}

/**
 * A path of field names, optionally after `$`, `$$`, `$var` or a function call, each name with an
 * optional `[n]`. A final array comes back as is.
 */
function path(steps: Node[], c?: (node: unknown) => Eval): Eval | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return undefined
  for (const [i, step] of steps.entries()) {
    if (isNameStep(step)) continue
    if (i === 0 && isNode(step) && step.type === 'variable') continue
    if (i === 0 && c && steps.length > 1 && isNode(step) && step.type === 'function') continue
    return undefined
  }
  const names = steps.map(s => s.value as string)
  const indexes = steps.map(s => (s.type === 'name' ? indexOf(s) : undefined))
  const first = steps[0]
  let start: Eval
  let from: number
  if (first.type === 'name') {
    const i0 = indexes[0]
    start = i0 === undefined ? (s, ctx) => head(s, ctx, names[0]) : (s, ctx) => pick(head(s, ctx, names[0]), i0)
    from = 1
  } else if (first.type === 'function') {
    start = c!(first)
    from = 1
  } else if ((first.value === '' || first.value === '$') && steps.length > 1) {
    // `$.a` / `$$.a`: the field of the context / of the root, without building the whole input.
    const root = first.value === '$'
    const i1 = indexes[1]
    start =
      i1 === undefined
        ? (s, ctx) => head(s, root ? ROOT : ctx, names[1])
        : (s, ctx) => pick(head(s, root ? ROOT : ctx, names[1]), i1)
    from = 2
  } else {
    start = variable(first.value as string)
    from = 1
  }
  const rest = names.slice(from)
  const restIndexes = indexes.slice(from)
  if (rest.length === 0) return start
  const last = rest.length - 1
  return (s, ctx) => {
    let cur = start(s, ctx)
    for (let i = 0; i < rest.length; i++) cur = step(cur, rest[i], restIndexes[i], i === last)
    return cur
  }
}

/**
 * One name step (with its optional `[n]`) on the previous step's value, as evaluateStep: on an
 * array, the step maps over its items and the results are flattened one level; undefined results
 * are dropped; a single array result of the last step comes back as is; one result is the value
 * itself, none is undefined. Nested arrays, holes and arrays JSONata built (`cons`): BAIL.
 */
function step(cur: unknown, key: string, index: number | undefined, lastStep: boolean): unknown {
  if (!Array.isArray(cur)) {
    const v = field(cur, key)
    return index === undefined ? v : pick(v, index)
  }
  if ((cur as { cons?: unknown }).cons) return BAIL
  const results: unknown[] = []
  for (let i = 0; i < cur.length; i++) {
    if (!(i in cur)) return BAIL
    const item = cur[i]
    if (Array.isArray(item)) return BAIL
    let v = field(item, key)
    if (index !== undefined) v = pick(v, index)
    if (v === BAIL) return BAIL
    if (v !== undefined) results.push(v)
  }
  if (lastStep && results.length === 1 && Array.isArray(results[0])) return results[0]
  const out: unknown[] = []
  for (const r of results) {
    if (!Array.isArray(r)) {
      out.push(r)
      continue
    }
    for (let i = 0; i < r.length; i++) {
      if (!(i in r)) return BAIL
      out.push(r[i])
    }
  }
  return out.length === 0 ? undefined : out.length === 1 ? out[0] : out
}

/** `list.(expr)`: a path whose last step is a block, which JSONata evaluates once per item. */
function isMapping(n: Node): boolean {
  const steps = n.steps as Node[] | undefined
  const last = Array.isArray(steps) && steps.length > 1 ? steps[steps.length - 1] : undefined
  return last?.type === 'block' || (last?.type === 'unary' && last.value === '{')
}

/**
 * The results of a mapping, one per item, or BAIL. Only used as an item of `[…]`, where JSONata
 * appends the whole sequence whatever its length (0 → nothing, 1 → the value, n → all).
 */
function mapping(
  n: Node,
  c: (node: unknown) => Eval,
): ((s: FastScope, ctx: unknown) => unknown[] | typeof BAIL) | undefined {
  const steps = n.steps as Node[]
  const last = steps[steps.length - 1]
  const prefix = path(steps.slice(0, -1))
  if (!prefix || !isNode(last)) return undefined
  const body = last.type === 'block' ? block((last.expressions as Node[]).map(c), bindsIn(last)) : c(last)
  if (!body || body === STUB) return undefined
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

function binary(op: string, lhs: Eval, rhs: Eval): Eval | undefined {
  switch (op) {
    case 'and':
    case 'or':
      return (s, ctx) => {
        const l = bool(lhs(s, ctx))
        if (l === BAIL) return BAIL
        if ((op === 'and') !== (l === true)) return l === true
        const r = bool(rhs(s, ctx))
        return r === BAIL ? BAIL : r === true
      }
    case '=':
    case '!=':
      return (s, ctx) => {
        const l = lhs(s, ctx)
        const r = rhs(s, ctx)
        if (l === BAIL || r === BAIL) return BAIL
        if (l === undefined || r === undefined) return false
        if (l === r) return op === '='
        if (typeof l === 'object' && l !== null && typeof r === 'object' && r !== null) return BAIL // deep equality
        return op === '!='
      }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (s, ctx) => {
        const l = lhs(s, ctx)
        const r = rhs(s, ctx)
        if (l === BAIL || r === BAIL) return BAIL
        const lt = typeof l
        const rt = typeof r
        // JSONata throws T2010/T2009 for these: let it.
        if (
          !(lt === 'undefined' || lt === 'string' || lt === 'number') ||
          !(rt === 'undefined' || rt === 'string' || rt === 'number')
        )
          return BAIL
        if (lt === 'undefined' || rt === 'undefined') return undefined
        if (lt !== rt) return BAIL
        const a = l as number
        const b = r as number
        return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b
      }
    case '&':
      return (s, ctx) => {
        const l = lhs(s, ctx)
        const r = rhs(s, ctx)
        if (l === BAIL || r === BAIL) return BAIL
        const ls = l === undefined ? '' : string(l)
        const rs = r === undefined ? '' : string(r)
        if (ls === BAIL || rs === BAIL || ls.length + rs.length > FAST_STRING_MAX) return BAIL
        return ls.concat(rs)
      }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return (s, ctx) => {
        const l = lhs(s, ctx)
        const r = rhs(s, ctx)
        if (l === BAIL || r === BAIL) return BAIL
        // JSONata: T2001/T2002 for a non-number (NaN included), D1001 for ±Infinity, even beside undefined,
        // and D1001 for a non-finite result.
        if ((l !== undefined && !Number.isFinite(l)) || (r !== undefined && !Number.isFinite(r))) return BAIL
        if (l === undefined || r === undefined) return undefined
        const a = l as number
        const b = r as number
        const v = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b
        return Number.isFinite(v) ? v : BAIL
      }
    case 'in':
      return (s, ctx) => {
        const l = lhs(s, ctx)
        const r = rhs(s, ctx)
        if (l === BAIL || r === BAIL) return BAIL
        if (l === undefined || r === undefined) return false
        return (Array.isArray(r) ? r : [r]).some(x => x === l)
      }
  }
  return undefined
}

function unary(n: Node, c: (node: unknown) => Eval): Eval | undefined {
  if (n.value === '-') {
    const e = c(n.expression)
    return (s, ctx) => {
      const v = e(s, ctx)
      if (v === undefined || v === BAIL) return v
      return typeof v === 'number' && Number.isFinite(v) ? -v : BAIL
    }
  }
  if (n.value === '{') return object(n, c)
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

/**
 * `{"key": value, …}` over one context item, as evaluateGroupExpression builds it: string keys (an
 * undefined key drops its pair), values evaluated on the item, undefined values dropped, a
 * null-prototype object. An array context (JSONata groups its items), a non-string key (T1003), a
 * reserved one (D1013) or a key made by two pairs (D1009): BAIL.
 */
function object(n: Node, c: (node: unknown) => Eval): Eval | undefined {
  const pairs = n.lhs as unknown[][] | undefined
  if (!Array.isArray(pairs) || n.expressions !== undefined || n.expression !== undefined) return undefined
  if (!pairs.every(p => Array.isArray(p) && p.length === 2)) return undefined
  const compiled = pairs.map(([k, v]) => [c(k), c(v)] as const)
  return (s, ctx) => {
    if (Array.isArray(ctx)) return BAIL
    const result: Record<string, unknown> = Object.create(null)
    const seen = new Set<string>()
    const values: Array<[string, Eval]> = []
    for (const [key, value] of compiled) {
      const k = key(s, ctx)
      if (k === BAIL) return BAIL
      if (k === undefined) continue
      if (typeof k !== 'string' || k === '_jsonata_lambda' || k === '_jsonata_function' || seen.has(k)) return BAIL
      seen.add(k)
      values.push([k, value])
    }
    for (const [k, value] of values) {
      const v = value(s, ctx)
      if (v === BAIL || v === LAMBDA || v instanceof FastRegex) return BAIL
      if (v !== undefined) result[k] = v
    }
    return result
  }
}

function condition(test: Eval, then: Eval, otherwise: Eval): Eval {
  return (s, ctx) => {
    const b = bool(test(s, ctx))
    return b === BAIL ? BAIL : b === true ? then(s, ctx) : otherwise(s, ctx)
  }
}

function block(items: Eval[], binds = false): Eval | undefined {
  if (items.length === 0) return undefined
  if (items.length === 1 && !binds) return items[0]
  return (s, ctx) => {
    const frame = binds ? new Locals(s) : s
    let v: unknown
    for (const e of items) if ((v = e(frame, ctx)) === BAIL) return BAIL
    return v
  }
}

function call(
  n: Node,
  c: (node: unknown) => Eval,
  host: HostFunctions,
  shadowed: ReadonlySet<string>,
): Eval | undefined {
  const proc = n.procedure
  if (!isNode(proc) || proc.type !== 'variable' || !Array.isArray(n.arguments)) return undefined
  const name = proc.value as string
  const args = (n.arguments as Node[]).map(c)
  let impl: ((a: unknown[]) => unknown) | undefined
  const hosted = host.functions?.[name]
  if (name === 'not' && host.not && args.length === 1) {
    const not = host.not
    impl = ([v]) => {
      try {
        return not(v)
      } catch {
        return BAIL
      }
    }
  } else if (hosted) {
    impl = hostCall(hosted, args.length, host.focus)
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

/**
 * A host function called as JSONata's signature check would let it be: all its parameters given
 * (no context argument), each undefined or of the declared type (s, n, b, o, x; arrays, unions and
 * subtypes are left to JSONata). A promise (work in the conversion pool) cannot be waited for here.
 */
function hostCall(fn: HostFunction, arity: number, focus: unknown): ((a: unknown[]) => unknown) | undefined {
  const m = /^<([a-z?-]*):[a-z]*>$/.exec(fn.signature)
  if (!m) return undefined
  const params = [...m[1].matchAll(/([a-z])([?-]?)/g)].map(([, type, flag]) => ({ type, optional: flag === '?' }))
  if (arity > params.length || params.slice(arity).some(p => !p.optional)) return undefined
  if (params.some(p => !'snbox'.includes(p.type))) return undefined
  const types = params.slice(0, arity).map(p => p.type)
  return values => {
    for (let i = 0; i < values.length; i++) if (!ofType(values[i], types[i])) return BAIL
    if (fn.accepts && !fn.accepts(values)) return BAIL
    const out = fn.impl.apply(focus, values)
    return out instanceof Promise || out === BAIL ? BAIL : out
  }
}

function ofType(v: unknown, type: string): boolean {
  if (v === undefined) return true
  if (v instanceof FastRegex || v === LAMBDA || isFunction(v)) return false
  switch (type) {
    case 's':
      return typeof v === 'string'
    case 'n':
      return typeof v === 'number' && Number.isFinite(v)
    case 'b':
      return typeof v === 'boolean'
    case 'o':
      return v !== null && typeof v === 'object' && !Array.isArray(v)
    case 'x':
      return true
  }
  return false
}
