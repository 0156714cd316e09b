// docs/language.md "rateLimit": a fixed-window counter in the store, per `name` and `consumer`
// (default: the run's user, else the workspace). Over the limit it raises RATE_LIMITED, or with
// `break: false` returns {ok: false, retryAfter, ...} so the automation can decide.
import { DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

interface Plan {
  args: Template
}
interface Args {
  name: string
  limit: number
  window: number
  consumer?: string
  consume?: number
  break?: boolean
}

export const rateLimit: InstructionDef<Plan> = {
  compile(args: Record<string, unknown>, c) {
    const { output: _output, ...rest } = args
    return { args: c.template(rest) }
  },
  async run(plan, ctx) {
    const a = (await ctx.evaluate(plan.args)) as Args
    const consumer = a.consumer ?? ctx.run.identity.userId ?? 'workspace'
    const windowMs = Math.max(1, numberOf(a.window)) * 1000
    const consume = a.consume ?? 1
    const key = `ratelimit:${ctx.engine.slug}:${a.name}:${consumer}`
    const { value, ttlMs } = await ctx.run.store.incr(key, consume, windowMs)
    const ok = value <= a.limit
    const result = {
      ok,
      remaining: Math.max(0, a.limit - value),
      retryAfter: ok ? 0 : Math.ceil(ttlMs / 1000),
      limit: a.limit,
      window: a.window,
      consumer,
    }
    if (!ok && a.break !== false) {
      throw new DsulError('RATE_LIMITED', {
        name: a.name,
        limit: a.limit,
        window: a.window,
        retryAfter: result.retryAfter,
      })
    }
    return result
  },
}
