// JSONata's value rules, for the fast evaluator (expressions-fast.ts): field lookup, effective
// boolean, string conversion and the few built-in functions it calls. Each mirrors jsonata 2.x
// (fn.lookup, fn.boolean, fn.string, fn.count, fn.join …) for the values it accepts, and returns
// BAIL where JSONata would do more (map over an array) or throw.

export const BAIL: unique symbol = Symbol('bail')

export function isFunction (v: unknown): boolean {
  if (typeof v === 'function') return true
  const o = v as { _jsonata_function?: unknown, _jsonata_lambda?: unknown } | null
  return o !== null && typeof o === 'object' && (o._jsonata_function === true || o._jsonata_lambda === true)
}

/** Sequences get unwrapped by JSONata at every step: leave them to it. */
export function checked (v: unknown): unknown {
  return Array.isArray(v) && (v as { sequence?: unknown }).sequence === true ? BAIL : v
}

/** One path step: the own field of an object; JSONata maps a step over an array (BAIL). */
export function field (cur: unknown, key: string): unknown {
  if (cur === BAIL || cur === undefined) return cur
  if (Array.isArray(cur)) return BAIL
  if (cur === null || typeof cur !== 'object' || isFunction(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined
  return checked((cur as Record<string, unknown>)[key])
}

/** fn.boolean: true, false, undefined (for undefined), or BAIL where JSONata would throw. */
export function bool (v: unknown): boolean | undefined | typeof BAIL {
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
export function string (v: unknown): string | typeof BAIL {
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

const BUILTINS: Record<string, (a: unknown[]) => unknown> = {
  'exists/1': ([v]) => v !== undefined,
  'count/1': ([v]) => v === undefined ? 0 : Array.isArray(v) ? v.length : 1,
  'boolean/1': ([v]) => bool(v),
  'string/1': ([v]) => v === undefined ? undefined : string(v),
  'join/1': join,
  'join/2': join,
  'lookup/2': ([o, key]) => typeof key !== 'string' ? BAIL : field(o, key),
}

/**
 * Strings this evaluator builds stay below this; a longer one goes to JSONata's evaluator, whose
 * bounded built-ins (functions/bounded.ts) refuse it past limits.valueBytes before building it.
 */
export const FAST_STRING_MAX = 1024 * 1024

/** `<a<s>s?:s>`: a string, or an array of strings only (else T0412); the separator a string. */
function join ([v, sep]: unknown[]): unknown {
  if (sep !== undefined && typeof sep !== 'string') return BAIL
  if (v === undefined) return undefined
  if (typeof v === 'string') return v
  if (!Array.isArray(v) || !v.every(x => typeof x === 'string')) return BAIL
  let total = (sep?.length ?? 0) * Math.max(0, v.length - 1)
  for (const x of v as string[]) total += x.length
  return total > FAST_STRING_MAX ? BAIL : v.join(sep ?? '')
}

/** A JSONata built-in called with `arity` arguments, when the subset has it. */
export function builtin (name: string, arity: number): ((a: unknown[]) => unknown) | undefined {
  return BUILTINS[`${name}/${arity}`]
}
