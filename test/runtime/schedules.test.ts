// when.schedules (docs/language.md "Schedules"): croner timers in every replica, one run per tick
// across replicas that share a store. Liveness only: the waits are bounded generously, never timed.
import t from 'tap'
import { startSchedules } from '../../runtime/engine/schedules.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'
import { loadFiles } from '../helpers/workspace.ts'

const FILES = {
  'automations/tick.yml': [
    'when:',
    "  schedules: ['* * * * * *']",
    'do:',
    "  - set: { name: 'global.ticks[]', value: '{{run.trigger.type}} {{run.trigger.value}}' }",
    '',
  ].join('\n'),
}

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return false
}

/** A store that remembers each tick claimed (schedules.ts increments one counter per automation and tick). */
class ClaimsStore extends MemoryStore {
  readonly claims = new Map<string, number>()
  override async incr(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number }> {
    const r = await super.incr(key, by, ttlMs)
    if (key.startsWith('schedule:')) this.claims.set(key, r.value)
    return r
  }
}

t.test('two replicas on one store run each tick once', async t => {
  const store = new ClaimsStore()
  const a = loadFiles(FILES, { store }).workspace!
  const b = loadFiles(FILES, { store }).workspace!
  const count = async (): Promise<unknown[]> => ((await store.getDoc('test:global', 'global')).ticks ?? []) as unknown[]
  const schedules = [startSchedules(a), startSchedules(b)]
  t.teardown(() => {
    for (const s of schedules) s.stop()
  })
  t.equal(schedules[0].count, 1, 'one schedule')
  t.ok(await until(async () => (await count()).length >= 3), 'it ran on three ticks')
  for (const s of schedules) s.stop()
  await a.drain()
  await b.drain()
  const ticks = await count()
  t.same([...new Set(ticks)], ['schedule * * * * * *'], 'as a scheduled run, with its expression')
  t.equal(ticks.length, store.claims.size, 'one run per tick, though both replicas fired')
  t.ok(
    [...store.claims.values()].some(v => v === 2),
    'both replicas claimed some tick',
  )
})

t.test('a stopped schedule runs no more', async t => {
  const store = new MemoryStore()
  const ws = loadFiles(FILES, { store }).workspace!
  const s = startSchedules(ws)
  s.stop()
  await new Promise(resolve => setTimeout(resolve, 1500))
  t.same((await store.getDoc('test:global', 'global')).ticks, undefined)
})
