// `when.schedules` (docs/language.md "Schedules"): cron expressions, in UTC, run while `serve` runs.
// Every replica keeps the timers; before each run, a counter in the shared store for that automation and
// tick is incremented, and only the replica that made it 1 runs it: one run per tick across replicas that
// share a store (SQLite file or Redis). A memory store is per process, so each process runs its own.
import { Cron } from 'croner'
import { toDsulError } from '../core/errors.ts'
import type { Workspace } from './workspace.ts'

/** How long a tick's claim is kept: long past any clock skew between replicas. */
const CLAIM_TTL_MS = 10 * 60_000

export interface Schedules {
  readonly count: number
  stop(): void
}

export function startSchedules(workspace: Workspace): Schedules {
  const jobs: Cron[] = []
  for (const automation of workspace.automations.values()) {
    for (const pattern of automation.when.schedules ?? []) {
      const job = new Cron(pattern, { timezone: 'UTC', protect: true }, async (self: Cron) => {
        const tick = (self.currentRun() ?? new Date()).toISOString()
        try {
          const key = `schedule:${workspace.slug}:${automation.slug}:${pattern}:${tick}`
          const claim = await workspace.store.incr(key, 1, CLAIM_TTL_MS)
          if (claim.value !== 1) return
          await workspace.run(automation.slug, {}, { trigger: { type: 'schedule', value: pattern } })
        } catch (err) {
          const detail = { automation: automation.slug, schedule: pattern, err: toDsulError(err).describe() }
          workspace.log.warn(detail, 'scheduled run failed')
        }
      })
      jobs.push(job)
    }
  }
  return {
    count: jobs.length,
    stop: () => {
      for (const job of jobs) job.stop()
    },
  }
}
