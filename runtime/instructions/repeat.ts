// docs/language.md "repeat": iterate `on` (array, or object as {key, value} entries) or `until` times.
// Each iteration gets its own frame with `item` and `$index`; `batch.size` runs iterations concurrently,
// and then variables first created inside an iteration stay in it (no race between iterations).
import { BreakSignal, DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { Block, InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

interface Plan {
  on?: Template
  until?: Template
  body: Block
  batchSize?: Template
  batchInterval?: Template
}

/** The iterations to run: a count and the item of each, so `until: 1e9` is refused before anything is built. */
interface Iterations {
  count: number
  item: (i: number) => unknown
}

export const repeat: InstructionDef<Plan> = {
  compile(args: { on?: unknown; until?: unknown; do: unknown; batch?: { size: unknown; interval?: unknown } }, c) {
    return {
      on: args.on === undefined ? undefined : c.template(args.on, ['on']),
      until: args.until === undefined ? undefined : c.template(args.until, ['until']),
      body: c.block(args.do, ['do']),
      batchSize: args.batch ? c.template(args.batch.size, ['batch', 'size']) : undefined,
      batchInterval:
        args.batch?.interval === undefined ? undefined : c.template(args.batch.interval, ['batch', 'interval']),
    }
  },
  async run(plan, ctx) {
    const { count, item } = await iterations(plan, ctx.evaluate, ctx.run.limits.repeatIterations)
    const size = plan.batchSize ? Math.max(1, Math.floor(numberOf(await ctx.evaluate(plan.batchSize)) || 1)) : 1
    const interval = plan.batchInterval ? numberOf(await ctx.evaluate(plan.batchInterval)) || 0 : 0
    try {
      for (let start = 0; start < count; start += size) {
        if (start > 0 && interval > 0) {
          await new Promise(resolve => setTimeout(resolve, Math.min(interval, ctx.run.remainingMs())))
        }
        const runs: Array<Promise<void>> = []
        // async: a block that throws synchronously rejects its own promise, not the whole batch's loop.
        for (let i = start; i < Math.min(count, start + size); i++) {
          runs.push((async () => ctx.runBlock(plan.body, ctx.scope.child({ item: item(i), $index: i }, size > 1)))())
        }
        await Promise.all(runs)
      }
    } catch (err) {
      if (err instanceof BreakSignal && err.scope === 'repeat') return undefined
      throw err
    }
    return undefined
  },
}

type Evaluate = (t: Template) => Promise<unknown>

async function iterations(plan: Plan, evaluate: Evaluate, limit: number): Promise<Iterations> {
  const until = plan.until ? numberOf(await evaluate(plan.until)) : undefined
  if (until !== undefined && !Number.isFinite(until)) {
    const detail = `\`until\` must be a number, got ${JSON.stringify(until)}`
    throw new DsulError('INVALID_VALUE', { instruction: 'repeat', detail })
  }
  const cap = until === undefined ? Infinity : Math.max(0, Math.floor(until))
  // Checked on the count alone, before any item or iteration exists.
  const bounded = (count: number): number => {
    const n = Math.min(count, cap)
    if (n > limit) throw new DsulError('LIMIT_REPEAT', { count: n, limit })
    return n
  }
  if (!plan.on) return { count: bounded(cap === Infinity ? 0 : cap), item: i => i }
  const source = await evaluate(plan.on)
  if (Array.isArray(source)) return { count: bounded(source.length), item: i => source[i] }
  if (source === undefined || source === null) return { count: 0, item: () => undefined }
  if (typeof source === 'object') {
    const keys = Object.keys(source)
    const count = bounded(keys.length)
    // The entries as they are now (as Object.entries gave them), built only once the count is allowed.
    const entries = keys.slice(0, count).map(key => ({ key, value: (source as Record<string, unknown>)[key] }))
    return { count, item: i => entries[i] }
  }
  const detail = `\`on\` must be an array or an object, got ${typeof source}`
  throw new DsulError('INVALID_VALUE', { instruction: 'repeat', detail })
}
