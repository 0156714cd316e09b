// A synchronous evaluator for the small subset of JSONata that automations use on every call
// (paths like `config.authMode`, comparisons, `and`/`or`, `? :`, `&`, `[…]`, `$exists`, `$count`,
// `$join`, `$not`…). JSONata's own evaluator is asynchronous at every node, so even
// `config.authMode = "apiToken"` costs dozens of promises; this one costs a few property reads.
//
// It is an accelerator, not a second implementation: each node is compiled only when it is in the
// subset, and at run time any value whose JSONata semantics are not trivially the same here (an
// array in the middle of a path, which JSONata maps over; a sequence; a comparison JSONata would
// reject; a shadowed function…) returns BAIL, and the caller evaluates the expression with JSONata.
// Errors therefore always come from JSONata itself. Each rule below mirrors jsonata 2.x
// (evaluatePath/evaluateStep, fn.boolean, fn.string, evaluateEquality/Comparison, …).

export const BAIL: unique symbol = Symbol('bail')
type Out = unknown
export type FastEval = (s: FastScope) => Out

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

const BUILTINS = new Set(['exists', 'count', 'join', 'string', 'boolean', 'lookup'])

/**
 * Compile a JSONata AST. A node outside the subset becomes BAIL when reached, so
 * `status = 401 and $contains(…)` is fast whenever the status is not 401. Undefined when the
 * root itself is outside the subset.
 */
export function compileFast (ast: Node, host: HostFunctions, shadowed: ReadonlySet<string>): FastEval | undefined {
  const c = (node: unknown): FastEval => node_(node) ?? STUB
  const node_ = (node: unknown): FastEval | undefined => {
    if (!isNode(node)) return undefined
    const n = node
    switch (n.type) {
      case 'string': case 'number': case 'value': { const v = n.value; return () => v }
      case 'path': return path(n.steps as Node[])
      case 'variable': return variable(n.value as string)
      case 'binary': return binary(n.value as string, c(n.lhs), c(n.rhs))
      case 'unary': return unary(n, c)
      case 'condition': return condition(c(n.condition), c(n.then), n.else === undefined ? () => undefined : c(n.else))
      case 'block': return block((n.expressions as Node[]).map(c))
      case 'function': return call(n, c, host, shadowed)
    }
    return undefined
  }
  return node_(ast)
}

const STUB: FastEval = () => BAIL

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

function variable (name: string): FastEval | undefined {
  // `$` (the context) and `$$` (the root) are both the input here: nothing maps over arrays.
  if (name === '' || name === '$') return s => s.view()
  const key = `$${name}`
  return s => s.has(key) ? checked(s.lookup(key)) : BAIL
}

/** A path of plain field names (optionally after `$`, `$$` or `$var`). */
function path (steps: Node[]): FastEval | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return undefined
  for (const [i, step] of steps.entries()) {
    if (!isNode(step) || (step.type !== 'name' && !(i === 0 && step.type === 'variable'))) return undefined
    if (step.type === 'name' && (typeof step.value !== 'string' || step.value === '__proto__')) return undefined
  }
  const first = steps[0]
  let names = steps.map(s => s.value as string)
  let head: FastEval
  if (first.type === 'variable' && (first.value === '' || first.value === '$')) {
    if (steps.length === 1) return s => s.view()
    names = names.slice(1)
    const root = names[0]
    head = s => checked(s.lookup(root))
  } else if (first.type === 'variable') {
    head = variable(first.value as string)!
  } else {
    const root = names[0]
    head = s => checked(s.lookup(root))
  }
  const rest = names.slice(1)
  return s => {
    let cur = head(s)
    for (const key of rest) {
      if (cur === BAIL) return BAIL
      if (cur === undefined) return undefined
      // JSONata maps a step over an array: not in the subset.
      if (Array.isArray(cur)) return BAIL
      if (cur === null || typeof cur !== 'object' || isFunction(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined
      cur = checked((cur as Record<string, unknown>)[key])
    }
    // A final array comes back as is (evaluateStep's last-step rule), unless it is a sequence.
    return cur
  }
}

/** Sequences get unwrapped by JSONata at every step: leave them to it. */
function checked (v: unknown): Out {
  return Array.isArray(v) && (v as { sequence?: unknown }).sequence === true ? BAIL : v
}

function binary (op: string, lhs: FastEval, rhs: FastEval): FastEval | undefined {
  switch (op) {
    case 'and': case 'or': return s => {
      const l = bool(lhs(s))
      if (l === BAIL) return BAIL
      if ((op === 'and') !== (l === true)) return l === true
      const r = bool(rhs(s))
      return r === BAIL ? BAIL : r === true
    }
    case '=': case '!=': return s => {
      const l = lhs(s)
      const r = rhs(s)
      if (l === BAIL || r === BAIL) return BAIL
      if (l === undefined || r === undefined) return false
      if (l === r) return op === '='
      if (typeof l === 'object' && l !== null && typeof r === 'object' && r !== null) return BAIL // deep equality
      return op === '!='
    }
    case '<': case '<=': case '>': case '>=': return s => {
      const l = lhs(s)
      const r = rhs(s)
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
    case '&': return s => {
      const l = lhs(s)
      const r = rhs(s)
      if (l === BAIL || r === BAIL) return BAIL
      const ls = l === undefined ? '' : string(l)
      const rs = r === undefined ? '' : string(r)
      return ls === BAIL || rs === BAIL ? BAIL : (ls as string).concat(rs as string)
    }
    case 'in': return s => {
      const l = lhs(s)
      const r = rhs(s)
      if (l === BAIL || r === BAIL) return BAIL
      if (l === undefined || r === undefined) return false
      return (Array.isArray(r) ? r : [r]).some(x => x === l)
    }
  }
  return undefined
}

function unary (n: Node, c: (node: unknown) => FastEval): FastEval | undefined {
  if (n.value === '-') {
    const e = c(n.expression)
    return s => {
      const v = e(s)
      if (v === undefined || v === BAIL) return v
      return typeof v === 'number' && Number.isFinite(v) ? -v : BAIL
    }
  }
  if (n.value !== '[' || !Array.isArray(n.expressions)) return undefined
  const items = (n.expressions as Node[]).map(item => ({ nested: item?.value === '[', e: c(item) }))
  return s => {
    let out: unknown[] = []
    for (const { nested, e } of items) {
      const v = e(s)
      if (v === BAIL) return BAIL
      if (v === undefined) continue
      // fn.append: an array value is spliced in, anything else added.
      if (nested) out.push(v)
      else out = out.concat(Array.isArray(v) ? v : [v])
    }
    return out
  }
}

function condition (test: FastEval, then: FastEval, otherwise: FastEval): FastEval {
  return s => {
    const b = bool(test(s))
    return b === BAIL ? BAIL : b === true ? then(s) : otherwise(s)
  }
}

function block (items: FastEval[]): FastEval | undefined {
  if (items.length === 0) return undefined
  return s => {
    let v: Out
    for (const e of items) if ((v = e(s)) === BAIL) return BAIL
    return v
  }
}

function call (n: Node, c: (node: unknown) => FastEval, host: HostFunctions, shadowed: ReadonlySet<string>): FastEval | undefined {
  const proc = n.procedure
  if (!isNode(proc) || proc.type !== 'variable' || !Array.isArray(n.arguments)) return undefined
  const name = proc.value as string
  const args = (n.arguments as Node[]).map(c)
  const impl = fn(name, args.length, host, shadowed)
  if (!impl) return undefined
  const local = `$${name}`
  return s => {
    // A variable `$name` would shadow the function.
    if (s.has(local)) return BAIL
    const values: unknown[] = []
    for (const a of args) {
      const v = a(s)
      if (v === BAIL || isFunction(v)) return BAIL
      values.push(v)
    }
    return impl(values)
  }
}

function fn (name: string, arity: number, host: HostFunctions, shadowed: ReadonlySet<string>): ((a: unknown[]) => Out) | undefined {
  if (name === 'not' && host.not && arity === 1) {
    const not = host.not
    return ([v]) => { try { return not(v) } catch { return BAIL } }
  }
  if (!BUILTINS.has(name) || shadowed.has(name)) return undefined
  switch (`${name}/${arity}`) {
    case 'exists/1': return ([v]) => v !== undefined
    case 'count/1': return ([v]) => v === undefined ? 0 : Array.isArray(v) ? v.length : 1
    case 'boolean/1': return ([v]) => bool(v)
    case 'string/1': return ([v]) => v === undefined ? undefined : string(v)
    case 'join/1': case 'join/2': return ([v, sep]) => {
      if (sep !== undefined && typeof sep !== 'string') return BAIL
      if (v === undefined) return undefined
      if (typeof v === 'string') return v
      // `<a<s>…>`: an array of strings only, else T0412.
      if (!Array.isArray(v) || !v.every(x => typeof x === 'string')) return BAIL
      return v.join(sep ?? '')
    }
    case 'lookup/2': return ([o, key]) => {
      if (typeof key !== 'string' || Array.isArray(o)) return BAIL
      if (o === null || typeof o !== 'object' || isFunction(o) || !Object.prototype.hasOwnProperty.call(o, key)) return undefined
      return checked((o as Record<string, unknown>)[key])
    }
  }
  return undefined
}

/** fn.boolean: true, false, undefined (for undefined), or BAIL where JSONata would throw. */
function bool (v: Out): boolean | undefined | typeof BAIL {
  if (v === BAIL || v === undefined) return v as undefined | typeof BAIL
  if (Array.isArray(v)) {
    if (v.length === 1) return bool(v[0])
    let any = false
    for (const x of v) {
      const b = bool(x)
      if (b === BAIL) return BAIL
      if (b) any = true
    }
    return any
  }
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'number') return Number.isNaN(v) ? false : Number.isFinite(v) ? v !== 0 : BAIL
  if (v !== null && typeof v === 'object' && !isFunction(v)) return Object.keys(v).length > 0
  return v === true
}

/** fn.string for what `&` meets most: strings, numbers, booleans, null. */
function string (v: unknown): string | typeof BAIL {
  if (typeof v === 'string') return v
  if (isFunction(v)) return ''
  if (typeof v === 'number') {
    // D3001 for NaN and ±Infinity.
    if (!Number.isFinite(v)) return BAIL
    return JSON.stringify(Number.isInteger(v) ? v : Number(v.toPrecision(15)))
  }
  if (typeof v === 'boolean' || v === null) return JSON.stringify(v)
  return BAIL
}

function isFunction (v: unknown): boolean {
  if (typeof v === 'function') return true
  const o = v as { _jsonata_function?: unknown, _jsonata_lambda?: unknown } | null
  return o !== null && typeof o === 'object' && (o._jsonata_function === true || o._jsonata_lambda === true)
}
