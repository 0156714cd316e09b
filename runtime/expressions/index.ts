// Expressions (docs/language.md "Expressions"): `{{ path }}` lookups and `{% jsonata %}` expressions,
// compiled once when the workspace loads. A value produced by an expression is never scanned again,
// so data coming from outside cannot inject a template.

import jsonata from 'jsonata'
import { deepFreeze } from '../core/clone.ts'
import { DsulError, type SourceLocation } from '../core/errors.ts'
import { ConstantCache, constantRoots, isScalar } from './const.ts'
import { BAIL, compileFast, type FastEval, type HostFunctions } from './fast.ts'
import { BOUNDED, RANGE_END, type ExpressionBounds } from '../host/functions/bounded.ts'
import { FUNCTIONS } from '../host/functions/index.ts'
import type { Limits } from '../core/limits.ts'
import { LinearRegExp, regexProblem } from '../core/regex.ts'
import { getPath, parsePath, type Segment } from '../core/paths.ts'
import { INLINE_CHARS } from '../host/functions/markdown.ts'
import { prismeHint } from './prisme/hint.ts'

/** What an expression can read: implemented by scopes.ts. */
export interface ExpressionScope {
  lookup(name: string): unknown
  /** All visible variables as one plain object: the JSONata input. */
  view(): Record<string, unknown>
  /** `$`-prefixed variables (`$index`, `$error`, `$http`) as JSONata bindings (`$index` …). */
  bindings(): Record<string, unknown>
  /** Whether a local variable of that name exists (even when its value is undefined). */
  has(name: string): boolean
}

export interface Template {
  readonly constant: boolean
  /** Set when `constant`: the (deep-frozen) value. */
  readonly value?: unknown
  evaluate(scope: ExpressionScope): Promise<unknown>
  /** Set for a plain `{{ path }}`: the variable it reads inside (its value is a part of that variable's). */
  readonly head?: string
  /** For an object of templates: its fields that are a plain `{{ path }}`, each with the variable it reads. */
  readonly heads?: ReadonlyArray<readonly [field: string, head: string]>
  /**
   * The same value computed synchronously, or BAIL when a part needs JSONata's own (asynchronous)
   * evaluator. Lets `{conn: '{{conn}}', path: '/pages/{{pageId}}'}` cost one promise, not one per part.
   */
  readonly sync?: (scope: ExpressionScope) => unknown
}

/** Points at a place inside the YAML source; `offset` is a character offset inside the string value. */
export type Locate = (offset?: number) => SourceLocation

/** Counters for the benchmark and tests: compilations must not happen after load. */
export const stats = { jsonataCompilations: 0, fastEvaluations: 0, jsonataEvaluations: 0 }

/**
 * When set (tests, the benchmark), each evaluation by JSONata's own evaluator is reported with the
 * expression's source: what to extend the fast evaluator to.
 */
export const slowPathWatch: { onSlow?: (source: string) => void } = {}
const sources = new WeakMap<jsonata.Expression, string>()
const bySource = new Map<string, jsonata.Expression>()

/** The AST of an expression compiled from exactly this source (runtime/engine/persisted-reads.ts), if any. */
export function expressionAst(source: string): unknown {
  return bySource.get(source)?.ast()
}

// What speeds an expression up, made from its AST on first use (not at load: cold start): its
// synchronous evaluator (expressions-fast.ts) and, for an expression of config and secrets only,
// its remembered results (expressions-const.ts). Neither compiles anything with JSONata.
interface Accel {
  fast?: FastEval
  constant?: ConstantCache
}
const accels = new WeakMap<jsonata.Expression, Accel>()

function accel(expr: jsonata.Expression): Accel {
  let a = accels.get(expr)
  if (!a) {
    const ast = expr.ast()
    const constant = constantRoots(ast, HOST_NAMES)
    const host: HostFunctions = { ...HOST, focus: { options: expressionOptions.get(expr) } }
    const fast = compileFast(ast as Parameters<typeof compileFast>[0], host, HOST_NAMES)
    a = { fast, constant: constant && new ConstantCache(constant) }
    accels.set(expr, a)
  }
  return a
}
const expressionOptions = new WeakMap<jsonata.Expression, object>()

/** What a fast call may hand to a conversion function: what it converts inline, without the pool. */
const inline = (args: unknown[]): boolean => typeof args[0] !== 'string' || args[0].length <= INLINE_CHARS

// The host functions the fast evaluator calls itself: synchronous and free of side effects for the
// arguments it accepts (a conversion only when small enough to run inline), so a BAIL after one costs
// only a second call. Each is called with JSONata's signature rules (expressions-fast.ts hostCall).
const FAST_HOST: Record<string, { accepts?: (args: unknown[]) => boolean }> = {
  cqlCheck: {},
  cqlConfine: {},
  encodeQuery: {},
  sha256: {},
  withoutKey: {},
  bodyView: { accepts: inline },
  storage: { accepts: inline },
  markdown: { accepts: inline },
  // Memory lookups by a version key: a second call after a BAIL looks up (or keeps) the same entry.
  pageBodyCacheable: {},
  pageBodyKey: {},
  cachedPageBody: {},
  keepPageBody: {},
}
const HOST: HostFunctions = {
  not: FUNCTIONS.not?.signature === '<x-:b>' ? (FUNCTIONS.not.impl as (v: unknown) => unknown) : undefined,
  functions: Object.fromEntries(
    Object.entries(FAST_HOST).flatMap(([name, { accepts }]) => {
      const fn = FUNCTIONS[name]
      return fn?.signature ? [[name, { impl: fn.impl, signature: fn.signature, accepts }]] : []
    }),
  ),
  regexEngine: LinearRegExp as unknown as HostFunctions['regexEngine'],
}
const HOST_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS))

const CONSTANT = (value: unknown): Template => ({
  constant: true,
  value: deepFreeze(value),
  evaluate: async () => value,
})

/** A template tried synchronously first; `slow` only runs when a part bails. */
function template(
  sync: (scope: ExpressionScope) => unknown,
  slow: (scope: ExpressionScope) => Promise<unknown>,
): Template {
  return {
    constant: false,
    sync,
    evaluate: scope => {
      const v = attempt(sync, scope)
      return v === BAIL ? slow(scope) : Promise.resolve(v)
    },
  }
}

/** A synchronous evaluator's value, or BAIL when it throws: the slow path raises errors properly. */
function attempt(sync: (scope: ExpressionScope) => unknown, scope: ExpressionScope): unknown {
  try {
    return sync(scope)
  } catch {
    return BAIL
  }
}

function syncOf(t: Template): (scope: ExpressionScope) => unknown {
  if (t.constant) {
    const v = t.value
    return () => v
  }
  return t.sync ?? (() => BAIL)
}

export function isTemplateString(s: string): boolean {
  return s.includes('{{') || s.includes('{%')
}

/** Compile any JSON-like value; strings with `{{ }}` / `{% %}` become expressions. */
export function compileValue(
  value: unknown,
  locate: (pointer: Segment[], offset?: number) => SourceLocation,
  options: CompileOptions,
  pointer: Segment[] = [],
): Template {
  if (typeof value === 'string') return compileString(value, offset => locate(pointer, offset), options)
  if (Array.isArray(value)) {
    const items = value.map((v, i) => compileValue(v, locate, options, [...pointer, i]))
    if (items.every(t => t.constant)) return CONSTANT(value)
    const syncs = items.map(syncOf)
    return template(
      scope => {
        const out = new Array(syncs.length)
        for (let i = 0; i < syncs.length; i++) if ((out[i] = syncs[i](scope)) === BAIL) return BAIL
        return out
      },
      async scope => Promise.all(items.map(t => t.evaluate(scope))),
    )
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => [k, compileValue(v, locate, options, [...pointer, k])] as const,
    )
    if (entries.every(([, t]) => t.constant)) return CONSTANT(value)
    const syncs = entries.map(([k, t]) => [k, syncOf(t)] as const)
    const heads = entries.flatMap(([k, t]) => (t.head === undefined ? [] : [[k, t.head] as const]))
    const object = template(
      scope => {
        const out: Record<string, unknown> = {}
        for (const [k, f] of syncs) {
          const v = f(scope)
          if (v === BAIL) return BAIL
          if (v !== undefined) out[k] = v
        }
        return out
      },
      async scope => {
        const out: Record<string, unknown> = {}
        for (const [k, t] of entries) {
          const v = t.constant ? t.value : await t.evaluate(scope)
          if (v !== undefined) out[k] = v
        }
        return out
      },
    )
    return heads.length > 0 ? { ...object, heads } : object
  }
  return CONSTANT(value)
}

/** The workspace limits an expression is compiled with (runtime/core/limits.ts). */
export interface CompileOptions {
  expressionTimeMs: number
  valueBytes: number
  expressionItems: number
  /** Handed to host functions as `this.options.limits` (functions/markdown.ts reads the conversion bounds). */
  limits?: Limits
  /** Filled with each compiled source's AST, for the load-time analysis (workspace/analysis.ts) not to parse again. */
  asts?: Map<string, unknown>
  /**
   * A build-verified workspace (workspace/verified.ts): the build compiled every expression with these
   * checks, so each is parsed and checked on its first use instead of at load (cold start).
   */
  deferCompile?: boolean
  /**
   * Set for the first-use compile of a deferred expression: the build already refused what RE2 cannot
   * run, so each regex literal compiles to RE2 when it first runs, not with its expression (an
   * expression's untaken branches and error paths compile no RE2 program).
   */
  regexesChecked?: boolean
}

/** JSONata's evaluation depth (D1011): deep enough for any written expression, far below the JS stack. */
const EXPRESSION_STACK = 1_000

type Part = string | Template

/** Split a string into literal text and expressions. */
export function compileString(src: string, locate: Locate, options: CompileOptions): Template {
  if (!isTemplateString(src)) return CONSTANT(src)
  const parts: Part[] = []
  let i = 0
  while (i < src.length) {
    const a = src.indexOf('{{', i)
    const b = src.indexOf('{%', i)
    const start = a < 0 ? b : b < 0 ? a : Math.min(a, b)
    if (start < 0) {
      parts.push(src.slice(i))
      break
    }
    if (start > i) parts.push(src.slice(i, start))
    const isPath = start === a
    const close = isPath ? '}}' : '%}'
    const end = src.indexOf(close, start + 2)
    if (end < 0) {
      throw isPath
        ? new DsulError('PATH_SYNTAX', { path: src.slice(start), detail: 'missing "}}"' }, { location: locate(start) })
        : new DsulError(
            'EXPRESSION_SYNTAX',
            { jsonataCode: 'S0000', detail: 'missing "%}"' },
            { location: locate(start) },
          )
    }
    const inner = src.slice(start + 2, end)
    parts.push(isPath ? compilePath(inner, locate, start + 2) : compileJsonata(inner, locate, start + 2, options))
    i = end + 2
  }
  const exprs = parts.filter((p): p is Template => typeof p !== 'string')
  // Exactly one expression and nothing but whitespace around it: keep the value's type.
  if (
    parts.length - exprs.length === parts.filter(p => typeof p === 'string' && p.trim() === '').length &&
    exprs.length === 1
  )
    return exprs[0]
  const syncs = parts.map(p => (typeof p === 'string' ? p : syncOf(p)))
  return template(
    scope => {
      let out = ''
      for (const p of syncs) {
        if (typeof p === 'string') {
          out += p
          continue
        }
        const v = p(scope)
        if (v === BAIL) return BAIL
        out += renderText(v)
      }
      return out
    },
    async scope => {
      let out = ''
      for (const p of parts) out += typeof p === 'string' ? p : renderText(await p.evaluate(scope))
      return out
    },
  )
}

/** How a value is written inside a longer string. */
export function renderText(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

function compilePath(inner: string, locate: Locate, offset: number): Template {
  let segments: Segment[]
  try {
    segments = parsePath(inner)
  } catch (err) {
    throw new DsulError(
      'PATH_SYNTAX',
      { path: inner.trim(), detail: (err as Error).message },
      { location: locate(offset) },
    )
  }
  const [head, ...rest] = segments
  const sync = (scope: ExpressionScope): unknown => getPath(scope.lookup(head as string), rest)
  return { ...template(sync, async scope => sync(scope)), head: head as string }
}

function compileJsonata(src: string, locate: Locate, offset: number, options: CompileOptions): Template {
  const expr = compileJsonataExpression(src, locate, offset, options)
  return template(
    scope => jsonataNow(expr, scope),
    scope => evaluateJsonata(expr, scope, position => locate(offset + position)),
  )
}

/** `hint`: how a Prisme-syntax hint reads the source (a condition key only needs to be true). */
export function compileJsonataExpression(
  src: string,
  locate: Locate,
  offset: number,
  options: CompileOptions,
  hint: 'value' | 'condition' = 'value',
): jsonata.Expression {
  if (options.deferCompile) return deferredExpression(src, locate, offset, options, hint)
  let expr: jsonata.Expression
  try {
    stats.jsonataCompilations++
    const jsonataOptions = jsonataOptionsOf(options)
    expr = jsonata(src, jsonataOptions as unknown as Parameters<typeof jsonata>[1])
    expressionOptions.set(expr, jsonataOptions)
  } catch (err) {
    const e = err as { code?: string; position?: number; message?: string }
    // JSONata positions point just past the offending token (1-based end); step back onto it.
    const pos = typeof e.position === 'number' ? Math.max(0, e.position - 1) : 0
    throw new DsulError(
      'EXPRESSION_SYNTAX',
      { jsonataCode: e.code ?? 'S0000', detail: e.message ?? String(err), hint: prismeHint(src, hint) },
      { location: locate(offset + pos) },
    )
  }
  sources.set(expr, src)
  bySource.set(src, expr)
  options.asts?.set(src, expr.ast())
  if (!options.regexesChecked) checkRegexes(expr.ast(), src, locate, offset)
  boundRanges(expr.ast())
  registerLazily(expr)
  return expr
}

/**
 * `RegexEngine` runs `/…/` on RE2; `bounds` is read by the bounded built-ins (functions/bounded.ts)
 * through JSONata's `this.options`. Not JSONata's `sequence` option: it puts an own `push` function
 * on every sequence, which then leaks into stored values (and structuredClone refuses functions).
 */
function jsonataOptionsOf(options: CompileOptions): object {
  const bounds: ExpressionBounds = { valueBytes: options.valueBytes, expressionItems: options.expressionItems }
  return {
    timeout: options.expressionTimeMs,
    stack: EXPRESSION_STACK,
    RegexEngine: LinearRegExp,
    bounds,
    limits: options.limits,
  }
}

/**
 * An expression compiled, with every check of compileJsonataExpression, when first evaluated or
 * inspected. Only for a build-verified workspace, where that compile already succeeded at build.
 */
function deferredExpression(
  src: string,
  locate: Locate,
  offset: number,
  options: CompileOptions,
  hint: 'value' | 'condition',
): jsonata.Expression {
  let compiled: jsonata.Expression | undefined
  const now = (): jsonata.Expression =>
    (compiled ??= compileJsonataExpression(
      src,
      locate,
      offset,
      { ...options, deferCompile: false, regexesChecked: true },
      hint,
    ))
  const deferred: jsonata.Expression = {
    evaluate: ((input: unknown, bindings?: Record<string, unknown>, callback?: never) =>
      now().evaluate(input, bindings, callback as never)) as jsonata.Expression['evaluate'],
    assign: (name, value) => now().assign(name, value),
    registerFunction: (name, implementation, signature) => now().registerFunction(name, implementation, signature),
    ast: () => now().ast(),
  }
  // What the compiled expression is known by (its source, its options for the fast evaluator's host calls).
  sources.set(deferred, src)
  bySource.set(src, deferred)
  expressionOptions.set(deferred, jsonataOptionsOf(options))
  return deferred
}

/**
 * `[a..b]`: JSONata allocates up to 1e7 items before its time limit can act. Its upper bound becomes
 * `$__rangeEnd(a, b)` (functions/bounded.ts), which refuses a range past limits.expressionItems
 * before JSONata allocates it and otherwise hands back `b` unchanged (so JSONata's own type errors stay).
 */
function boundRanges(ast: unknown): void {
  const stack: unknown[] = [ast]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object' || node instanceof RegExp) continue
    const n = node as { type?: unknown; value?: unknown; lhs?: unknown; rhs?: unknown; position?: number }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push(v)
    if (n.type === 'binary' && n.value === '..' && n.lhs && n.rhs) {
      const position = n.position
      n.rhs = {
        type: 'function',
        value: '(',
        position,
        arguments: [n.lhs, n.rhs],
        procedure: { type: 'variable', value: RANGE_END, position },
      } as typeof n.rhs
    }
  }
}

/** Every regex literal must run on RE2 (regex.ts): one that cannot is refused here, at load, located. */
function checkRegexes(ast: unknown, src: string, locate: Locate, offset: number): void {
  const stack: unknown[] = [ast]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object') continue
    if (node instanceof RegExp) continue
    const n = node as { type?: unknown; value?: unknown; position?: unknown }
    if (n.type === 'regex' && n.value instanceof RegExp) {
      const detail = regexProblem(n.value)
      if (detail !== undefined) {
        // The position is just past the literal; point at its opening slash.
        const end = typeof n.position === 'number' ? n.position : 0
        const start = Math.max(0, src.lastIndexOf('/' + n.value.source, end))
        const location = locate(offset + start)
        throw new DsulError('REGEX_UNSUPPORTED', { pattern: n.value.source, detail }, { location })
      }
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push(v)
  }
}

/**
 * The runtime's functions are bound on the expression's first evaluation: binding parses each
 * signature, for every expression, and most expressions of a workspace never run in a process.
 */
function registerLazily(expr: jsonata.Expression): void {
  const evaluate = expr.evaluate
  const first = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    // The bounded built-ins first, so that a runtime function of the same name would still win.
    for (const fn of await BOUNDED) {
      expr.registerFunction(fn.name, fn.impl as (...a: unknown[]) => unknown, fn.signature)
    }
    for (const [name, fn] of Object.entries(FUNCTIONS)) expr.registerFunction(name, fn.impl, fn.signature)
    expr.evaluate = evaluate
    return (evaluate as (...a: unknown[]) => unknown).apply(this, args)
  }
  expr.evaluate = first as typeof evaluate
}

/** `locate(position)` maps a character position inside the expression to the file. */
export async function evaluateJsonata(
  expr: jsonata.Expression,
  scope: ExpressionScope,
  locate: (position: number) => SourceLocation,
): Promise<unknown> {
  const v = jsonataNow(expr, scope)
  if (v !== BAIL) return v
  const constant = accel(expr).constant
  const keys = constant && constantKeys(constant, scope)
  if (!keys) return slowPath(expr, scope, locate)
  const value = await slowPath(expr, scope, locate)
  if (isScalar(value)) constant!.set(keys, value)
  return value
}

/** The value without JSONata's evaluator (fast path, or a remembered constant), else BAIL (then evaluateJsonata gives it). */
function jsonataNow(expr: jsonata.Expression, scope: ExpressionScope): unknown {
  const { fast, constant } = accel(expr)
  // A remembered constant first: `$replace(config.siteUrl, /\/+$/, "")` runs a regex on every call
  // even on the fast path, and its answer cannot change while the workspace lives.
  const keys = constant && constantKeys(constant, scope)
  if (keys) {
    const cached = constant!.get(keys)
    if (cached.hit) {
      stats.fastEvaluations++
      return cached.value
    }
  }
  if (fast) {
    const v = attempt(fast, scope)
    if (v !== BAIL) {
      stats.fastEvaluations++
      if (keys && isScalar(v)) constant!.set(keys, v)
      return v
    }
  }
  return BAIL
}

/** The frozen objects a constant expression reads, or undefined when one is not frozen or a variable shadows a function. */
function constantKeys(constant: ConstantCache, scope: ExpressionScope): object[] | undefined {
  if (constant.shadows.some(name => scope.has(name))) return undefined
  const keys = constant.roots.map(r => scope.lookup(r))
  return keys.every(k => k !== null && typeof k === 'object' && Object.isFrozen(k)) ? (keys as object[]) : undefined
}

async function slowPath(
  expr: jsonata.Expression,
  scope: ExpressionScope,
  locate: (position: number) => SourceLocation,
): Promise<unknown> {
  stats.jsonataEvaluations++
  slowPathWatch.onSlow?.(sources.get(expr) ?? '')
  try {
    return fromJsonata(await expr.evaluate(scope.view(), scope.bindings()))
  } catch (err) {
    throw jsonataRunError(err, locate)
  }
}

function jsonataRunError(err: unknown, locate: (position: number) => SourceLocation): DsulError {
  const e = err as { code?: string; message?: string; value?: unknown; position?: number }
  // Run-time positions point just past the offending token, like syntax errors.
  const location = locate(typeof e?.position === 'number' ? Math.max(0, e.position - 1) : 0)
  // A limit raised by a bounded built-in (functions/bounded.ts): located at the call.
  if (err instanceof DsulError) {
    err.location ??= location
    return err
  }
  if (e?.code === 'D1012') return new DsulError('LIMIT_EXPRESSION_TIME', { limit: e.value }, { location })
  // JSONata's own range limit (1e7), should limits.expressionItems be set above it.
  if (e?.code === 'D2014') return new DsulError('LIMIT_ITEMS', { what: 'a range', limit: 1e7 }, { location })
  return new DsulError(
    'EXPRESSION_FAILED',
    { jsonataCode: e?.code ?? 'D0000', detail: e?.message ?? String(err) },
    { location },
  )
}

/** JSONata returns sequences (arrays with extra flags); hand back plain arrays. */
function fromJsonata(v: unknown): unknown {
  if (Array.isArray(v) && (v as { sequence?: boolean }).sequence) return Array.from(v)
  return v
}

export { truthy } from '../core/truthy.ts'
