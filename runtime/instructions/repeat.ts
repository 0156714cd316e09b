// docs/language.md "repeat": iterate `on` (array, or object as {key, value} entries) or `until` times.
// Each iteration gets its own frame with `item` and `$index`; `batch.size` runs iterations concurrently,
// and then variables first created inside an iteration stay in it (no race between iterations).
import { BreakSignal, DsulError } from '../errors.ts'
import type { Template } from '../expressions.ts'
import type { Block, InstructionDef } from './types.ts'

interface Plan { on?: Template, until?: Template, body: Block, batchSize?: Template, batchInterval?: Template }

export const repeat: InstructionDef<Plan> = {
  compile (args: { on?: unknown, until?: unknown, do: unknown, batch?: { size: unknown, interval?: unknown } }, c) {
    return {
      on: args.on === undefined ? undefined : c.template(args.on, ['on']),
      until: args.until === undefined ? undefined : c.template(args.until, ['until']),
      body: c.block(args.do, ['do']),
      batchSize: args.batch ? c.template(args.batch.size, ['batch', 'size']) : undefined,
      batchInterval: args.batch?.interval === undefined ? undefined : c.template(args.batch.interval, ['batch', 'interval']),
    }
  },
  async run (plan, ctx) {
    const items = await iterationItems(plan, ctx.evaluate)
    const limit = ctx.run.limits.repeatIterations
    if (items.length > limit) throw new DsulError('LIMIT_REPEAT', { count: items.length, limit })
    const size = plan.batchSize ? Math.max(1, Math.floor(Number(await ctx.evaluate(plan.batchSize)) || 1)) : 1
    const interval = plan.batchInterval ? Number(await ctx.evaluate(plan.batchInterval)) || 0 : 0
    try {
      for (let start = 0; start < items.length; start += size) {
        if (start > 0 && interval > 0) await new Promise(resolve => setTimeout(resolve, Math.min(interval, ctx.run.remainingMs())))
        const batch = items.slice(start, start + size)
        await Promise.all(batch.map(async (item, k) => ctx.runBlock(plan.body, ctx.scope.child({ item, $index: start + k }, size > 1))))
      }
    } catch (err) {
      if (err instanceof BreakSignal && err.scope === 'repeat') return undefined
      throw err
    }
    return undefined
  },
}

async function iterationItems (plan: Plan, evaluate: (t: Template) => Promise<unknown>): Promise<unknown[]> {
  const until = plan.until ? Number(await evaluate(plan.until)) : undefined
  if (until !== undefined && !Number.isFinite(until)) throw new DsulError('INVALID_VALUE', { instruction: 'repeat', detail: `\`until\` must be a number, got ${JSON.stringify(until)}` })
  if (!plan.on) return Array.from({ length: Math.max(0, Math.floor(until ?? 0)) }, (_, i) => i)
  const source = await evaluate(plan.on)
  let items: unknown[]
  if (Array.isArray(source)) items = source
  else if (source === undefined || source === null) items = []
  else if (typeof source === 'object') items = Object.entries(source).map(([key, value]) => ({ key, value }))
  else throw new DsulError('INVALID_VALUE', { instruction: 'repeat', detail: `\`on\` must be an array or an object, got ${typeof source}` })
  return until === undefined ? items : items.slice(0, Math.max(0, Math.floor(until)))
}
