// runtime/core/scopes.ts: where a variable lives, which scopes are read-only, and how the persisted ones
// (user, global) go through the store.
import t from 'tap'
import { DEFAULT_LIMITS } from '../../runtime/core/limits.ts'
import { Redactor } from '../../runtime/core/redact.ts'
import { RunContext } from '../../runtime/core/run-context.ts'
import { Frame, readPath, RUN_SIGNAL_BINDING, Scope } from '../../runtime/core/scopes.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'

const host = (store = new MemoryStore(), limits = DEFAULT_LIMITS) => ({
  slug: 'ws',
  store,
  limits,
  config: Object.freeze({ site: 'x' }),
  secret: Object.freeze({ key: 'secret-value' }),
  redactor: new Redactor(),
})

async function scope(options: Parameters<typeof RunContext.create>[1] = {}, h = host()): Promise<Scope> {
  const run = await RunContext.create(h, options)
  t.teardown(() => run.finish())
  // What the engine does before an automation that names user, global or session (engine/persisted-reads.ts).
  await run.loadPersisted()
  return new Scope(run, { id: run.id, depth: 0 }, new Frame())
}

t.test('a nested frame reads the outer variables; set writes to the frame that owns the name', async t => {
  const s = await scope()
  s.setLocal('outer', 1)
  const inner = s.child({ item: 'a' })
  t.equal(inner.lookup('outer'), 1)
  t.equal(inner.lookup('item'), 'a')
  t.equal(s.lookup('item'), undefined, 'the loop variable stays in its frame')
  await inner.set(['outer'], 'replace', 2)
  t.equal(s.lookup('outer'), 2, 'an existing name is written where it lives')
  await inner.set(['fresh'], 'replace', 3)
  t.equal(s.lookup('fresh'), 3, "a new name goes to the automation's frame")
  const isolated = s.child({}, true)
  await isolated.set(['mine'], 'replace', 4)
  t.equal(s.lookup('mine'), undefined, 'in an isolated frame (a batch iteration) new names stay there')
  t.equal(isolated.lookup('mine'), 4)
  t.ok(isolated.has('mine'))
  t.notOk(s.has('mine'))
})

t.test("config and secret are read-only, and so are the runtime's run fields", async t => {
  const s = await scope()
  for (const name of ['config', 'secret']) {
    await t.rejects(s.set([name, 'x'], 'replace', 1), {
      code: 'SCOPE_READ_ONLY',
      message: `the ${name} scope is read-only`,
    })
  }
  await t.rejects(s.set(['run', 'id'], 'replace', 1), {
    code: 'SCOPE_READ_ONLY',
    message: /run\.id is set by the runtime/,
  })
  await t.rejects(s.set(['run'], 'replace', 1), { code: 'SCOPE_READ_ONLY' })
  await s.set(['run', 'step'], 'replace', 2)
  t.equal(readPath(s, ['run', 'step']), 2, 'a key of its own is shared by the run (as in Prisme.ai)')
  await t.rejects(s.delete(['config', 'site']), { code: 'SCOPE_READ_ONLY', message: /cannot delete "config.site"/ })
  t.equal(readPath(s, ['config', 'site']), 'x')
  t.equal(readPath(s, ['secret', 'key']), 'secret-value')
})

t.test('user and global persist through the store; the user scope needs a user id', async t => {
  const store = new MemoryStore()
  const s = await scope({ identity: { userId: 'u1' } }, host(store))
  await s.set(['user', 'pref'], 'replace', 'dark')
  await s.set(['global', 'count'], 'replace', 1)
  t.equal(readPath(s, ['user', 'pref']), 'dark')
  t.equal(readPath(s, ['user', 'id']), 'u1', "the caller's id is in the user scope")
  await t.rejects(async () => s.set(['user', 'id'], 'replace', 'u2'), { code: 'SCOPE_READ_ONLY' })
  await t.rejects(async () => s.set(['user'], 'replace', {}), {
    code: 'SCOPE_READ_ONLY',
    message: /set a key inside it/,
  })
  const again = await scope({ identity: { userId: 'u1' } }, host(store))
  t.equal(readPath(again, ['user', 'pref']), 'dark', 'a later run of the same user sees it')
  t.equal(readPath(again, ['global', 'count']), 1)
  const anonymous = await scope({}, host(store))
  t.equal(readPath(anonymous, ['global', 'count']), 1)
  await t.rejects(async () => anonymous.set(['user', 'x'], 'replace', 1), { code: 'SCOPE_NO_USER' })
})

t.test('values over the size limit are refused before they are copied', async t => {
  const s = await scope({}, host(new MemoryStore(), { ...DEFAULT_LIMITS, valueBytes: 20 }))
  let copied = false
  await t.rejects(
    s.set(['big'], 'replace', 'x'.repeat(50), v => {
      copied = true
      return v
    }),
    { code: 'LIMIT_SIZE' },
  )
  t.notOk(copied)
  await s.set(['small'], 'replace', 'ok', v => {
    copied = true
    return v
  })
  t.ok(copied, 'the copy runs for a value that fits')
})

t.test('view and bindings follow every write', async t => {
  const s = await scope()
  s.setLocal('a', 1)
  s.setLocal('$v', 'bound')
  // Beside the automation's own: the run's abort signal (for host functions) and $workspace.
  t.same(s.bindings(), { v: 'bound', [RUN_SIGNAL_BINDING]: s.run.signal, workspace: s.run.host.dsul })
  t.equal(s.view().a, 1)
  t.equal(s.view().config, s.run.config)
  const inner = s.child({ item: 2 })
  await inner.set(['a'], 'replace', 5)
  t.equal(inner.view().a, 5)
  t.equal(inner.view().item, 2)
  t.equal(s.view().a, 5, 'a cached view is refreshed after a write')
  await s.delete(['a'])
  t.equal(s.view().a, undefined)
})
