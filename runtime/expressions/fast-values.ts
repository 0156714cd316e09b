// JSONata's value rules, for the fast evaluator (expressions-fast.ts): field lookup, effective
// boolean, string conversion and the few built-in functions it calls. Each mirrors jsonata 2.x
// (fn.lookup, fn.boolean, fn.string, fn.count, fn.join …) for the values it accepts, and returns
// BAIL where JSONata would do more (map over an array) or throw.

export const BAIL: unique symbol = Symbol('bail')

export function isFunction(v: unknown): boolean {
  if (typeof v === 'function') return true
  const o = v as { _jsonata_function?: unknown; _jsonata_lambda?: unknown } | null
  return o !== null && typeof o === 'object' && (o._jsonata_function === true || o._jsonata_lambda === true)
}

/** Sequences get unwrapped by JSONata at every step: leave them to it. */
export function checked(v: unknown): unknown {
  return Array.isArray(v) && (v as { sequence?: unknown }).sequence === true ? BAIL : v
}

/** One path step: the own field of an object; JSONata maps a step over an array (BAIL). */
export function field(cur: unknown, key: string): unknown {
  if (cur === BAIL || cur === undefined) return cur
  if (Array.isArray(cur)) return BAIL
  if (cur === null || typeof cur !== 'object' || isFunction(cur) || !Object.hasOwn(cur, key)) return undefined
  return checked((cur as Record<string, unknown>)[key])
}

/** fn.boolean: true, false, undefined (for undefined), or BAIL where JSONata would throw. */
export function bool(v: unknown): boolean | undefined | typeof BAIL {
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
export function string(v: unknown): string | typeof BAIL {
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

/** A regex literal's value here: JSONata makes a matcher closure of it, which only $match uses below. */
export type RegexEngine = new (re: RegExp) => { lastIndex: number; exec(s: string): RegExpExecArray | null }

export class FastRegex {
  constructor(
    readonly re: RegExp,
    readonly engine: RegexEngine,
  ) {}
}

/** A plain JSON-like object (what JSONata's `o` signature type accepts). */
function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isFunction(v) && !(v instanceof FastRegex)
}

/** A string argument at most FAST_STRING_MAX long (the bounded built-ins check longer ones), else BAIL. */
function str(v: unknown): string | typeof BAIL {
  return typeof v === 'string' && v.length <= FAST_STRING_MAX ? v : BAIL
}

const BUILTINS: Record<string, (a: unknown[]) => unknown> = {
  'exists/1': ([v]) => v !== undefined,
  'count/1': ([v]) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1),
  'boolean/1': ([v]) => bool(v),
  'string/1': ([v]) => (v === undefined ? undefined : stringOf(v)),
  'join/1': join,
  'join/2': join,
  'lookup/2': ([o, key]) => (typeof key !== 'string' ? BAIL : field(o, key)),
  'type/1': ([v]) => type(v),
  'trim/1': ([v]) => (v === undefined ? undefined : trim(v)),
  'lowercase/1': ([v]) => (v === undefined ? undefined : mapString(v, x => x.toLowerCase())),
  'uppercase/1': ([v]) => (v === undefined ? undefined : mapString(v, x => x.toUpperCase())),
  'length/1': ([v]) => (typeof v === 'string' ? Array.from(v).length : BAIL),
  'substring/2': ([v, start]) => substring(v, start, undefined),
  'substring/3': ([v, start, length]) => substring(v, start, length),
  'replace/3': ([v, pattern, replacement]) => replace(v, pattern, replacement),
  'match/2': ([v, regex]) => match(v, regex),
  'merge/1': ([v]) => merge(v),
  'decodeUrlComponent/1': ([v]) => {
    if (v === undefined) return undefined
    const s = str(v)
    if (s === BAIL) return BAIL
    try {
      return decodeURIComponent(s)
    } catch {
      return BAIL
    } // D3140
  },
}

/** fn.type; a regex or anything unusual is left to JSONata. */
function type(v: unknown): string | undefined | typeof BAIL {
  if (v === undefined) return undefined
  if (v === null) return 'null'
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : BAIL // NaN is not numeric; ±Infinity throws
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'boolean'
  if (Array.isArray(v)) return 'array'
  if (isFunction(v) || v instanceof FastRegex) return BAIL
  return typeof v === 'object' ? 'object' : BAIL
}

/** fn.string for any value: JSON with numbers at 15 significant digits, functions as "". */
function stringOf(v: unknown): string | typeof BAIL {
  if (v === null || typeof v !== 'object' || isFunction(v)) return string(v)
  if (v instanceof FastRegex) return BAIL
  let failed = false
  const out = JSON.stringify(v, (_key, val: unknown) => {
    if (typeof val === 'number') {
      if (Number.isNaN(val)) return val
      if (!Number.isFinite(val)) {
        failed = true
        return null
      } // D1001 inside JSONata
      return Number.isInteger(val) ? val : Number(val.toPrecision(15))
    }
    if (typeof val === 'bigint' || val instanceof FastRegex) {
      failed = true
      return null
    }
    return val && isFunction(val) ? '' : val
  })
  return failed || typeof out !== 'string' || out.length > FAST_STRING_MAX ? BAIL : out
}

/** A `<s-:s>` function on one string; an array (JSONata maps or refuses it) or any other type: BAIL. */
function mapString(v: unknown, f: (s: string) => string): unknown {
  const s = str(v)
  return s === BAIL ? BAIL : f(s)
}

/** fn.trim: whitespace runs become one space, leading and trailing ones go. */
function trim(v: unknown): unknown {
  const s = str(v)
  if (s === BAIL) return BAIL
  let result = s.replace(/[ \t\n\r]+/gm, ' ')
  if (result.charAt(0) === ' ') result = result.substring(1)
  if (result.charAt(result.length - 1) === ' ') result = result.substring(0, result.length - 1)
  return result
}

/** fn.substring, on code points; integer arguments only (JSONata's own handles the rest). */
function substring(v: unknown, start: unknown, length: unknown): unknown {
  // The other arguments first: JSONata refuses a bad one (T0410) even when the string is undefined.
  if (!Number.isInteger(start) || (length !== undefined && !Number.isInteger(length))) return BAIL
  if (v === undefined) return undefined
  const s = str(v)
  if (s === BAIL) return BAIL
  const chars = Array.from(s)
  let from = start as number
  if (chars.length + from < 0) from = 0
  if (length !== undefined) {
    if ((length as number) <= 0) return ''
    const end = from >= 0 ? from + (length as number) : chars.length + from + (length as number)
    return chars.slice(from, end).join('')
  }
  return chars.slice(from).join('')
}

/**
 * fn.replace: every occurrence of a string pattern, the replacement taken literally; every match of
 * a regex, the replacement's `$0`, `$1`… and `$$` substituted as JSONata does.
 */
function replace(v: unknown, pattern: unknown, replacement: unknown): unknown {
  const patternOk = (typeof pattern === 'string' && pattern !== '') || pattern instanceof FastRegex
  if (!patternOk || typeof replacement !== 'string') return BAIL
  if (v === undefined) return undefined
  const s = str(v)
  if (s === BAIL) return BAIL
  if (pattern instanceof FastRegex) return replaceRegex(s, pattern, replacement)
  // Occurrences left to right, none overlapping (as fn.replace and split find them); most texts
  // (a search excerpt without highlights) have none, and cost one scan.
  let at = s.indexOf(pattern)
  if (at === -1) return s
  let count = 0
  for (; at !== -1; at = s.indexOf(pattern, at + pattern.length)) count++
  if (s.length + count * (replacement.length - pattern.length) > FAST_STRING_MAX) return BAIL
  return s.split(pattern).join(replacement)
}

function replaceRegex(s: string, pattern: FastRegex, replacement: string): unknown {
  const re = new pattern.engine(pattern.re)
  re.lastIndex = 0
  let m = re.exec(s)
  let result = ''
  let position = 0
  while (m !== null) {
    const groups = m.slice(1)
    result += s.substring(position, m.index) + substitute(replacement, m[0], groups)
    if (result.length > FAST_STRING_MAX) return BAIL
    position = m.index + m[0].length
    // evaluateRegex's `next`: none past the end; an empty match there would never progress (D1004).
    if (re.lastIndex >= s.length) break
    m = re.exec(s)
    if (m !== null && m[0] === '') return BAIL
  }
  return result + s.substring(position)
}

/** fn.replace's replacer for a string replacement: `$$`, `$0`, `$n` (as many digits as there are groups). */
function substitute(replacement: string, matched: string, groups: Array<string | undefined>): string {
  let out = ''
  let position = 0
  let index = replacement.indexOf('$', position)
  while (index !== -1 && position < replacement.length) {
    out += replacement.substring(position, index)
    position = index + 1
    const dollar = replacement.charAt(position)
    if (dollar === '$') {
      out += '$'
      position++
    } else if (dollar === '0') {
      out += matched
      position++
    } else {
      const maxDigits = groups.length === 0 ? 1 : Math.floor(Math.log(groups.length) * Math.LOG10E) + 1
      let n = parseInt(replacement.substring(position, position + maxDigits), 10)
      if (maxDigits > 1 && n > groups.length) {
        n = parseInt(replacement.substring(position, position + maxDigits - 1), 10)
      }
      if (!Number.isNaN(n)) {
        if (groups.length > 0) {
          const sub = groups[n - 1]
          if (sub !== undefined) out += sub
        }
        position += n.toString().length
      } else {
        out += '$'
      }
    }
    index = replacement.indexOf('$', position)
  }
  return out + replacement.substring(position)
}

/**
 * fn.match with a regex literal, as evaluateRegex runs it (the workspace's RegexEngine, lastIndex +
 * exec). No match is undefined and one match its object (JSONata unwraps a singleton sequence);
 * several, an empty match (D1004) or an unmatched group: BAIL.
 */
function match(v: unknown, regex: unknown): unknown {
  if (!(regex instanceof FastRegex)) return BAIL
  if (v === undefined) return undefined
  const s = str(v)
  if (s === BAIL) return BAIL
  const re = new regex.engine(regex.re)
  re.lastIndex = 0
  const m = re.exec(s)
  if (m === null) return undefined
  if (m[0] === '') return BAIL
  const groups: string[] = []
  for (let i = 1; i < m.length; i++) {
    if (typeof m[i] !== 'string') return BAIL
    groups.push(m[i])
  }
  // A second match would make a sequence of several.
  if (re.lastIndex < s.length && re.exec(s) !== null) return BAIL
  return { match: m[0], index: m.index, groups }
}

/** fn.merge: `<a<o>:o>`, an object or an array of objects, into a new null-prototype object. */
function merge(v: unknown): unknown {
  if (v === undefined) return undefined
  const items = Array.isArray(v) ? v : [v]
  const result: Record<string, unknown> = Object.create(null)
  for (const o of items) {
    if (!isObject(o)) return BAIL
    for (const key of Object.keys(o)) result[key] = o[key]
  }
  return result
}

/**
 * Strings this evaluator builds stay below this; a longer one goes to JSONata's evaluator, whose
 * bounded built-ins (functions/bounded.ts) refuse it past limits.valueBytes before building it.
 */
export const FAST_STRING_MAX = 1024 * 1024

/** `<a<s>s?:s>`: a string, or an array of strings only (else T0412); the separator a string. */
function join([v, sep]: unknown[]): unknown {
  if (sep !== undefined && typeof sep !== 'string') return BAIL
  if (v === undefined) return undefined
  if (typeof v === 'string') return v
  if (!Array.isArray(v) || !v.every(x => typeof x === 'string')) return BAIL
  let total = (sep?.length ?? 0) * Math.max(0, v.length - 1)
  for (const x of v as string[]) total += x.length
  return total > FAST_STRING_MAX ? BAIL : v.join(sep ?? '')
}

/** A JSONata built-in called with `arity` arguments, when the subset has it. */
export function builtin(name: string, arity: number): ((a: unknown[]) => unknown) | undefined {
  return BUILTINS[`${name}/${arity}`]
}
