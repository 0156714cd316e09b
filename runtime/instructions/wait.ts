// docs/language.md "wait": pause for `timeout` seconds, or until an event matching `filters` arrives
// (the event is the result; `undefined` when the timeout passes first). Never past the run's wall time.
import { isDeepStrictEqual } from 'node:util'
import type { WorkspaceEvent } from '../engine/types.ts'
import type { Template } from '../expressions/index.ts'
import { getPath, type Segment } from '../core/paths.ts'
import { eventType } from './emit.ts'
import type { InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

interface Plan {
  event?: Template
  filters?: Array<[Segment[], Template]>
  timeout: Template
}

const DEFAULT_TIMEOUT_S = 20
const WALL_TIME_MARGIN_MS = 50

export const wait: InstructionDef<Plan> = {
  compile (args: { event?: string, filters?: Record<string, unknown>, timeout?: unknown }, c) {
    return {
      event: args.event === undefined ? undefined : c.template(args.event, ['event']),
      filters: args.filters &&
        Object.entries(args.filters).map((
          [path, v],
        ) => [c.path(path, ['filters', path]), c.template(v, ['filters', path])]),
      timeout: c.template(args.timeout ?? DEFAULT_TIMEOUT_S, ['timeout']),
    }
  },
  async run (plan, ctx) {
    const seconds = numberOf(await ctx.evaluate(plan.timeout))
    const wanted = Math.max(0, Number.isFinite(seconds) ? seconds * 1000 : 0)
    const remaining = ctx.run.remainingMs()
    const ms = Math.min(wanted, remaining)
    if (!plan.event) {
      // A pause that reaches the wall time is ended by the run's own timer (its abort), not by a timer
      // of its own that could fire a millisecond before the deadline and let one more instruction run;
      // the later timer only keeps the process alive (the run's timer is unref'd).
      await sleep(wanted >= remaining ? remaining + WALL_TIME_MARGIN_MS : ms, ctx.run.signal)
      return undefined
    }
    const type = eventType(await ctx.evaluate(plan.event), 'wait')
    const filters: Array<[Segment[], unknown]> = []
    for (const [path, t] of plan.filters ?? []) filters.push([path, await ctx.evaluate(t)])
    const matches = (e: WorkspaceEvent): boolean =>
      filters.every(([path, want]) => isDeepStrictEqual(getPath(e, path), want))
    const event = await ctx.engine.waitFor(type, matches, ms, ctx.run.signal, ctx.run)
    return event
  },
}

function sleep (ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve()
      return
    }
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
