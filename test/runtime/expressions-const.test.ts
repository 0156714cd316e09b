// runtime/expressions/const.ts: which expressions count as constant for a workspace's life (read only
// config/secret, call only deterministic functions), and the per-config cache of their results.
import jsonata from 'jsonata'
import t from 'tap'
import { ConstantCache, constantRoots, isScalar } from '../../runtime/expressions/const.ts'

const roots = (src: string, host: string[] = []) => constantRoots(jsonata(src).ast(), new Set(host))

t.test('config and secret expressions with deterministic calls are constant', async t => {
  t.same(roots('config.siteUrl'), { roots: ['config'], functions: [] })
  t.same(roots('$replace(config.siteUrl, /\\/+$/, "")'), { roots: ['config'], functions: ['replace'] })
  t.same(roots('secret.token & config.a'), { roots: ['config', 'secret'], functions: [] })
  t.same(roots('$sha256(secret.key)', ['sha256']), { roots: ['secret'], functions: ['sha256'] })
})

t.test('a clock or a random number is never constant', async t => {
  for (const fn of ['millis', 'now', 'random']) {
    t.equal(roots(`config.a & $${fn}()`), undefined, `$${fn}() changes between calls`)
    t.equal(roots(`$string($${fn}()) & secret.b`), undefined, `$${fn}() nested in a call`)
  }
})

t.test('reading anything but config and secret is not constant', async t => {
  t.equal(roots('user.name'), undefined)
  t.equal(roots('config.a & run.id'), undefined)
  t.equal(roots('$x & config.a'), undefined, "a variable is the run's")
  t.equal(roots('$ & config.a'), undefined, "the context is the run's")
  t.equal(roots('"text"'), undefined, 'no root at all: nothing to key the cache on')
  t.equal(roots('$fetchPage(config.a)', ['fetchPage']), undefined, 'a host function that is not known deterministic')
  t.equal(roots('$sha256(config.a)'), undefined, 'a name that is neither a built-in nor a host function')
})

t.test('ConstantCache keeps a result per combination of root objects', async t => {
  const cache = new ConstantCache({ roots: ['config', 'secret'], functions: ['replace'] })
  t.same(cache.shadows, ['$replace'])
  const a = {}
  const b = {}
  const c = {}
  t.same(cache.get([a, b]), { hit: false })
  cache.set([a, b], 'ab')
  cache.set([a, c], undefined)
  t.same(cache.get([a, b]), { hit: true, value: 'ab' })
  t.same(cache.get([a, c]), { hit: true, value: undefined }, 'an undefined result is remembered too')
  t.same(cache.get([b, a]), { hit: false }, 'the order of the roots matters')
  const single = new ConstantCache({ roots: ['config'], functions: [] })
  single.set([a], 1)
  t.same(single.get([a]), { hit: true, value: 1 })
})

t.test('only scalars are shared between runs', async t => {
  for (const v of [null, undefined, 'x', 1, true]) t.ok(isScalar(v), String(v))
  for (const v of [{}, [], () => 1]) t.notOk(isScalar(v), typeof v)
})
