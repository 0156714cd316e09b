// docs/language.md "break": leave the nearest `repeat`, the automation, or every automation of the call chain.
import { BreakSignal } from '../errors.ts'
import type { Template } from '../expressions.ts'
import type { InstructionDef } from './types.ts'

type Scope = 'automation' | 'repeat' | 'all'
interface Plan { scope: Scope, payload?: Template }

export const brk: InstructionDef<Plan> = {
  compile (args: { scope?: Scope, payload?: unknown } | null, c) {
    const a = args ?? {}
    return { scope: a.scope ?? 'automation', payload: 'payload' in a ? c.template(a.payload, ['payload']) : undefined }
  },
  async run (plan, ctx) {
    const payload = plan.payload ? await ctx.evaluate(plan.payload) : undefined
    throw new BreakSignal(plan.scope, payload, plan.payload !== undefined)
  },
}
