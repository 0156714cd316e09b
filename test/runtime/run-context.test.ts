// runtime/core/run-context.ts: what one run shares across the automations it calls (ids, deadline, signal,
// its own redactor).
import t from 'tap'
import { DEFAULT_LIMITS } from '../../runtime/core/limits.ts'
import { Redactor } from '../../runtime/core/redact.ts'
import { RunContext } from '../../runtime/core/run-context.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'

const host = (store = new MemoryStore(), limits = DEFAULT_LIMITS) => ({
  slug: 'ws',
  store,
  limits,
  config: Object.freeze({ site: 'x' }),
  secret: Object.freeze({ key: 'secret-value' }),
  redactor: new Redactor(),
})

t.test('a run has an id, a correlation id, a deadline and a child redactor', async t => {
  const h = host()
  const run = await RunContext.create(h, { correlationId: 'c-1', trigger: { type: 'mcp', value: 'tool' } })
  t.teardown(() => run.finish())
  t.equal(run.correlationId, 'c-1')
  t.same(run.trigger, { type: 'mcp', value: 'tool' })
  t.equal(run.deadline, run.startedAt + DEFAULT_LIMITS.runWallTimeMs)
  t.ok(run.remainingMs() > 0 && run.remainingMs() <= DEFAULT_LIMITS.runWallTimeMs)
  t.equal(run.date, new Date(run.startedAt).toISOString())
  run.redactor.add('run-only-value')
  t.equal(h.redactor.redact('run-only-value'), 'run-only-value', 'the workspace redactor does not learn it')
  const plain = await RunContext.create(h)
  t.teardown(() => plain.finish())
  t.equal(plain.correlationId, plain.id, 'without one, the correlation id is the run id')
  t.same(plain.trigger, { type: 'automation' })
})

t.test('the run signal aborts at the wall time and when the caller gives up', async t => {
  const caller = new AbortController()
  const run = await RunContext.create(host(), { signal: caller.signal })
  t.notOk(run.signal.aborted)
  caller.abort()
  t.ok(run.signal.aborted)
  run.finish()
  const short = await RunContext.create(host(new MemoryStore(), { ...DEFAULT_LIMITS, runWallTimeMs: 20 }))
  // The run's own timer is unref'd (it never keeps a process alive): this one keeps the test running.
  await new Promise<void>(resolve => {
    const keepAlive = setTimeout(resolve, 10_000)
    short.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(keepAlive)
        resolve()
      },
      { once: true },
    )
  })
  t.ok(short.signal.aborted)
  t.equal(short.remainingMs(), 0)
  short.finish()
})

t.test("the user scope is loaded for the run's user, with its id", async t => {
  const store = new MemoryStore()
  await store.patchDoc('ws:user', 'u1', { type: 'replace', path: ['pref'], value: 'dark' })
  await store.patchDoc('ws:global', 'global', { type: 'replace', path: ['n'], value: 3 })
  const run = await RunContext.create(host(store), { identity: { userId: 'u1' } })
  t.teardown(() => run.finish())
  await run.loadPersisted()
  t.same(run.user.value, { pref: 'dark', id: 'u1' })
  t.same(run.global.value, { n: 3 })
  t.same(run.identity, { userId: 'u1' })
  const anonymous = await RunContext.create(host(store))
  t.teardown(() => anonymous.finish())
  await anonymous.loadPersisted()
  t.same(anonymous.user.value, { id: undefined }, "no user: an empty user scope, never another user's")
  t.same(anonymous.identity, {})
})
