// docs/language.md "wait": pause for `timeout` seconds, or until an event matching `filters` arrives
// (the event is the result; `undefined` when the timeout passes first), or the first of several
// (`oneOf`, each with its own filters; `cancelTriggers` keeps the matched event from triggering
// `when.events` automations). Never past the run's wall time.
import { isDeepStrictEqual } from 'node:util'
import type { WorkspaceEvent } from '../engine/types.ts'
import type { Template } from '../expressions/index.ts'
import { getPath, type Segment } from '../core/paths.ts'
import { eventType } from './emit.ts'
import type { InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

interface Awaited {
  event: Template
  filters?: Array<[Segment[], Template]>
  cancelTriggers?: boolean
}

interface Plan {
  events: Awaited[]
  timeout: Template
}

interface WaitArgs {
  event?: string
  filters?: Record<string, unknown>
  cancelTriggers?: boolean
}

const DEFAULT_TIMEOUT_S = 20
const WALL_TIME_MARGIN_MS = 50

export const wait: InstructionDef<Plan> = {
  compile(args: WaitArgs & { oneOf?: WaitArgs[]; timeout?: unknown }, c) {
    const awaited = (a: WaitArgs, at: Array<string | number>): Awaited => ({
      event: c.template(a.event, [...at, 'event']),
      filters:
        a.filters &&
        Object.entries(a.filters).map(([path, v]) => [
          c.path(path, [...at, 'filters', path]),
          c.template(v, [...at, 'filters', path]),
        ]),
      cancelTriggers: a.cancelTriggers === true,
    })
    const events = args.event === undefined ? [] : [awaited(args, [])]
    args.oneOf?.forEach((a, i) => events.push(awaited(a, ['oneOf', i])))
    return { events, timeout: c.template(args.timeout ?? DEFAULT_TIMEOUT_S, ['timeout']) }
  },
  async run(plan, ctx) {
    const seconds = numberOf(await ctx.evaluate(plan.timeout))
    const wanted = Math.max(0, Number.isFinite(seconds) ? seconds * 1000 : 0)
    const remaining = ctx.run.remainingMs()
    const ms = Math.min(wanted, remaining)
    if (plan.events.length === 0) {
      // A pause that reaches the wall time is ended by the run's own timer (its abort), not by a timer
      // of its own that could fire a millisecond before the deadline and let one more instruction run;
      // the later timer only keeps the process alive (the run's timer is unref'd).
      await sleep(wanted >= remaining ? remaining + WALL_TIME_MARGIN_MS : ms, ctx.run.signal)
      return undefined
    }
    const awaitedEvents: Array<{ type: string; filters: Array<[Segment[], unknown]>; cancelTriggers?: boolean }> = []
    for (const a of plan.events) {
      const filters: Array<[Segment[], unknown]> = []
      for (const [path, t] of a.filters ?? []) filters.push([path, await ctx.evaluate(t)])
      const type = eventType(await ctx.evaluate(a.event), 'wait')
      awaitedEvents.push({ type, filters, cancelTriggers: a.cancelTriggers })
    }
    const matching = (e: WorkspaceEvent) =>
      awaitedEvents.find(
        w => w.type === e.type && w.filters.every(([path, want]) => isDeepStrictEqual(getPath(e, path), want)),
      )
    const cancels = awaitedEvents.some(w => w.cancelTriggers)
      ? (e: WorkspaceEvent) => matching(e)?.cancelTriggers === true
      : undefined
    const types = [...new Set(awaitedEvents.map(w => w.type))]
    return ctx.engine.waitFor(types, e => matching(e) !== undefined, ms, ctx.run.signal, ctx.run, cancels)
  },
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
