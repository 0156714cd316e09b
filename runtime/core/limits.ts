import { DsulError, type SourceLocation } from './errors.ts'

// Run bounds (docs/language.md "Limits"). Defaults here; a workspace overrides them under `limits:` in
// config/index.yml. They are captured once per run and checked at one choke point (runner.ts), except
// the JSONata time, which is compiled into every expression.

export interface Limits {
  callDepth: number
  instructionsPerRun: number
  runWallTimeMs: number
  repeatIterations: number
  expressionTimeMs: number
  valueBytes: number
  /** Items in one array or sequence an expression builds (ranges, paths, $split, $match). */
  expressionItems: number
  eventsPerRun: number
  /** Worker threads for conversions (functions/pool.ts); 0 is one per spare core, at most 4. One pool per process. */
  conversionThreads: number
  /** Deadline of one conversion, queueing included; past it the worker is stopped and the call fails. */
  conversionTimeMs: number
  /** Characters of input a conversion reads at most; the rest is left out with a notice. */
  conversionInputChars: number
  /** Nesting levels of a tool call's or webhook's arguments, checked before anything walks them. */
  argumentDepth: number
  /** How long a `session` scope is kept after its last change (Prisme.ai: an hour); then it starts empty. */
  sessionTtlMs: number
}

export const DEFAULT_LIMITS: Limits = {
  callDepth: 20,
  instructionsPerRun: 10_000,
  runWallTimeMs: 30_000,
  repeatIterations: 10_000,
  expressionTimeMs: 1_000,
  valueBytes: 5 * 1024 * 1024,
  expressionItems: 100_000,
  eventsPerRun: 100,
  conversionThreads: 0,
  conversionTimeMs: 5_000,
  conversionInputChars: 4 * 1024 * 1024,
  argumentDepth: 64,
  sessionTtlMs: 3_600_000,
}

/**
 * Nesting any stored value, output or argument set may have. The runtime's deep copies, freezing and
 * redaction recurse, and JSON.stringify does too: 1,000 levels stay far below the JS stack (~10,000
 * frames), and no real document comes near it. Not configurable: it protects the process itself.
 */
export const VALUE_DEPTH = 1_000

/**
 * Why a value may not be kept: `size` when its approximate JSON size passes `maxBytes`, `depth` when
 * it nests deeper than `maxDepth`, else undefined. One walk without recursion, stopping at the first
 * excess (so checking a huge or 100,000-deep value costs no more than `maxBytes` of walking).
 */
export function valueProblem(value: unknown, maxBytes: number, maxDepth = VALUE_DEPTH): 'size' | 'depth' | undefined {
  const m = measure(value, maxBytes, maxDepth)
  return typeof m === 'string' ? m : undefined
}

/**
 * A value's approximate JSON size (as valueProblem counts it) and its nesting: the level of its
 * deepest object or array below it (0 for an object of scalars, -1 for a scalar).
 */
export interface Measure {
  readonly bytes: number
  readonly depth: number
}

/** The measure of an object checked before (run-context.ts), or undefined: it is then walked. */
export type KnownMeasure = (value: object) => Measure | undefined

// A value checked before is handed on whole or as a field a few levels down (an argument, a field of
// an output): known measures are looked up there only, as a lookup per object further in costs more
// than the walks it saves.
const KNOWN_LEVELS = 3

/**
 * valueProblem's walk, giving the value's measure when it is within the bounds. An object `known`
 * measures is counted by its measure instead of walked, as long as that keeps within both bounds; a
 * measure may be an upper bound (a part counted as its whole), so past a bound the object is walked.
 */
export function measure(
  value: unknown,
  maxBytes: number,
  maxDepth = VALUE_DEPTH,
  known?: KnownMeasure,
): Measure | 'size' | 'depth' {
  let total = 0
  let deepest = -1
  const stack: unknown[] = [value]
  const depths: number[] = [0]
  while (stack.length > 0) {
    const v = stack.pop()
    const depth = depths.pop()!
    if (typeof v === 'string') total += v.length + 2
    else if (v === null || typeof v !== 'object') total += 8
    else if (Buffer.isBuffer(v)) total += v.length
    else if (depth >= maxDepth) return 'depth'
    else {
      const m = known !== undefined && depth < KNOWN_LEVELS ? known(v) : undefined
      if (m !== undefined && total + m.bytes <= maxBytes && depth + m.depth < maxDepth) {
        total += m.bytes
        if (depth + m.depth > deepest) deepest = depth + m.depth
        continue
      }
      if (depth > deepest) deepest = depth
      if (Array.isArray(v)) {
        total += 2
        for (const x of v) {
          stack.push(x)
          depths.push(depth + 1)
        }
      } else {
        for (const k in v) {
          total += k.length + 4
          stack.push((v as Record<string, unknown>)[k])
          depths.push(depth + 1)
        }
      }
    }
    if (total > maxBytes) return 'size'
  }
  return { bytes: total, depth: deepest }
}

/** The named error for a valueProblem: LIMIT_SIZE or LIMIT_NESTING. */
export function valueError(problem: 'size' | 'depth', what: string, limits: Limits, where?: ErrorWhere): DsulError {
  return problem === 'size'
    ? new DsulError('LIMIT_SIZE', { what, limit: limits.valueBytes }, where)
    : new DsulError('LIMIT_NESTING', { what, limit: VALUE_DEPTH, at: '', name: "the runtime's nesting limit" }, where)
}

/** LIMIT_NESTING for arguments (a tool call's, a webhook's body) deeper than limits.argumentDepth. */
export function argumentDepthError(what: string, at: string, limits: Limits, where?: ErrorWhere): DsulError {
  const data = { what, limit: limits.argumentDepth, at: at ? ` at ${at}` : '', name: 'limits.argumentDepth' }
  return new DsulError('LIMIT_NESTING', data, where)
}

type ErrorWhere = { location?: SourceLocation; slug?: string }

/** Approximate JSON size of a value past `max` (see valueProblem). */
export function sizeExceeds(value: unknown, max: number): boolean {
  return valueProblem(value, max, Infinity) === 'size'
}

/**
 * Where a value first nests deeper than `max` levels (`.a.b[0]…`, at most a few steps shown), or
 * undefined. Without recursion, so a 100,000-deep request is refused as cheaply as a flat one.
 */
export function depthExceeds(value: unknown, max: number): string | undefined {
  // Every call's arguments pass here (a page of results handed to a formatter): the walk allocates
  // nothing, and only a value that is too deep is walked again to name the place.
  return nestsDeeper(value, max) ? deepPath(value, max) : undefined
}

function nestsDeeper(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false
  // Only objects are pushed: scalars (and the holes of a sparse array) cannot nest.
  const stack: object[] = [value]
  const depths: number[] = [0]
  while (stack.length > 0) {
    const v = stack.pop()!
    const depth = depths.pop()!
    if (Buffer.isBuffer(v)) continue
    if (depth >= max) return true
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i]
        if (x === null || typeof x !== 'object') continue
        stack.push(x)
        depths.push(depth + 1)
      }
    } else {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k]
        if (x === null || typeof x !== 'object') continue
        stack.push(x)
        depths.push(depth + 1)
      }
    }
  }
  return false
}

/** The path depthExceeds reports: the first place (in its walk order) deeper than `max`. */
function deepPath(value: unknown, max: number): string | undefined {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: '' }]
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue
    if (depth >= max) return path
    // Only the first steps are kept in the path: enough to find the place, never a huge message.
    const step = (key: string | number): string =>
      depth >= 4 ? (path.endsWith('…') ? path : path + '…') : path + (typeof key === 'number' ? `[${key}]` : `.${key}`)
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: step(i) }))
    else for (const k in v) stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: step(k) })
  }
  return undefined
}
