// docs/language.md "break": leave the nearest `repeat`, the automation, or every automation of the call chain.
import { BreakSignal } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { InstructionDef } from './types.ts'

type Scope = 'automation' | 'repeat' | 'all'
interface Plan {
  scope: Scope
  payload?: Template
}

export const brk: InstructionDef<Plan> = {
  compile(args: { scope?: Scope; payload?: unknown } | null, c) {
    const a = args ?? {}
    return { scope: a.scope ?? 'automation', payload: 'payload' in a ? c.template(a.payload, ['payload']) : undefined }
  },
  async run(plan, ctx) {
    if (!plan.payload) throw new BreakSignal(plan.scope, undefined, false)
    throw new BreakSignal(plan.scope, await ctx.evaluate(plan.payload), true)
  },
}
