// The master key: CONFLUENCE_NEXT_MASTER_KEY (base64 or hex, 32 bytes) or a generated
// <DATA_DIR>/master.key (0600, announced in the log); and rotate-key re-encrypting everything.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { Envelope, reseal } from '../../../../runtime/host/store/crypto.ts'
import { createStore, rotateKey } from '../../../../runtime/host/store/index.ts'
import { parseMasterKey } from '../../../../runtime/host/store/master-key.ts'
import { captureLog, HAVE_REDIS, NO_REDIS, redisBackend, startRedis, tempDir } from './helpers.ts'

t.test('a key is generated on first start, 0600, with a log line; later starts read it', async t => {
  const dataDir = tempDir(t)
  const log = captureLog()
  const s = await createStore({ dataDir, env: {}, log })
  await s.patchDoc('ws:user', 'alice', { type: 'replace', path: ['token'], value: 'T' })
  await s.close()
  const file = join(dataDir, 'master.key')
  t.equal(statSync(file).mode & 0o777, 0o600, 'owner-only')
  t.equal(parseMasterKey(readFileSync(file, 'utf8')).length, 32)
  t.match(log.lines, [{ level: 'warn', msg: /generated a new master key in .*master\.key \(mode 0600\)/ }])

  const log2 = captureLog()
  const again = await createStore({ dataDir, env: {}, log: log2 })
  t.same(await again.getDoc('ws:user', 'alice'), { token: 'T' }, 'the file key opens the data')
  await again.close()
  t.same(log2.lines, [], 'no new key')

  rmSync(file)
  await t.rejects(
    createStore({ dataDir, env: {} }),
    {
      message:
        /does not match the key the data in DATA_DIR was written with .*CONFLUENCE_NEXT_MASTER_KEY is unset and .*master\.key is missing/,
    },
    'a lost key file is an error, not a fresh key over old data',
  )
  t.notOk(existsSync(file), 'and no key file was written over it')
})

t.test('CONFLUENCE_NEXT_MASTER_KEY: base64 or hex, exactly 32 bytes', async t => {
  const key = randomBytes(32)
  const dataDir = tempDir(t)
  const s = await createStore({ dataDir, env: { CONFLUENCE_NEXT_MASTER_KEY: key.toString('base64') } })
  await s.set('ws:k', 'v')
  await s.close()
  t.notOk(existsSync(join(dataDir, 'master.key')), 'no key file when the variable is set')
  const hex = await createStore({ dataDir, env: { CONFLUENCE_NEXT_MASTER_KEY: key.toString('hex') } })
  t.equal(await hex.get('ws:k'), 'v', 'the same key in hex')
  await hex.close()
  await t.rejects(
    createStore({ dataDir: tempDir(t), env: { CONFLUENCE_NEXT_MASTER_KEY: randomBytes(16).toString('base64') } }),
    {
      message:
        'CONFLUENCE_NEXT_MASTER_KEY must be 32 random bytes, base64 or hex encoded (got 16 bytes); generate one with `openssl rand -base64 32`',
    },
  )
  await t.rejects(createStore({ dataDir: tempDir(t), env: { CONFLUENCE_NEXT_MASTER_KEY: 'not a key!' } }), {
    message: /got neither base64 nor hex/,
  })
})

t.test('rotate-key with a key file: new master.key, every record re-encrypted', async t => {
  const dataDir = tempDir(t)
  const s = await createStore({ dataDir, env: {} })
  await s.patchDoc('ws:user', 'alice', { type: 'replace', path: ['token'], value: 'T' })
  await s.set('ws:state', { v: 1 }, 60_000)
  await s.close()
  const oldKey = readFileSync(join(dataDir, 'master.key'), 'utf8')
  const result = await rotateKey({ dataDir, env: {} })
  t.same(result, { records: 2, keyFile: join(dataDir, 'master.key') })
  t.not(readFileSync(join(dataDir, 'master.key'), 'utf8'), oldKey, 'a new key')
  t.equal(statSync(join(dataDir, 'master.key')).mode & 0o777, 0o600)
  t.notOk(existsSync(join(dataDir, 'master.key.new')))
  const after = await createStore({ dataDir, env: {} })
  t.same(await after.getDoc('ws:user', 'alice'), { token: 'T' })
  t.same(await after.get('ws:state'), { v: 1 })
  await after.close()
  await t.rejects(
    createStore({ dataDir, env: { CONFLUENCE_NEXT_MASTER_KEY: oldKey } }),
    { message: /does not match/ },
    'the old key no longer opens it',
  )
})

t.test('rotate-key on Redis with CONFLUENCE_NEXT_NEW_MASTER_KEY', { skip: HAVE_REDIS ? false : NO_REDIS }, async t => {
  const b = redisBackend(t, (await startRedis(t)).url)
  const oldKey = b.options.masterKey as string
  const newKey = randomBytes(32).toString('base64')
  const s = await b.open()
  for (let i = 0; i < 30; i++)
    await s.patchDoc('ws:user', `u${i}`, { type: 'replace', path: ['token'], value: `T${i}` })
  await s.set('ws:state', { v: 1 }, 60_000)
  await s.close()
  const { masterKey: _, ...rest } = b.options
  await t.rejects(rotateKey({ ...rest, env: { CONFLUENCE_NEXT_MASTER_KEY: oldKey } }), {
    message: /set CONFLUENCE_NEXT_NEW_MASTER_KEY/,
  })
  const result = await rotateKey({
    ...rest,
    env: { CONFLUENCE_NEXT_MASTER_KEY: oldKey, CONFLUENCE_NEXT_NEW_MASTER_KEY: newKey },
  })
  t.same(result, { records: 31 })
  const again = await rotateKey({
    ...rest,
    env: { CONFLUENCE_NEXT_MASTER_KEY: newKey, CONFLUENCE_NEXT_NEW_MASTER_KEY: oldKey },
  })
  t.same(again, { records: 31 }, 'and back')
  const resumed = await rotateKey({
    ...rest,
    env: { CONFLUENCE_NEXT_MASTER_KEY: oldKey, CONFLUENCE_NEXT_NEW_MASTER_KEY: newKey },
  })
  t.same(resumed, { records: 31 })
  const after = await b.open({ masterKey: newKey })
  t.same(await after.getDoc('ws:user', 'u29'), { token: 'T29' })
  t.same(await after.get('ws:state'), { v: 1 })
  await after.close()
  await t.rejects(b.open({ masterKey: oldKey }), { message: /data in Redis was written with/ })
})

t.test('a resumed rotation skips the records already under the new key', async t => {
  const from = new Envelope(randomBytes(32))
  const to = new Envelope(randomBytes(32))
  const old = from.seal({ token: 'T' }, 'r1')
  const done = reseal(old, 'r1', from, to)!
  t.same(to.open(done, 'r1'), { token: 'T' }, 're-encrypted under the new key')
  t.equal(done[1], to.keyId, 'tagged with the new key id')
  t.equal(reseal(done, 'r1', from, to), undefined, 'already done: skipped')
  t.throws(() => from.open(done, 'r1'), { name: 'UndecryptableError' })
})
