// runtime/core/truthy.ts: JSONata's truthiness (checked against $boolean) and the number an argument reads as.
import jsonata from 'jsonata'
import t from 'tap'
import { numberOf, truthy } from '../../runtime/core/truthy.ts'

const cases: unknown[] = [
  undefined,
  null,
  false,
  true,
  '',
  'a',
  ' ',
  0,
  -0,
  1,
  -2.5,
  Number.NaN,
  [],
  [0],
  [0, ''],
  [0, 1],
  [[]],
  [['x']],
  {},
  { a: 0 },
  { a: undefined },
]

t.test('truthy is $boolean for every kind of value', async t => {
  for (const v of cases) {
    const expected = v === undefined ? false : await jsonata('$boolean($v)').evaluate({}, { v })
    t.equal(truthy(v), expected ?? false, `truthy(${JSON.stringify(v)})`)
  }
})

t.test('numberOf parses numeric strings and nothing else', async t => {
  t.equal(numberOf(3), 3)
  t.equal(numberOf('42'), 42)
  t.equal(numberOf(' 1.5 '), 1.5)
  t.ok(Number.isNaN(numberOf('')), 'an empty string is not 0')
  t.ok(Number.isNaN(numberOf('  ')), 'nor is a blank one')
  t.ok(Number.isNaN(numberOf('12abc')))
  t.ok(Number.isNaN(numberOf(true)), 'a boolean is not a number')
  t.ok(Number.isNaN(numberOf(null)))
  t.ok(Number.isNaN(numberOf(Object.create(null))), 'an object without a prototype does not throw')
  t.ok(Number.isNaN(numberOf([1])))
})
