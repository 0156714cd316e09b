// docs/language.md "fail": stop with an error of the automation's own making — a message for the
// caller (an MCP isError text, a webhook error body), a `reason` code to branch on in `catch`, an
// HTTP status, and details.
import { describeValue, DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

export const fail: InstructionDef<Template> = {
  compile: (args: Record<string, unknown>, c) => c.template(args),
  async run(plan, ctx) {
    const a = (await ctx.evaluate(plan)) as { message: string; reason?: string; status?: number; details?: unknown }
    const status = numberOf(a.status)
    throw new DsulError('FAILED', {
      message: typeof a.message === 'string' ? a.message : describeValue(a.message),
      reason: a.reason ?? 'FAILED',
      status: Number.isInteger(status) && status >= 400 && status <= 599 ? status : 400,
      ...(a.details === undefined ? {} : { details: a.details }),
    })
  },
}
