// Deep copies and deep freezing. A copy is what structuredClone gives: automation arguments (ajv
// fills defaults in place) and values `set` stores (a later nested `set` must not change two
// variables at once). Frozen: config, secrets and compiled constants, shared by every run.

const UNCLONEABLE = Symbol('uncloneable')

/**
 * structuredClone(value), done by hand for the plain JSON-like values automations pass around
 * (structuredClone's fixed cost dominates small values). Anything else (class instances, Buffers,
 * holes, extra array keys, an object reachable twice, a `__proto__` key) goes to structuredClone,
 * so the result is always what it would give (test/runtime/equivalence.test.ts). Not rfdc: it turns a
 * `__proto__` key into the copy's prototype and splits shared objects (docs/performance.md "Clone").
 */
export function cloneValue(value: unknown): unknown {
  const copy = cloneJson(value, new Set())
  return copy === UNCLONEABLE ? structuredClone(value) : copy
}

function cloneJson(v: unknown, seen: Set<object>): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? UNCLONEABLE : v
  if (seen.has(v)) return UNCLONEABLE
  seen.add(v)
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype || Object.keys(v).length !== v.length) return UNCLONEABLE
    const out = new Array(v.length)
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return UNCLONEABLE
      const c = cloneJson(v[i], seen)
      if (c === UNCLONEABLE) return c
      out[i] = c
    }
    return out
  }
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) return UNCLONEABLE
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v)) {
    if (k === '__proto__') return UNCLONEABLE
    const c = cloneJson((v as Record<string, unknown>)[k], seen)
    if (c === UNCLONEABLE) return c
    out[k] = c
  }
  return out
}

/**
 * Freeze a value and everything inside it (an already frozen part is taken as frozen throughout).
 * Without recursion: config and tenant settings come from files and requests of any depth.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) continue
    Object.freeze(v)
    for (const x of Object.values(v)) stack.push(x)
  }
  return value
}
