// runtime/core/run-context.ts: what one run shares across the automations it calls (ids, deadline, signal,
// its own redactor).
import t from 'tap'
import { DEFAULT_LIMITS } from '../../runtime/core/limits.ts'
import { Redactor } from '../../runtime/core/redact.ts'
import { isoTime, RunContext, type StopListener } from '../../runtime/core/run-context.ts'
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

t.test('a stop reaches the signal made after it, and each stop listener once', async t => {
  const run = await RunContext.create(host())
  t.teardown(() => run.finish())
  let told = 0
  const listener: StopListener = { handleEvent: () => told++ }
  const removed: StopListener = { handleEvent: () => t.fail('a removed listener is not told') }
  run.onStop(listener)
  run.onStop(removed)
  run.offStop(removed)
  t.notOk(run.aborted)
  run.cancel('the client closed the connection')
  run.cancel('a second time')
  t.ok(run.aborted)
  t.equal(told, 1)
  t.equal(run.cancelled, 'the client closed the connection')
  // The signal did not exist yet: made now, it is already aborted, with the same reason.
  t.ok(run.signal.aborted)
  t.equal(run.signal.reason, run.abortReason)
  t.match(run.signal.reason, { code: 'RUN_CANCELLED' })
  run.onStop(listener)
  t.equal(told, 1, 'a listener added after the stop is not told (callers check `aborted` first)')
})

t.test('isoTime is Date#toISOString', async t => {
  const base = Date.UTC(2026, 11, 2, 16, 59, 59, 0)
  const times = [base, base + 1, base + 9, base + 10, base + 99, base + 100, base + 999, base + 1000, base + 1001]
  for (let i = 0; i < 500; i++) times.push(Math.floor(Math.random() * 4_102_444_800_000))
  const wrong = [...times, ...times.reverse()].filter(ms => isoTime(ms) !== new Date(ms).toISOString())
  t.same(wrong, [], 'within a second, across seconds, in any order')
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
