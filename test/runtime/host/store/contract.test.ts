// The Store contract, on every backend: persistence across a restart, TTLs, single-use `take`,
// counter windows, no lost update under 100 concurrent writers, and the lock (exclusion, expiry).
import t, { type Test } from 'tap'
import { DsulError } from '../../../../runtime/core/errors.ts'
import { MemoryStore } from '../../../../runtime/host/store/memory.ts'
import type { Store } from '../../../../runtime/core/store.ts'
import { HAVE_REDIS, NO_REDIS, redisBackend, sqliteBackend, sleep, startRedis, type Backend } from './helpers.ts'

type Open = () => Promise<Store>

function contract(t: Test, open: Open, b?: Backend): void {
  const use = async (t: Test): Promise<Store> => {
    const s = await open()
    t.teardown(() => s.close())
    return s
  }

  if (b) {
    t.test('documents, values and counters survive a restart', async t => {
      const a = await b.open()
      await a.patchDoc('ws:user', 'alice', { type: 'replace', path: ['token'], value: { access: 'A1', expiresAt: 5 } })
      await a.patchDoc('ws:user', 'alice', { type: 'push', path: ['log'], value: 'first' })
      await a.set('ws:note', { text: 'kept' })
      await a.set('ws:later', 'still here', 60_000)
      await a.incr('ws:count', 3, 60_000)
      await a.close()
      const c = await b.open()
      t.teardown(() => c.close())
      t.same(await c.getDoc('ws:user', 'alice'), { token: { access: 'A1', expiresAt: 5 }, log: ['first'] })
      t.same(await c.getDoc('ws:user', 'bob'), {}, 'an absent document is {}')
      t.same(await c.get('ws:note'), { text: 'kept' })
      t.equal(await c.get('ws:later'), 'still here')
      t.equal((await c.incr('ws:count', 1, 60_000)).value, 4)
    })
  }

  t.test('values expire after their ttl', async t => {
    const s = await use(t)
    await s.set('ws:state', { nonce: 1 }, 80)
    await s.set('ws:forever', 1)
    t.same(await s.get('ws:state'), { nonce: 1 })
    await sleep(150)
    t.equal(await s.get('ws:state'), undefined, 'gone after the ttl')
    t.equal(await s.take('ws:state'), undefined, 'take sees it gone too')
    t.equal(await s.get('ws:forever'), 1, 'no ttl: no expiry')
    t.equal(await s.delete('ws:forever'), true)
    t.equal(await s.delete('ws:forever'), false)
    t.equal(await s.get('ws:forever'), undefined)
  })

  t.test('documents with a ttl expire that long after their last write; others are kept', async t => {
    const s = await use(t)
    await s.patchDoc('ws:session', 'c1', { type: 'replace', path: ['step'], value: 1 }, 150)
    await s.patchDoc('ws:profile', 'no-ttl', { type: 'replace', path: ['step'], value: 1 })
    await sleep(90)
    // A write moves the expiry: 90 ms in, the document gets 150 ms more.
    await s.patchDoc('ws:session', 'c1', { type: 'replace', path: ['step'], value: 2 }, 150)
    await sleep(90)
    t.same(await s.getDoc('ws:session', 'c1'), { step: 2 }, 'still there 180 ms after the first write')
    await sleep(120)
    t.same(await s.getDoc('ws:session', 'c1'), {}, 'gone 150 ms after the last write')
    t.same(
      await s.patchDoc('ws:session', 'c1', { type: 'merge', path: [], value: { again: true } }, 150),
      { again: true },
      'a write after the expiry starts from an empty document',
    )
    t.same(await s.getDoc('ws:profile', 'no-ttl'), { step: 1 }, 'no ttl: no expiry')
    await s.patchDoc('ws:session', 'c1', { type: 'replace', path: ['kept'], value: true })
    await sleep(200)
    t.same(await s.getDoc('ws:session', 'c1'), { again: true, kept: true }, 'a write without ttl keeps it')
  })

  t.test('take is single-use, even when 20 callers on two connections race', async t => {
    const [s1, s2] = [await use(t), await use(t)]
    await s1.set('ws:oauth:abc', { verifier: 'v' }, 60_000)
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? s1 : s2).take('ws:oauth:abc')))
    t.same(
      got.filter(v => v !== undefined),
      [{ verifier: 'v' }],
      'exactly one caller gets the value',
    )
    t.equal(await s1.get('ws:oauth:abc'), undefined)
  })

  t.test('incr counts in fixed windows', async t => {
    const s = await use(t)
    const first = await s.incr('ws:rl', 1, 200)
    t.equal(first.value, 1)
    t.ok(first.ttlMs > 0 && first.ttlMs <= 200, `ttl ${first.ttlMs}`)
    const second = await s.incr('ws:rl', 2, 200)
    t.equal(second.value, 3, 'same window')
    t.ok(second.ttlMs <= first.ttlMs, 'the window does not restart')
    await sleep(260)
    t.equal((await s.incr('ws:rl', 1, 200)).value, 1, 'a new window')
    const values = await Promise.all(Array.from({ length: 50 }, () => s.incr('ws:burst', 1, 60_000)))
    t.same(
      values.map(v => v.value).sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i + 1),
      'concurrent increments are all counted',
    )
  })

  t.test('100 concurrent writers on four connections lose no update', async t => {
    const stores = [await use(t), await use(t), await use(t), await use(t)]
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const s = stores[i % 4]
        return i % 2
          ? s.patchDoc('ws:global', 'global', { type: 'push', path: ['log'], value: i })
          : s.patchDoc('ws:global', 'global', { type: 'merge', path: ['seen'], value: { [`w${i}`]: i } })
      }),
    )
    const doc = (await stores[0].getDoc('ws:global', 'global')) as { log: number[]; seen: Record<string, number> }
    t.equal(doc.log.length, 50, 'every push')
    t.same(
      [...doc.log].sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, k) => 2 * k + 1),
    )
    t.equal(Object.keys(doc.seen).length, 50, 'every merge')
  })

  t.test('a lock excludes, across connections', async t => {
    const [s1, s2] = [await use(t), await use(t)]
    let inside = 0
    let most = 0
    let done = 0
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const release = await (i % 2 ? s1 : s2).lock('ws:refresh:alice', 5000, 10_000)
        inside++
        most = Math.max(most, inside)
        await sleep(2)
        inside--
        done++
        await release()
      }),
    )
    t.equal(most, 1, 'never two holders at once')
    t.equal(done, 20)
  })

  t.test('a lock expires after its ttl; a stale release frees nothing', async t => {
    const [s1, s2] = [await use(t), await use(t)]
    const stale = await s1.lock('ws:k', 100, 0)
    const err = await s2.lock('ws:k', 5000, 0).then(
      () => undefined,
      (e: unknown) => e,
    )
    t.ok(err instanceof DsulError && err.code === 'LOCK_TIMEOUT', 'held: wait 0 fails at once')
    t.match((err as Error).message, 'lock "ws:k" is still held by another run after waiting 0 s')
    const started = Date.now()
    const release = await s2.lock('ws:k', 5000, 2000)
    t.ok(Date.now() - started >= 50, 'got it once the first holder expired')
    await stale()
    const again = await s1.lock('ws:k', 5000, 0).then(
      () => 'acquired',
      () => 'refused',
    )
    t.equal(again, 'refused', "the expired holder's release did not free the new holder's lock")
    await release()
    const after = await s1.lock('ws:k', 5000, 0)
    await after()
    t.pass('free after its holder released it')
  })
}

t.test('memory', async t => {
  const store = new MemoryStore()
  contract(t, async () => Object.assign(Object.create(store) as Store, { close: async () => {} }))
})

t.test('sqlite', async t => {
  const b = sqliteBackend(t)
  contract(t, () => b.open(), b)
})

t.test('redis', { skip: HAVE_REDIS ? false : NO_REDIS }, async t => {
  const b = redisBackend(t, (await startRedis(t)).url)
  contract(t, () => b.open(), b)
})
