// docs/language.md "try": run `do`; on an error run `catch` with `$error` set; always run `finally`.
// `break` is not an error and passes through untouched (finally still runs).
import { BreakSignal, toDsulError } from '../core/errors.ts'
import type { Block, InstructionDef } from './types.ts'

interface Plan {
  body: Block
  handler?: Block
  always?: Block
}

export const tryInstruction: InstructionDef<Plan> = {
  compile(args: { do: unknown; catch?: unknown; finally?: unknown }, c) {
    return {
      body: c.block(args.do, ['do']),
      handler: args.catch === undefined ? undefined : c.block(args.catch, ['catch']),
      always: args.finally === undefined ? undefined : c.block(args.finally, ['finally']),
    }
  },
  async run(plan, ctx) {
    try {
      await ctx.runBlock(plan.body)
    } catch (err) {
      // Without `catch`, the error propagates after `finally` (it is never silently swallowed).
      if (err instanceof BreakSignal || !plan.handler) throw err
      ctx.scope.setLocal('$error', ctx.run.redactor.redactDeep(toDsulError(err).toJSON()))
      await ctx.runBlock(plan.handler)
    } finally {
      if (plan.always) await ctx.runBlock(plan.always)
    }
    return undefined
  },
}
