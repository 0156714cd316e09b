// JSONata built-ins re-registered with their limits checked before the work (docs/language.md
// "Limits"). JSONata checks its time limit only between evaluation steps, so one call such as
// `$pad("x", 2e8)` or `$string([…])` could block the event loop or exhaust the heap in a single step.
// Each wrapper computes what the call would build (a length, an item count) from its arguments, refuses
// it with LIMIT_SIZE / LIMIT_ITEMS when over, and otherwise calls JSONata's own implementation, so the
// semantics stay JSONata's. The limits come from the expression's options (expressions.ts).
import jsonata from 'jsonata'
import { DsulError } from '../../core/errors.ts'

/** What JSONata passes as `this` to a registered function; `environment.base` is one evaluation's own frame. */
interface Focus {
  options?: { bounds?: ExpressionBounds }
  environment?: { base?: object }
}

/** The bounds an expression is compiled with: the workspace's limits.valueBytes and limits.expressionItems. */
export interface ExpressionBounds {
  valueBytes: number
  expressionItems: number
}

// biome-ignore lint/suspicious/noExplicitAny: JSONata calls host functions with whatever the expression passes
type Impl = (this: Focus, ...args: any[]) => unknown
interface Builtin {
  implementation: Impl
  signature: { definition: string }
}

const WRAPPED = [
  'pad',
  'join',
  'string',
  'replace',
  'split',
  'match',
  'contains',
  'distinct',
  'length',
  'substring',
  'substringBefore',
  'substringAfter',
  'lowercase',
  'uppercase',
  'trim',
  'base64encode',
  'base64decode',
  'encodeUrl',
  'encodeUrlComponent',
  'decodeUrl',
  'decodeUrlComponent',
] as const

/**
 * JSONata's own implementations and signatures, read once from JSONata itself (they are not exported).
 * An expression evaluation is asynchronous anyway, so waiting for this costs nothing after the first.
 */
export const builtins: Promise<Record<string, Builtin>> = jsonata(
  `{${WRAPPED.map(n => `"${n}": $${n}`).join(', ')}}`,
).evaluate({}) as Promise<Record<string, Builtin>>

const DEFAULT_BOUNDS: ExpressionBounds = { valueBytes: 5 * 1024 * 1024, expressionItems: 100_000 }

function boundsOf(focus: Focus): ExpressionBounds {
  return focus?.options?.bounds ?? DEFAULT_BOUNDS
}

function tooLarge(fn: string, limit: number): DsulError {
  return new DsulError('LIMIT_SIZE', { what: `the result of $${fn}`, limit })
}

function tooMany(fn: string, count: number, limit: number): DsulError {
  return new DsulError('LIMIT_ITEMS', { what: `$${fn}`, count, limit })
}

/** A string argument longer than valueBytes is refused before a function walks or copies it. */
function checkInput(fn: string, s: unknown, bounds: ExpressionBounds): void {
  if (typeof s === 'string' && s.length > bounds.valueBytes) {
    throw new DsulError('LIMIT_SIZE', { what: `the string given to $${fn}`, limit: bounds.valueBytes })
  }
}

function checkOutput(fn: string, v: unknown, bounds: ExpressionBounds): unknown {
  if (typeof v === 'string' && v.length > bounds.valueBytes) throw tooLarge(fn, bounds.valueBytes)
  if (Array.isArray(v) && v.length > bounds.expressionItems) throw tooMany(fn, v.length, bounds.expressionItems)
  return v
}

/**
 * Whether the JSON text of `value` (indented by `indent` per level) would pass `max` characters:
 * walked without recursion and stopping at `max`, so a huge or 4,000-deep value costs at most `max` steps.
 */
export function jsonExceeds(value: unknown, max: number, indent = 0): boolean {
  let total = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    total += indent * depth + (indent > 0 ? 1 : 0)
    if (typeof v === 'string') total += v.length + 2
    else if (v === null || typeof v !== 'object') total += 24
    else if (Array.isArray(v)) {
      total += 2
      for (const x of v) stack.push([x, depth + 1])
    } else {
      for (const k in v) {
        total += k.length + 4
        stack.push([(v as Record<string, unknown>)[k], depth + 1])
      }
    }
    if (total > max) return true
  }
  return false
}

/** Wraps a matcher (a regex or a custom matcher function) so each match found is counted first. */
function countingMatcher(matcher: unknown, onMatch: (m: { start: number; match: string }) => void): unknown {
  type Matcher = { apply: (self: unknown, args: unknown[]) => unknown }
  const wrap = (m: Matcher) =>
    function (this: unknown, ...args: unknown[]) {
      const r = m.apply(this, args)
      const seen = (found: unknown): unknown => {
        const f = found as { start: number; match: string; next?: unknown } | undefined
        if (f && typeof f === 'object' && typeof f.start === 'number' && typeof f.match === 'string') {
          onMatch(f)
          if (f.next) return { ...f, next: wrap(f.next as never) }
        }
        return found
      }
      return r instanceof Promise ? r.then(seen) : seen(r)
    }
  return wrap(matcher as never)
}

/** `$distinct`: JSONata compares every item with every kept one; JSON keys make it linear. */
function canonical(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : JSON.stringify([v])
  const fn = (x: unknown): boolean =>
    typeof x === 'function' || (x !== null && typeof x === 'object' && 'implementation' in x)
  if (Object.values(v).some(fn)) return undefined
  const sorted = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x
    if (Array.isArray(x)) return x.map(sorted)
    return Object.fromEntries(
      Object.keys(x)
        .sort()
        .map(k => [k, sorted((x as Record<string, unknown>)[k])]),
    )
  }
  return JSON.stringify(sorted(v))
}

function wrappers(o: Record<string, Builtin>): Record<string, Impl> {
  const impl = (name: string): Impl => o[name].implementation
  // `$split` / `$match` ask for one item more than `expressionItems` at most: that one extra item is
  // enough to know the result is too long, without building the rest.
  async function listUpTo(
    this: Focus,
    name: 'split' | 'match',
    str: string | undefined,
    pattern: unknown,
    limit?: number,
  ): Promise<unknown> {
    const b = boundsOf(this)
    checkInput(name, str, b)
    const r = await impl(name).call(this, str, pattern, Math.min(limit ?? Infinity, b.expressionItems + 1))
    if (Array.isArray(r) && r.length > b.expressionItems) throw tooMany(name, r.length, b.expressionItems)
    return r
  }
  const w: Record<string, Impl> = {
    pad(str: string | undefined, width: number, char?: string) {
      const b = boundsOf(this)
      checkInput('pad', str, b)
      // JSONata builds the padding as width copies of `char`, then cuts it.
      if (str !== undefined && Math.abs(Math.trunc(width)) * Math.max(1, char?.length ?? 1) > b.valueBytes) {
        throw tooLarge('pad', b.valueBytes)
      }
      return impl('pad').call(this, str, width, char)
    },
    join(strs: string[] | undefined, separator?: string) {
      const b = boundsOf(this)
      if (Array.isArray(strs)) {
        let total = (separator?.length ?? 0) * Math.max(0, strs.length - 1)
        for (const s of strs) {
          total += typeof s === 'string' ? s.length : 0
          if (total > b.valueBytes) throw tooLarge('join', b.valueBytes)
        }
        if (total > b.valueBytes) throw tooLarge('join', b.valueBytes)
      }
      return impl('join').call(this, strs, separator)
    },
    string(arg: unknown, prettify?: boolean) {
      const b = boundsOf(this)
      if (typeof arg === 'string') return checkOutput('string', arg, b)
      if (jsonExceeds(arg, b.valueBytes, prettify ? 2 : 0)) throw tooLarge('string', b.valueBytes)
      return checkOutput('string', impl('string').call(this, arg, prettify), b)
    },
    async replace(str: string | undefined, pattern: unknown, replacement: unknown, limit?: number) {
      const b = boundsOf(this)
      checkInput('replace', str, b)
      if (str === undefined) return undefined
      if (typeof pattern === 'string' && typeof replacement === 'string' && pattern !== '') {
        // Each occurrence adds the replacement in place of the pattern: the size is known before replacing.
        let size = str.length
        let count = 0
        for (
          let i = str.indexOf(pattern);
          i !== -1 && (limit === undefined || count < limit);
          i = str.indexOf(pattern, i + pattern.length)
        ) {
          count++
          size += replacement.length - pattern.length
          if (size > b.valueBytes) throw tooLarge('replace', b.valueBytes)
        }
      } else if (typeof pattern !== 'string') {
        // A match adds at most the replacement with each `$n` expanded to the whole match, counted
        // before JSONata builds it; a replacement function's results are counted as they come.
        const dollars = typeof replacement === 'string' ? replacement.split('$').length - 1 : 0
        let size = str.length
        pattern = countingMatcher(pattern, m => {
          if (typeof replacement === 'string') size += replacement.length + dollars * m.match.length
          if (size > b.valueBytes) throw tooLarge('replace', b.valueBytes)
        })
        if (typeof replacement !== 'string') {
          const fn = replacement as { apply: (self: unknown, args: unknown[]) => unknown }
          replacement = async function (this: unknown, m: unknown) {
            const r = await fn.apply(this, [m])
            if (typeof r === 'string' && (size += r.length) > b.valueBytes) throw tooLarge('replace', b.valueBytes)
            return r
          }
        }
      }
      return checkOutput('replace', await impl('replace').call(this, str, pattern, replacement, limit), b)
    },
    split(str: string | undefined, separator: unknown, limit?: number) {
      return listUpTo.call(this, 'split', str, separator, limit)
    },
    match(str: string | undefined, regex: unknown, limit?: number) {
      return listUpTo.call(this, 'match', str, regex, limit)
    },
    distinct(arr: unknown) {
      const b = boundsOf(this)
      if (!Array.isArray(arr) || arr.length <= 1) return impl('distinct').call(this, arr)
      if (arr.length > b.expressionItems) throw tooMany('distinct', arr.length, b.expressionItems)
      const keys = arr.map(canonical)
      if (keys.some(k => k === undefined)) return impl('distinct').call(this, arr)
      const seen = new Set<string>()
      const kept = arr.filter((_, i) => !seen.has(keys[i]!) && seen.add(keys[i]!))
      // A sequence stays a sequence, as in JSONata.
      return (arr as { sequence?: boolean }).sequence ? Object.assign(kept, { sequence: true }) : kept
    },
  }
  for (const name of WRAPPED) {
    if (w[name]) continue
    const original = impl(name)
    w[name] = function (this: Focus, ...args: unknown[]) {
      const b = boundsOf(this)
      for (const a of args) checkInput(name, a, b)
      const r = original.apply(this, args)
      return r instanceof Promise ? r.then(v => checkOutput(name, v, b)) : checkOutput(name, r, b)
    }
  }
  return w
}

/** The function expressions.ts puts in the upper bound of every range `[a..b]`. */
export const RANGE_END = '__rangeEnd'

/** Range items allocated so far by one evaluation (keyed by its frame): `[1..1e5].[1..1e5]` counts 1e10. */
const rangeItems = new WeakMap<object, number>()

/**
 * `b`, once `[a..b]` is known to keep the evaluation's ranges within limits.expressionItems in all;
 * anything not numeric is JSONata's to refuse.
 */
function rangeEnd(this: Focus, a: unknown, b: unknown): unknown {
  const { expressionItems } = boundsOf(this)
  if (typeof a !== 'number' || typeof b !== 'number' || b < a) return b
  const evaluation = this?.environment?.base
  const before = evaluation ? (rangeItems.get(evaluation) ?? 0) : 0
  const total = before + b - a + 1
  if (total > expressionItems) {
    const what = `the range [${a}..${b}]${before > 0 ? " with the expression's earlier ranges" : ''}`
    throw new DsulError('LIMIT_ITEMS', { what, limit: expressionItems })
  }
  if (evaluation) rangeItems.set(evaluation, total)
  return b
}

/** The wrappers with JSONata's signatures, ready for `registerFunction`. */
export const BOUNDED: Promise<Array<{ name: string; impl: Impl; signature?: string }>> = builtins.then(o => {
  const w = wrappers(o)
  return [
    ...WRAPPED.map(name => ({ name, impl: w[name], signature: o[name].signature.definition })),
    // No signature: JSONata would coerce or refuse the operands before the range operator does.
    { name: RANGE_END, impl: rangeEnd as Impl, signature: undefined },
  ]
})
