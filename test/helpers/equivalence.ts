// Differential checks for the performance fixes that replace library behaviour (docs/performance.md):
// random expressions and scopes evaluated by the runtime (fast path, remembered constants, JSONata
// fallback) and by JSONata alone must agree, errors included; cloneValue must give what
// structuredClone gives. Run by test/runtime/equivalence.test.ts (a few thousand cases) and by
// bench/check-equivalence.ts (as many as asked).
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { cloneValue } from '../../runtime/core/clone.ts'
import { compileJsonataExpression, evaluateJsonata, stats } from '../../runtime/expressions/index.ts'
import { DEFAULT_LIMITS } from '../../runtime/core/limits.ts'
import type { RunContext } from '../../runtime/core/run-context.ts'
import { Frame, Scope } from '../../runtime/core/scopes.ts'

const locate = (): { file: string; line: number; col: number } => ({ file: 'check', line: 1, col: 1 })

// Values with the shapes JSONata treats specially: sequences, empty and singleton arrays, NaN, ±0.
const sequence = (xs: unknown[]): unknown[] => Object.assign([...xs], { sequence: true })
const leaf = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -0, 1, 2.5, 0.1 + 0.2, NaN, Infinity, -3, 1e21),
  fc.constantFrom('', 'a', 'abc', 'apiToken', '1', 'x y', ' a\n b ', 'aab', '%41%', 'ÿ€z'),
)
const value = fc.letrec(tie => ({
  v: fc.oneof({ depthSize: 'small' }, leaf, leaf, tie('arr'), tie('obj'), tie('seq')),
  arr: fc.array(tie('v'), { maxLength: 3 }),
  seq: fc.array(tie('v'), { maxLength: 3 }).map(sequence),
  obj: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'status', 'x'), tie('v'), { maxKeys: 3 }),
})).v
const heads = [
  'a',
  'b',
  'c',
  'x',
  'config',
  'config.a',
  'secret',
  'run',
  'undefined',
  'status',
  '$$',
  '$',
  '$v',
  '$w',
  '$count',
]
const path = fc
  .tuple(fc.constantFrom(...heads), fc.array(fc.constantFrom('a', 'b', 'c', 'status', 'x'), { maxLength: 3 }))
  .map(([h, rest]) => [h, ...rest].join('.'))
const literal = fc.constantFrom('1', '0', '"a"', '""', 'true', 'false', 'null', '2.5', '"apiToken"')
type Kind =
  | 'e'
  | 'bin'
  | 'fn'
  | 'cond'
  | 'arr'
  | 'neg'
  | 'map'
  | 'other'
  | 'obj'
  | 'block'
  | 'regex'
  | 'index'
  | 'without'
const expression = fc.letrec<Record<Kind, string>>(tie => ({
  e: fc.oneof(
    { depthSize: 'small' },
    path,
    literal,
    path,
    tie('bin'),
    tie('fn'),
    tie('cond'),
    tie('arr'),
    tie('neg'),
    tie('map'),
    tie('other'),
    tie('obj'),
    tie('block'),
    tie('regex'),
    tie('index'),
    tie('without'),
  ),
  bin: fc
    .tuple(
      tie('e'),
      fc.constantFrom('and', 'or', '=', '!=', '<', '<=', '>', '>=', '&', 'in', '+', '-', '*', '/', '%'),
      tie('e'),
    )
    .map(([a, op, b]) => `(${a} ${op} ${b})`),
  fn: fc
    .tuple(
      fc.constantFrom(
        '$not',
        '$exists',
        '$count',
        '$boolean',
        '$string',
        '$join',
        '$lookup',
        '$length',
        '$substring',
        '$trim',
        '$lowercase',
        '$uppercase',
        '$type',
        '$merge',
        '$replace',
        '$decodeUrlComponent',
        '$cqlCheck',
        '$withoutKey',
      ),
      fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
    )
    .map(([f, args]) => `${f}(${args.join(', ')})`),
  // Object constructors, over the context and as a mapping step.
  obj: fc.oneof(
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([k, v, w]) => `{${k}: ${v}, "k": ${w}}`),
    fc.tuple(tie('e'), tie('e')).map(([v, w]) => `{"a": ${v}, "b": ${w}}`),
    fc.tuple(fc.constantFrom('a', 'b', 'a.b', '$v', 'x'), tie('e')).map(([p, v]) => `[${p}.{"k": ${v}, "c": c}]`),
  ),
  // Blocks binding variables (and a lambda that is never called).
  block: fc.oneof(
    fc.tuple(tie('e'), tie('e')).map(([v, body]) => `($v := ${v}; ${body})`),
    fc.tuple(tie('e'), tie('e')).map(([v, body]) => `($q := ${v}; ($q := 1); $q & ${body})`),
    tie('e').map(body => `($f := function($x) {$x}; ${body})`),
    tie('e').map(body => `($count := 1; ${body})`),
  ),
  regex: fc.oneof(
    tie('e').map(x => `$match(${x}, /a(b)?/)`),
    tie('e').map(x => `$match(${x}, /^\\d+$/).groups[0]`),
    fc
      .tuple(tie('e'), fc.constantFrom('"$1-$0"', '"$$"', '"x"', '"$2"', '""'))
      .map(([x, r]) => `$replace(${x}, /a(b)?/, ${r})`),
    tie('e').map(x => `$replace(${x}, /b*/, "-")`),
    // String patterns: overlapping candidates (`"aa"` in "aaa"), none found, a `$0` taken literally.
    fc
      .tuple(tie('e'), fc.constantFrom('"a"', '"aa"', '"ab"', '"%"'), fc.constantFrom('"$0"', '"xy"', '""'))
      .map(([x, p, r]) => `$replace(${x}, ${p}, ${r})`),
  ),
  // A key dropped at any depth; what is left must be JSONata's own value (a sequence stays one).
  without: fc
    .tuple(
      fc.constantFrom('a', 'b', '$$', '[a, b]', 'config', '{"a": a, "k": {"a": 1}}', 'x'),
      fc.constantFrom('"a"', '"b"', '"k"', 'x'),
    )
    .map(([v, k]) => `$withoutKey(${v}, ${k})`),
  index: fc
    .tuple(
      fc.constantFrom('a', 'b', 'a.b', '$v', 'config.a', '$match(a, /a/)'),
      fc.constantFrom(0, 1, 2),
      fc.constantFrom('', '.a', '.b'),
    )
    .map(([p, i, r]) => `${p}[${i}]${r}`),
  cond: fc
    .tuple(tie('e'), tie('e'), fc.option(tie('e')))
    .map(([c, t, e]) => (e === null ? `(${c} ? ${t})` : `(${c} ? ${t} : ${e})`)),
  arr: fc.array(tie('e'), { maxLength: 3 }).map(xs => `[${xs.join(', ')}]`),
  neg: tie('e').map(x => `-(${x})`),
  map: fc
    .tuple(fc.constantFrom('a', 'b', 'x', 'a.b', '$$.a', 'config.a', '$v', 'status'), tie('e'), fc.option(tie('e')))
    .map(([p, body, more]) => (more === null ? `[${p}.(${body})]` : `[${p}.(${body}), ${more}]`)),
  // Outside the subset, or partly: must fall back to JSONata.
  other: fc.constantFrom(
    'a[0]',
    'a.b[x]',
    '{"k": a}',
    'a.*',
    '($y := 1; $y)',
    '$not()',
    '$replace(config.siteUrl, /\\/+$/, "")',
    '$lowercase(config.authMode)',
    '$count(config.a)',
    '$uppercase(secret.t) & config.authMode',
    'a.b.c',
  ),
})).e

const deepFreeze = (o: unknown): unknown => {
  if (o && typeof o === 'object') {
    Object.freeze(o)
    Object.values(o).forEach(deepFreeze)
  }
  return o
}
const plain = (v: unknown): unknown => (Array.isArray(v) && (v as { sequence?: boolean }).sequence ? Array.from(v) : v)
// The runtime reports a JSONata failure without a code (a TypeError inside JSONata) as D0000.
const code = (err: unknown): unknown =>
  (err as { data?: { jsonataCode?: string } }).data?.jsonataCode ?? (err as { code?: string })?.code ?? 'D0000'

const { valueBytes, expressionItems } = DEFAULT_LIMITS
const COMPILE = { expressionTimeMs: 1000, valueBytes, expressionItems }

/** Random expressions and scopes: the runtime's evaluation agrees with JSONata's, errors included. Returns how many evaluations skipped JSONata's evaluator. */
export async function checkExpressions(runs: number, seed?: number): Promise<number> {
  const fast0 = stats.fastEvaluations
  await fc.assert(
    fc.asyncProperty(
      expression,
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'x', 'status', 'undefined', '$v', '$w', '$count'), value, {
        maxKeys: 6,
      }),
      value,
      async (src, vars, cfg) => {
        let expr
        try {
          expr = compileJsonataExpression(src, locate, 0, COMPILE)
        } catch {
          return true
        }
        const run = {
          generation: 0,
          user: { value: {} },
          global: { value: {} },
          session: { value: {} },
          shared: {},
          host: {},
          limits: {},
          config: deepFreeze({ a: structuredClone(cfg), authMode: 'apiToken', siteUrl: 'https://x.net//' }),
          secret: deepFreeze({ t: 'tok' }),
        } as unknown as RunContext
        const scope = new Scope(run, { agentId: 'x', a: cfg }, new Frame(undefined, vars))
        let want: unknown, wantErr: unknown
        try {
          want = plain(await expr.evaluate(scope.view(), scope.bindings()))
        } catch (err) {
          wantErr = code(err)
        }
        // Twice: the second evaluation may come from the remembered constants.
        for (let i = 0; i < 2; i++) {
          let got: unknown, gotErr: unknown
          try {
            got = await evaluateJsonata(expr, scope, locate)
          } catch (err) {
            gotErr = code(err)
          }
          if (wantErr !== gotErr) throw new Error(`${src}: error ${String(gotErr)}, JSONata ${String(wantErr)}`)
          if (wantErr === undefined && !isDeepStrictEqual(want, got))
            throw new Error(`${src}: ${JSON.stringify(got)}, JSONata ${JSON.stringify(want)}`)
        }
        return true
      },
    ),
    { numRuns: runs, seed },
  )
  return stats.fastEvaluations - fast0
}

/** Random values: cloneValue gives what structuredClone gives (shared references kept). */
export function checkClone(runs: number, seed?: number): void {
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.string(),
        fc.anything({
          withNullPrototype: true,
          withSparseArray: true,
          withMap: true,
          withTypedArray: true,
          withBigInt: true,
          maxDepth: 4,
        }),
      ),
      fc.boolean(),
      fc.boolean(),
      (args, withSequence, shared) => {
        const o = args as Record<string, unknown>
        if (withSequence) o.seq = sequence([1, 2])
        if (shared) {
          const x = { a: 1 }
          o.s1 = x
          o.s2 = x
        }
        let want: unknown, got: unknown, wantErr: unknown, gotErr: unknown
        try {
          want = structuredClone(o)
        } catch (err) {
          wantErr = (err as Error).name
        }
        try {
          got = cloneValue(o)
        } catch (err) {
          gotErr = (err as Error).name
        }
        if (wantErr !== gotErr || !isDeepStrictEqual(want, got))
          throw new Error(`cloneValue differs from structuredClone for ${String(Object.keys(o))}`)
        if (shared && (got as Record<string, unknown>).s1 !== (got as Record<string, unknown>).s2)
          throw new Error('cloneValue lost a shared reference')
        return true
      },
    ),
    { numRuns: runs, seed },
  )
}
