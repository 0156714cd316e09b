// runtime/expressions/fast-values.ts: JSONata's value rules as the fast evaluator applies them, each
// compared with what jsonata 2.2.2 itself gives for the same value.
import jsonata from 'jsonata'
import t from 'tap'
import { BAIL, bool, builtin, field, string } from '../../runtime/expressions/fast-values.ts'

const jsonataString = async (v: unknown): Promise<unknown> => await jsonata('$string($v)').evaluate({}, { v })

t.test('string gives what $string gives, numbers rounded to 15 significant digits', async t => {
  const values = [
    0.1 + 0.2,
    1 / 3,
    2 / 3,
    1e21,
    1e-7,
    123456789012345680,
    -0.000001,
    100,
    -7,
    0,
    1.5,
    'x',
    true,
    false,
    null,
  ]
  for (const v of values) t.equal(string(v), await jsonataString(v), `string(${String(v)})`)
  t.equal(string(0.1 + 0.2), '0.3', 'the floating-point noise of 0.1 + 0.2 is rounded away')
  t.equal(string(1 / 3), '0.333333333333333')
})

t.test('string leaves what JSONata would refuse or map to it (BAIL)', async t => {
  t.equal(string(Number.NaN), BAIL)
  t.equal(string(Number.POSITIVE_INFINITY), BAIL)
  t.equal(string({ a: 1 }), BAIL)
  t.equal(string([1]), BAIL)
  t.equal(
    string(() => 1),
    '',
    'a function is the empty string',
  )
})

t.test('bool mirrors $boolean, and bails on what would throw', async t => {
  for (const v of [[], [0], [0, 1], [1], '', 'a', 0, 2, {}, { a: 1 }, true, false, null]) {
    t.equal(bool(v), await jsonata('$boolean($v)').evaluate({}, { v }), `bool(${JSON.stringify(v)})`)
  }
  t.equal(bool(undefined), undefined)
  t.equal(bool(Number.POSITIVE_INFINITY), BAIL)
  t.equal(bool(Number.NaN), false)
})

t.test('field reads own keys only, and bails on an array (JSONata maps the step)', async t => {
  t.equal(field({ a: 1 }, 'a'), 1)
  t.equal(field({}, 'toString'), undefined, 'an inherited key is not a field')
  t.equal(field([{ a: 1 }], 'a'), BAIL)
  t.equal(field('text', 'length'), undefined)
  t.equal(field(undefined, 'a'), undefined)
  t.equal(field({ a: Object.assign([1], { sequence: true }) }, 'a'), BAIL, 'a sequence goes to JSONata')
})

t.test('the built-ins of the subset agree with JSONata', async t => {
  const cases: Array<[string, unknown[], string]> = [
    ['exists', [undefined], '$exists($a)'],
    ['exists', [0], '$exists($a)'],
    ['count', [[1, 2]], '$count($a)'],
    ['count', ['x'], '$count($a)'],
    ['count', [undefined], '$count($a)'],
    ['join', [['a', 'b'], '-'], '$join($a, $b)'],
    ['join', [['a', 'b']], '$join($a)'],
    ['lookup', [{ k: 3 }, 'k'], '$lookup($a, $b)'],
  ]
  for (const [name, args, expr] of cases) {
    const fn = builtin(name, args.length)
    t.ok(fn, `${name}/${args.length} is in the subset`)
    const expected = await jsonata(expr).evaluate({}, { a: args[0], b: args[1] })
    t.same(fn!(args), expected, `${expr} with ${JSON.stringify(args)}`)
  }
  t.equal(builtin('join', 2)!([['a', 1], ',']), BAIL, 'a non-string item is T0412: left to JSONata')
  t.equal(builtin('now', 0), undefined, 'a function outside the subset')
})
