// runtime/core/limits.ts: the size and depth walks that guard every stored value, output and argument set.
import t from 'tap'
import {
  argumentDepthError,
  DEFAULT_LIMITS,
  depthExceeds,
  measure,
  type Measure,
  sizeExceeds,
  VALUE_DEPTH,
  valueError,
  valueProblem,
} from '../../runtime/core/limits.ts'

const nested = (levels: number): unknown => {
  let v: unknown = 'leaf'
  for (let i = 0; i < levels; i++) v = { n: v }
  return v
}

t.test('valueProblem measures the approximate JSON size', async t => {
  t.equal(valueProblem('abc', 5), undefined, 'a 3-character string counts 5 with its quotes')
  t.equal(valueProblem('abcd', 5), 'size')
  t.equal(valueProblem(12345, 8), undefined, 'a scalar counts 8')
  t.equal(valueProblem(12345, 7), 'size')
  t.equal(valueProblem({ ab: 'x' }, 9), undefined, 'a key counts its length + 4, its string value 3')
  t.equal(valueProblem({ ab: 'x' }, 8), 'size')
  t.equal(valueProblem([1], 10), undefined, 'an array counts 2 plus its items')
  t.equal(valueProblem([1], 9), 'size')
  t.equal(valueProblem(Buffer.alloc(10), 10), undefined, 'a Buffer counts its bytes')
  t.equal(valueProblem(Buffer.alloc(11), 10), 'size')
})

t.test('valueProblem refuses values deeper than the depth limit, without recursion', async t => {
  t.equal(valueProblem(nested(3), Infinity, 3), undefined, 'exactly the limit is allowed')
  t.equal(valueProblem(nested(4), Infinity, 3), 'depth')
  t.equal(valueProblem(nested(VALUE_DEPTH), Infinity), undefined)
  t.equal(valueProblem(nested(VALUE_DEPTH + 1), Infinity), 'depth')
  t.equal(valueProblem(nested(200_000), Infinity), 'depth', 'a very deep value is refused, not a stack overflow')
  t.equal(valueProblem([[[]]], Infinity, 2), 'depth', 'arrays count as levels')
})

t.test('measure gives the size valueProblem counts and the deepest level of an object or array', async t => {
  t.same(measure('abc', 100), { bytes: 5, depth: -1 }, 'a scalar has no level')
  t.same(measure({ ab: 'x' }, 100), { bytes: 9, depth: 0 })
  t.same(measure({ a: [1, { b: 2 }] }, 100), { bytes: 5 + 2 + 8 + 5 + 8, depth: 2 })
  t.same(measure(nested(5), 1000), { bytes: 5 * 5 + 6, depth: 4 })
  t.equal(measure(nested(5), 1000, 4), 'depth')
  t.equal(measure({ ab: 'x' }, 8), 'size')
})

t.test('measure counts a known object by its measure, and walks it when that would pass a bound', async t => {
  const inner = { list: [1, 2, 3] }
  const exact = measure(inner, 1000) as Measure
  const seen: object[] = []
  const known = (v: object): Measure | undefined => {
    seen.push(v)
    return v === inner ? exact : undefined
  }
  t.same(measure({ a: inner, b: inner }, 1000, VALUE_DEPTH, known), { bytes: 10 + 2 * exact.bytes, depth: 2 })
  t.notOk(seen.includes(inner.list), 'the known object was not walked')
  // An upper bound (a part counted as its whole) past the size bound: the part is walked for what it is.
  const loose = (v: object): Measure | undefined => (v === inner ? { bytes: 900, depth: 1 } : undefined)
  t.same(measure({ a: inner, b: inner }, 100, VALUE_DEPTH, loose), { bytes: 10 + 2 * exact.bytes, depth: 2 })
  t.equal(measure({ a: inner, b: inner, c: inner }, 2 * exact.bytes + 10, VALUE_DEPTH, known), 'size')
  // Known nesting past the depth bound: walked, and refused where it really is too deep.
  const deep = nested(6) as object
  const deepKnown = (v: object): Measure | undefined => (v === deep ? { bytes: 100, depth: 5 } : undefined)
  t.equal(measure({ d: deep }, 1000, 6, deepKnown), 'depth')
  t.same(measure({ d: deep }, 1000, 7, deepKnown), { bytes: 5 + 100, depth: 6 })
})

t.test('sizeExceeds ignores depth', async t => {
  t.notOk(sizeExceeds(nested(VALUE_DEPTH + 10), 1_000_000))
  t.ok(sizeExceeds('x'.repeat(100), 50))
  t.notOk(sizeExceeds('x'.repeat(48), 50))
})

t.test('depthExceeds says where a value first nests too deep, in a short path', async t => {
  t.equal(depthExceeds({ a: { b: 1 } }, 2), undefined)
  t.equal(depthExceeds({ a: { b: {} } }, 2), '.a.b')
  t.equal(depthExceeds([[[]]], 2), '[0][0]')
  t.equal(depthExceeds(nested(100), 50), '.n.n.n.n…', 'only the first four steps are shown')
  t.equal(depthExceeds(nested(100_000), 64), '.n.n.n.n…', 'without recursion')
  t.equal(depthExceeds({ b: Buffer.alloc(4) }, 1), undefined, 'a Buffer is a leaf')
  t.equal(depthExceeds('x', 0), undefined)
  t.equal(depthExceeds({}, 0), '', 'the value itself too deep: the empty path')
  t.equal(depthExceeds([1, null, 'x', { a: [{}] }], 2), '[3].a', 'scalars and null beside the deep branch')
  t.equal(depthExceeds({ a: { b: 1 }, c: [[]] }, 2), '.c[0]')
  const sparse: unknown[] = []
  sparse[5] = { x: {} }
  t.equal(depthExceeds(sparse, 2), '[5].x', 'holes are skipped')
})

t.test('the errors name the limit the builder can change', async t => {
  const size = valueError('size', 'the output', DEFAULT_LIMITS, { slug: 'main' })
  t.equal(size.code, 'LIMIT_SIZE')
  t.equal(size.message, `the output is larger than ${DEFAULT_LIMITS.valueBytes} bytes (limits.valueBytes)`)
  t.equal(size.slug, 'main')
  const depth = valueError('depth', 'the output', DEFAULT_LIMITS)
  t.equal(depth.code, 'LIMIT_NESTING')
  t.match(depth.message, `deeper than ${VALUE_DEPTH} levels`)
  const args = argumentDepthError('the arguments', '.a.b', DEFAULT_LIMITS)
  t.equal(args.message, 'nesting deeper than 64 levels in the arguments at .a.b (limits.argumentDepth)')
  t.equal(
    argumentDepthError('the body', '', DEFAULT_LIMITS).message,
    'nesting deeper than 64 levels in the body (limits.argumentDepth)',
  )
})
