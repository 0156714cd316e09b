// runtime/core/paths.ts: variable paths (docs/language.md "Variables and paths").
import t from 'tap'
import { formatPath, getPath, parsePath, setPath } from '../../runtime/core/paths.ts'

t.test('parsePath reads names, indexes and quoted keys', async t => {
  t.same(parsePath('a'), ['a'])
  t.same(parsePath(' a.b[0]["k-ey"][\'q\'] '), ['a', 'b', 0, 'k-ey', 'q'])
  t.same(parsePath('$http.status'), ['$http', 'status'])
  t.same(parsePath('x-y'), ['x-y'], 'a dash inside a name')
})

t.test('parsePath says what is wrong and where', async t => {
  t.throws(() => parsePath(''), { message: 'the path is empty' })
  t.throws(() => parsePath('a.'), { message: 'expected a name at character 3' })
  t.throws(() => parsePath('1a'), { message: 'expected a name at character 1' })
  t.throws(() => parsePath('a b'), { message: 'unexpected " " at character 2' })
  t.throws(() => parsePath('a["b]'), { message: 'unterminated quoted key' })
  t.throws(() => parsePath('a[x]'), { message: 'expected an index or a quoted key at character 3' })
  t.throws(() => parsePath('a[1'), { message: 'expected "]" at character 4' })
})

t.test('getPath reads own keys only', async t => {
  const root = { a: { b: [10, 20] } }
  t.equal(getPath(root, ['a', 'b', 1]), 20)
  t.equal(getPath(root, ['x', 'b']), undefined)
  t.equal(getPath(root, ['a', 'b', 'length']), 2, "an array's own length")
  t.equal(getPath({}, ['toString']), undefined, 'an inherited key is not there')
  t.equal(getPath('text', ['length']), undefined)
  t.same(getPath({ v: root }, ['v', 'a'], 1), undefined, 'from skips the leading segments')
  t.same(getPath(root, ['ignored', 'a'], 1), { b: [10, 20] })
})

t.test('setPath creates parents, copies frozen ones and deletes on undefined', async t => {
  const root: Record<string, unknown> = {}
  setPath(root, ['a', 0, 'b'], () => 1)
  t.same(root, { a: [{ b: 1 }] }, 'a numeric segment makes an array')
  const shared = Object.freeze({ k: Object.freeze([1, 2]) })
  const holder: Record<string, unknown> = { c: shared }
  setPath(holder, ['c', 'k', 1], prev => (prev as number) * 10)
  t.same(holder, { c: { k: [1, 20] } })
  t.same(shared, { k: [1, 2] }, 'the frozen constant is untouched')
  setPath(holder, ['c', 'k', 0], () => undefined)
  t.same(holder, { c: { k: [20] } }, 'undefined removes an array item')
  setPath(holder, ['c', 'k'], () => undefined)
  t.same(holder, { c: {} }, 'and an object key')
})

t.test('setPath refuses keys that would reach a prototype', async t => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    const root: Record<string, unknown> = {}
    t.throws(() => setPath(root, ['a', key, 'polluted'], () => true), { message: `"${key}" cannot be used as a key` })
    t.equal(({} as Record<string, unknown>).polluted, undefined)
  }
})

t.test('formatPath writes what parsePath reads', async t => {
  t.equal(formatPath(['a', 'b', 0, 'k-ey', 'with space']), 'a.b[0].k-ey["with space"]')
  t.equal(formatPath(['$http', 'status']), '$http.status')
  for (const src of ['a.b[0]', 'x["a b"][2].c']) t.equal(formatPath(parsePath(src)), src)
})
