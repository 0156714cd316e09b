// runtime/core/clone.ts: the hand-written copy must be what structuredClone gives, and deepFreeze must
// reach every level (test/runtime/equivalence.test.ts compares random values; these pin the edges).
import t from 'tap'
import { cloneValue, deepFreeze } from '../../runtime/core/clone.ts'

t.test('a plain value is copied at every level', async t => {
  const value = { a: [1, { b: 'x' }], c: null, d: { e: true } }
  const copy = cloneValue(value) as typeof value
  t.same(copy, value)
  t.not(copy, value)
  t.not(copy.a, value.a)
  t.not(copy.a[1], value.a[1])
  t.not(copy.d, value.d)
  t.equal(cloneValue('text'), 'text')
  t.equal(cloneValue(undefined), undefined)
})

t.test('a "__proto__" key stays an own key and never becomes the prototype', async t => {
  // JSON.parse makes `__proto__` an ordinary own property; a hand copy by assignment would set the prototype.
  const value = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as Record<string, unknown>
  const copy = cloneValue(value) as Record<string, unknown>
  t.equal(Object.getPrototypeOf(copy), Object.prototype, 'the prototype is untouched')
  t.same(Object.keys(copy).sort(), ['__proto__', 'k'], '__proto__ is an own key of the copy')
  t.equal((copy as { polluted?: unknown }).polluted, undefined, 'nothing is inherited through it')
  t.same(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value, { polluted: true })
  t.same(copy, structuredClone(value))
})

t.test('an object without a prototype is copied (JSONata builds those)', async t => {
  const value = Object.assign(Object.create(null), { a: 1 }) as Record<string, unknown>
  t.same(cloneValue(value), structuredClone(value))
})

t.test('what only structuredClone copies faithfully goes to structuredClone', async t => {
  const shared = { s: 1 }
  const twice = { x: shared, y: shared }
  const copy = cloneValue(twice) as typeof twice
  t.equal(copy.x, copy.y, 'an object reachable twice stays one object')
  t.not(copy.x, shared)
  const date = new Date(0)
  t.same(cloneValue({ date }), { date })
  t.ok((cloneValue({ date }) as { date: unknown }).date instanceof Date)
  // biome-ignore lint/suspicious/noSparseArray: a hole on purpose
  const holes = [1, , 3]
  t.notOk(1 in (cloneValue(holes) as unknown[]), 'a hole stays a hole')
  const extra = Object.assign([1, 2], { key: 'v' })
  t.same(Object.keys(cloneValue(extra) as object), Object.keys(structuredClone(extra)))
  t.throws(() => cloneValue({ f: () => 1 }), 'a function cannot be cloned, as with structuredClone')
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  const c = cloneValue(cyclic) as Record<string, unknown>
  t.equal(c.self, c)
})

t.test('deepFreeze freezes every level and returns the value', async t => {
  const value = { a: { b: [{ c: 1 }] } }
  t.equal(deepFreeze(value), value)
  t.ok(Object.isFrozen(value))
  t.ok(Object.isFrozen(value.a))
  t.ok(Object.isFrozen(value.a.b))
  t.ok(Object.isFrozen(value.a.b[0]))
  t.equal(deepFreeze(5), 5)
})

t.test('deepFreeze takes an already frozen part as frozen throughout', async t => {
  const inner = { d: {} }
  const frozen = Object.freeze({ inner })
  deepFreeze({ frozen })
  t.notOk(Object.isFrozen(inner), 'it does not descend into what is already frozen')
})

t.test('deepFreeze does not recurse: a 100,000-deep value freezes without a stack overflow', async t => {
  let deep: Record<string, unknown> = {}
  const top = deep
  for (let i = 0; i < 100_000; i++) deep = (deep.n = {}) as Record<string, unknown>
  deepFreeze(top)
  t.ok(Object.isFrozen(deep))
})
