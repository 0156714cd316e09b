// docs/language.md "lock": run `do` while holding a named lock shared by every instance on the store,
// so "check, then refresh" happens once however many runs race. After acquiring, `user`, `global` and
// `session` are read again: a waiter sees what the previous holder wrote. The key is per workspace (tenant).
import { describeValue, DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import { LockWaitAborted } from '../core/store.ts'
import type { Block, InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

interface Plan {
  key: Template
  ttl?: Template
  wait?: Template
  body: Block
}

export const lock: InstructionDef<Plan> = {
  compile(args: { key: unknown; ttl?: unknown; wait?: unknown; do: unknown }, c) {
    return {
      key: c.template(args.key, ['key']),
      ttl: args.ttl === undefined ? undefined : c.template(args.ttl, ['ttl']),
      wait: args.wait === undefined ? undefined : c.template(args.wait, ['wait']),
      body: c.block(args.do, ['do']),
    }
  },
  async run(plan, ctx) {
    const key = await ctx.evaluate(plan.key)
    if (typeof key !== 'string' && typeof key !== 'number') {
      const detail = `\`key\` must be a string, got ${describeValue(key)}`
      throw new DsulError('INVALID_VALUE', { instruction: 'lock', detail })
    }
    // Defaults: the rest of the run's wall time, so a live holder never loses the lock and a waiter
    // never outlives its run.
    const remaining = ctx.run.remainingMs()
    const ttlMs = plan.ttl ? seconds(await ctx.evaluate(plan.ttl), 'ttl', true) : Math.max(1000, remaining)
    const waitMs = Math.min(plan.wait ? seconds(await ctx.evaluate(plan.wait), 'wait', false) : remaining, remaining)
    const run = ctx.run
    // The run's signal: a run cancelled (or out of time) while waiting never takes the lock.
    const release = await run.store.lock(`lock:${ctx.engine.slug}:${key}`, ttlMs, waitMs, run.signal).catch(err => {
      if (err instanceof LockWaitAborted) throw run.abortError(ctx.automation.slug)
      // Report the key as the automation wrote it, not the store's namespaced one.
      if (err instanceof DsulError && err.code === 'LOCK_TIMEOUT')
        throw new DsulError('LOCK_TIMEOUT', { ...err.data, key: String(key) })
      throw err
    })
    try {
      await Promise.all([run.user.reload(), run.global.reload(), run.session.reload()])
      run.generation++
      await ctx.runBlock(plan.body)
    } finally {
      // A failed release is harmless: the lock expires after its ttl.
      await release().catch(() => {})
    }
    return undefined
  },
}

function seconds(value: unknown, name: string, positive: boolean): number {
  const n = numberOf(value)
  if (
    typeof value === 'boolean' ||
    value === null ||
    value === '' ||
    !Number.isFinite(n) ||
    n < 0 ||
    (positive && n === 0)
  ) {
    throw new DsulError('INVALID_VALUE', {
      instruction: 'lock',
      detail: `\`${name}\` must be a ${positive ? 'positive ' : ''}number of seconds, got ${JSON.stringify(value) ?? 'nothing'}`,
    })
  }
  return n * 1000
}
