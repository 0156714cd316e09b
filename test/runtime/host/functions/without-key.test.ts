// $withoutKey against JSON.stringify's replacer (a key for which it answers undefined is left out, at
// any depth) on random JSON values; the input is never changed, and what holds no such key is the
// same value, not a copy.
import fc from 'fast-check'
import t from 'tap'
import { withoutKey } from '../../../../runtime/host/functions/without-key.ts'

// Keys that are not array indexes (the replacer is called with indexes too) nor '' (the root's name).
const key = fc.constantFrom('_expandable', 'a', 'b', '__proto__')
const json = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(key, fc.constant(''), fc.string({ maxLength: 3 })), tie('value'), { maxKeys: 5 }),
})).value

const reference = (value: unknown, k: string): unknown =>
  JSON.parse(JSON.stringify(value, (name, v) => (name === k ? undefined : v)))

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    Object.freeze(v)
    for (const x of Object.values(v)) deepFreeze(x)
  }
  return v
}

const holds = (v: unknown, k: string): boolean =>
  v !== null && typeof v === 'object' && (Object.hasOwn(v, k) || Object.values(v).some(x => holds(x, k)))

t.test('the key is left out at every depth, the rest as it was', async t => {
  fc.assert(
    fc.property(json, key, (input, k) => {
      // Through JSON text, so a `__proto__` key is a field as Confluence's JSON would give it.
      const value = deepFreeze(JSON.parse(JSON.stringify(input)))
      const before = JSON.stringify(value)
      const out = withoutKey(value, k)
      t.same(JSON.stringify(value), before, 'the input is unchanged')
      t.same(JSON.stringify(out), JSON.stringify(reference(value, k)))
      if (!holds(value, k)) t.equal(out, value, 'nothing to drop: the same value')
      if (out && typeof out === 'object' && !Array.isArray(out)) t.equal(Object.getPrototypeOf(out), Object.prototype)
    }),
    { numRuns: 500 },
  )
})

t.test('parts without the key are shared, not copied', async t => {
  const untouched = { title: 'A', labels: [{ name: 'x' }] }
  const results = [{ content: { id: '1', _expandable: { body: '/b' } }, meta: untouched }, untouched]
  const out = withoutKey(results, '_expandable') as Array<Record<string, unknown>>
  t.same(out, [{ content: { id: '1' }, meta: untouched }, untouched])
  t.equal(out[0]!.meta, untouched)
  t.equal(out[1], untouched)
  t.same(Object.keys(withoutKey({ z: 1, _expandable: 2, a: { _expandable: 3 }, b: 4 }, '_expandable') as object), [
    'z',
    'a',
    'b',
  ])
})

t.test('a `__proto__` field stays a field; values that are not records are kept whole', async t => {
  const value = JSON.parse('{"__proto__": {"polluted": true, "x": 1}, "x": {"x": 2}}')
  const out = withoutKey(value, 'x') as Record<string, unknown>
  t.same(Object.keys(out), ['__proto__'])
  t.equal(Object.getPrototypeOf(out), Object.prototype)
  t.same(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { polluted: true })
  t.equal(({} as Record<string, unknown>).polluted, undefined)
  // What a polluted Object.prototype lists in for…in is not copied in as a field.
  Object.defineProperty(Object.prototype, 'pollutedField', {
    value: { x: 1 },
    enumerable: true,
    configurable: true,
  })
  let copy: unknown
  try {
    copy = withoutKey({ a: { x: 2 }, b: 1 }, 'x')
  } finally {
    delete (Object.prototype as Record<string, unknown>).pollutedField
  }
  t.same(Object.keys(copy as object), ['a', 'b'])
  t.same(copy, { a: {}, b: 1 })
  const buffer = Buffer.from('x')
  t.equal(withoutKey(buffer, '0'), buffer)
  t.equal(withoutKey(undefined, 'a'), undefined)
  t.same(withoutKey({ '': 1, a: { '': 2 } }, ''), { a: {} })
  t.same(withoutKey({ a: 1 }, undefined), { a: 1 })
})

t.test('a value nested past the runtime limit is refused, not a stack overflow', async t => {
  let deep: unknown = { a: 1 }
  for (let i = 0; i < 5_000; i++) deep = { next: deep }
  t.throws(() => withoutKey(deep, 'a'), { code: 'LIMIT_NESTING' })
})
