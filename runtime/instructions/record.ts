// docs/language.md "record": key-value records in the store with an optional time to live, for what
// belongs to no user's scope yet — OAuth states, single-use links — or to a user the run is not
// (a public callback). `take` reads and deletes in one step, so a record is consumed at most once
// even across instances. Keys are namespaced by the workspace slug: tenants never share a record.
import { DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import { valueError, valueProblem } from '../core/limits.ts'
import type { InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

type Op = 'put' | 'get' | 'take' | 'delete'

interface Plan {
  op: Op
  key: Template
  value?: Template
  ttl?: Template
}

export const record: InstructionDef<Plan> = {
  compile(args: { op: Op; key: unknown; value?: unknown; ttl?: unknown }, c) {
    if (args.op === 'put' && !('value' in args)) throw invalid('`put` needs a `value`')
    if (args.op !== 'put' && ('value' in args || 'ttl' in args))
      throw invalid(`\`value\` and \`ttl\` only go with \`put\`, not \`${args.op}\``)
    return {
      op: args.op,
      key: c.template(args.key, ['key']),
      value: 'value' in args ? c.template(args.value, ['value']) : undefined,
      ttl: args.ttl === undefined ? undefined : c.template(args.ttl, ['ttl']),
    }
  },
  async run(plan, ctx) {
    const key = await ctx.evaluate(plan.key)
    if ((typeof key !== 'string' && typeof key !== 'number') || key === '')
      throw invalid(`\`key\` must be a non-empty string, got ${JSON.stringify(key) ?? 'nothing'}`)
    const store = ctx.run.store
    const storeKey = `record:${ctx.engine.slug}:${key}`
    switch (plan.op) {
      // null, not nothing: `output` is then always written, so a stale variable never survives a miss.
      case 'get':
        return (await store.get(storeKey)) ?? null
      case 'take':
        return (await store.take(storeKey)) ?? null
      case 'delete':
        return store.delete(storeKey)
      case 'put': {
        const value = await ctx.evaluate(plan.value!)
        if (value === undefined) throw invalid(`the value to put in "${key}" is missing`)
        const problem = valueProblem(value, ctx.run.limits.valueBytes)
        if (problem) throw valueError(problem, `the value of record "${key}"`, ctx.run.limits)
        const ttl = plan.ttl ? numberOf(await ctx.evaluate(plan.ttl)) : undefined
        if (ttl !== undefined && !(Number.isFinite(ttl) && ttl > 0))
          throw invalid('`ttl` must be a positive number of seconds')
        await store.set(storeKey, value, ttl === undefined ? undefined : ttl * 1000)
        return undefined
      }
    }
  },
}

function invalid(detail: string): DsulError {
  return new DsulError('INVALID_VALUE', { instruction: 'record', detail })
}
