// Secrets at rest: the raw SQLite file and the raw Redis values hold no token in clear, a ciphertext
// moved to another record does not decrypt, and a wrong master key is a clear start-up error.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import t, { type Test } from 'tap'
import type { SqliteStore } from '../../../../runtime/host/store/sqlite.ts'
import type { Store } from '../../../../runtime/core/store.ts'
import { HAVE_REDIS, NO_REDIS, redisBackend, sqliteBackend, startRedis, type Backend } from './helpers.ts'

const ACCESS = 'ya29.ACCESS-TOKEN-' + randomBytes(8).toString('hex')
const REFRESH = 'RT-REFRESH-TOKEN-' + randomBytes(8).toString('hex')
const VERIFIER = 'PKCE-VERIFIER-' + randomBytes(8).toString('hex')
const SECRETS = [ACCESS, REFRESH, VERIFIER]

async function writeSecrets(s: Store): Promise<void> {
  await s.patchDoc('ws:user', 'alice', {
    type: 'replace',
    path: ['oauth'],
    value: { access: ACCESS, refresh: REFRESH },
  })
  await s.patchDoc('ws:global', 'global', { type: 'merge', path: [], value: { clientSecret: ACCESS } })
  await s.set('ws:oauth-state:xyz', { verifier: VERIFIER }, 600_000)
}

function assertNoPlaintext(t: Test, bytes: Buffer, what: string): void {
  for (const secret of SECRETS) t.equal(bytes.indexOf(secret), -1, `${what} does not contain ${secret.slice(0, 12)}…`)
}

async function wrongKey(t: Test, b: Backend, place: string): Promise<void> {
  await t.test('a wrong master key is a clear start-up error', async t => {
    const s = await b.open()
    await s.patchDoc('ws:user', 'carol', { type: 'replace', path: ['x'], value: 1 })
    await s.close()
    await t.rejects(b.open({ masterKey: randomBytes(32) }), {
      message: new RegExp(`^CONFLUENCE_NEXT_MASTER_KEY does not match the key the data in ${place} was written with`),
    })
    const again = await b.open()
    t.same(await again.getDoc('ws:user', 'carol'), { x: 1 }, 'the right key still opens it')
    await again.close()
  })
}

t.test('sqlite', async t => {
  const b = sqliteBackend(t)
  t.test('the database file and its WAL hold no token in clear', async t => {
    const s = await b.open()
    await writeSecrets(s)
    const files = (): string[] => readdirSync(b.options.dataDir).filter(f => f.startsWith('confluence-next.db'))
    t.ok(files().includes('confluence-next.db-wal'), 'WAL mode')
    for (const f of files()) assertNoPlaintext(t, readFileSync(join(b.options.dataDir, f)), `${f} (open)`)
    t.same(await s.getDoc('ws:user', 'alice'), { oauth: { access: ACCESS, refresh: REFRESH } }, 'yet it reads back')
    await s.close()
    const raw = readFileSync(join(b.options.dataDir, 'confluence-next.db'))
    t.ok(raw.indexOf('CREATE TABLE docs') >= 0, 'this is the database file')
    assertNoPlaintext(t, raw, 'confluence-next.db (closed)')
  })

  t.test("a ciphertext copied into another user's record does not decrypt", async t => {
    const s = (await b.open()) as SqliteStore
    t.teardown(() => s.close())
    await writeSecrets(s)
    s.db
      .prepare(
        "INSERT OR REPLACE INTO docs (ns, id, value) SELECT ns, 'mallory', value FROM docs WHERE ns = 'ws:user' AND id = 'alice'",
      )
      .run()
    await t.rejects(s.getDoc('ws:user', 'mallory'), { name: 'UndecryptableError', message: /cannot be decrypted/ })
    s.db
      .prepare(
        "INSERT OR REPLACE INTO docs (ns, id, value) SELECT 'other:user', id, value FROM docs WHERE ns = 'ws:user' AND id = 'alice'",
      )
      .run()
    await t.rejects(s.getDoc('other:user', 'alice'), { name: 'UndecryptableError' }, 'nor in another tenant')
  })

  await wrongKey(t, b, 'DATA_DIR')
})

t.test('redis', { skip: HAVE_REDIS ? false : NO_REDIS }, async t => {
  const { url } = await startRedis(t)
  const b = redisBackend(t, url)
  const raw = new Redis(url)
  t.teardown(() => raw.quit())

  t.test('Redis values hold no token in clear', async t => {
    const s = await b.open()
    t.teardown(() => s.close())
    await writeSecrets(s)
    const keys = await raw.keys(`${b.options.redisPrefix}*`)
    t.ok(keys.length >= 4, `keys: ${keys.join(', ')}`)
    for (const key of keys) {
      const type = await raw.type(key)
      const values =
        type === 'hash' ? Object.values(await raw.hgetallBuffer(key)) : [(await raw.getBuffer(key)) ?? Buffer.alloc(0)]
      for (const v of values) assertNoPlaintext(t, v, `${key} (${type})`)
      assertNoPlaintext(t, Buffer.from(key), `the key name ${key}`)
    }
    t.same(await s.get('ws:oauth-state:xyz'), { verifier: VERIFIER }, 'yet it reads back')
  })

  await wrongKey(t, b, 'Redis')
})
